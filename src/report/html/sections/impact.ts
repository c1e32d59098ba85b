/** The criteria impact table: how many customers each criterion of the tier rules decides. */
import { formatCount, html, type Html } from '../format.js'
import { chapter, tierLabel, type SectionContext } from './context.js'

export function impactSection(ctx: SectionContext): Html {
  const { t, data } = ctx
  const rows = [...data.impact]
    .sort((a, b) => b.changed - a.changed)
    .map((r) => {
      const to = Object.entries(r.to)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([id, n]) => html`<span>${tierLabel(ctx, id)} ${formatCount(n)}</span>`)
      return html`<tr>
        <td>${tierLabel(ctx, r.tier)}</td>
        <td>
          ${r.criterionText ? html`${ctx.pick(r.criterionText)}<code class="rule-code">${r.criterion}</code>` : html`<code>${r.criterion}</code>`}
        </td>
        <td class="num">${formatCount(r.changed)}</td>
        <td>${to.length === 0 ? '–' : to.map((x, i) => html`${i > 0 ? html`<br />` : ''}${x}`)}</td>
      </tr>`
    })
  const table =
    rows.length === 0
      ? html`<p class="muted">${t.noImpact}</p>`
      : html`<table class="impact">
          <colgroup>
            <col style="width:18%" />
            <col style="width:40%" />
            <col style="width:16%" />
            <col style="width:26%" />
          </colgroup>
          <thead>
            <tr>
              <th>${t.ruleOf}</th>
              <th>${t.criterion}</th>
              <th class="num">${t.changed}</th>
              <th>${t.movesTo}</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>`
  return chapter('impact', t.impact, [html`<p>${t.impactIntro}</p>`, table])
}
