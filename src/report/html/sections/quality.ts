/** The data quality summary: what the store holds and what looked odd in it. */
import { formatCount, html, type Html } from '../format.js'
import { qualityText, tableName } from '../quality-text.js'
import { chapter, type SectionContext } from './context.js'

export function qualitySection(ctx: SectionContext): Html {
  const { t, data, lang } = ctx
  const tables = data.quality.tables
    .filter((r) => r.rows > 0)
    .map(
      (r) =>
        html`<tr>
          <td>${tableName(r.table, lang)}</td>
          <td class="num">${formatCount(r.rows)}</td>
          <td class="num">${formatCount(r.customers)}</td>
          <td>${r.from ?? '–'}</td>
          <td>${r.to ?? '–'}</td>
        </tr>`,
    )
  const findings = data.quality.findings.map(
    (f) =>
      html`<tr>
        <td>${qualityText(f.check, lang)}</td>
        <td class="${f.severity === 'warning' ? 'bad' : 'muted'}">
          ${f.severity === 'warning' ? t.severityWarning : t.severityInfo}
        </td>
        <td class="num">${formatCount(f.count)}</td>
        <td>
          ${f.examples.length === 0 ? '–' : f.examples.map((e, i) => html`${i > 0 ? html`<br />` : ''}<code>${e}</code>`)}
        </td>
        <td>${qualityText(f.action, lang)}</td>
      </tr>`,
  )
  return chapter('quality', t.quality, [
    html`<table class="store-tables">
      <thead>
        <tr>
          <th>${t.table}</th>
          <th class="num">${t.rows}</th>
          <th class="num">${t.customers}</th>
          <th>${t.from}</th>
          <th>${t.to}</th>
        </tr>
      </thead>
      <tbody>
        ${tables}
      </tbody>
    </table>`,
    findings.length === 0
      ? html`<p class="ok">${t.noFindings}</p>`
      : html`<table class="findings">
          <colgroup>
            <col style="width:22%" />
            <col style="width:9%" />
            <col style="width:10%" />
            <col style="width:27%" />
            <col style="width:32%" />
          </colgroup>
          <thead>
            <tr>
              <th>${t.check}</th>
              <th>${t.severity}</th>
              <th class="num">${t.count}</th>
              <th>${t.examples}</th>
              <th>${t.whatWasDone}</th>
            </tr>
          </thead>
          <tbody>
            ${findings}
          </tbody>
        </table>`,
  ])
}
