/** The method: the models and their parameters, the BG/NBD fit on a holdout, and the indicators' definitions. */
import { btydFitChart } from '../../charts/index.js'
import { formatCount, formatParam, html, type Html } from '../format.js'
import type { ReportFit, ReportModel } from '../types.js'
import { chapter, type SectionContext } from './context.js'
import { figure } from './figure.js'

function params(p: Readonly<Record<string, number>> | undefined): Html {
  if (p === undefined || Object.keys(p).length === 0) return html``
  return html`${Object.entries(p).map(
    ([k, v], i) => html`${i > 0 ? html`<br />` : ''}<code>${k} = ${formatParam(v)}</code>`,
  )}`
}

function modelList(ctx: SectionContext, models: readonly ReportModel[]): Html {
  const { t } = ctx
  const rows = models.map(
    (m) =>
      html`<tr>
        <td>${ctx.pick(m.name)}</td>
        <td>${ctx.pick(m.detail)}</td>
        <td>${params(m.params)}</td>
      </tr>`,
  )
  return html`<table class="models">
    <colgroup>
      <col style="width:22%" />
      <col style="width:48%" />
      <col style="width:30%" />
    </colgroup>
    <thead>
      <tr>
        <th>${t.models}</th>
        <th>${t.definition}</th>
        <th>${t.parameters}</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`
}

function fitTable(ctx: SectionContext, fit: ReportFit): Html {
  const { t } = ctx
  const row = (k: string, v: Html | string) =>
    html`<tr>
      <th>${k}</th>
      <td>${v}</td>
    </tr>`
  return html`<table class="fit">
    <colgroup>
      <col style="width:38%" />
      <col style="width:62%" />
    </colgroup>
    <tbody>
      ${[
        row(t.calibration, `${fit.start} – ${fit.calibrationEnd}`),
        row(t.holdout, `${fit.holdoutStart} – ${fit.end}`),
        row(t.customers, formatCount(fit.customers)),
        row(t.distinctRows, formatCount(fit.distinctRows)),
        row(t.parameters, params(fit.params)),
        row(t.logLikelihood, fit.logLikelihood.toFixed(1)),
        row(t.converged, fit.converged ? t.yes : t.no),
        row(
          t.holdoutPurchases,
          `${formatCount(fit.holdout.actual)} / ${formatCount(fit.holdout.predicted)}`,
        ),
        row(t.mae, formatParam(fit.holdout.mae)),
        row(t.rmse, formatParam(fit.holdout.rmse)),
      ]}
    </tbody>
  </table>`
}

export function methodSection(ctx: SectionContext): Html {
  const { t, data } = ctx
  const m = data.method
  const fit = figure(ctx, 'btydFit', data.charts.btydFit, btydFitChart)
  const indicators = m.indicators.map(
    (i) =>
      html`<tr>
        <td>${ctx.pick(i.label)}<br /><code class="muted">${i.name}</code></td>
        <td>${ctx.pick(i.description)}</td>
      </tr>`,
  )
  return chapter('method', t.method, [
    modelList(ctx, m.models),
    fit.text === '' && !m.fit ? html`` : html`<h3>${t.modelFit}</h3>`,
    fit,
    m.fit ? fitTable(ctx, m.fit) : html``,
    html`<h3>${t.indicators}</h3>`,
    html`<table class="indicators">
      <colgroup>
        <col style="width:30%" />
        <col style="width:70%" />
      </colgroup>
      <thead>
        <tr>
          <th>${t.indicator}</th>
          <th>${t.definition}</th>
        </tr>
      </thead>
      <tbody>
        ${indicators}
      </tbody>
    </table>`,
  ])
}
