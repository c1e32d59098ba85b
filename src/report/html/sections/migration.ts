/**
 * Tier migration since the previous snapshot of the policy, and the tiers' shares across all
 * its snapshots. Left out until there are two snapshots to compare.
 */
import { migrationFlowChart } from '../../charts/index.js'
import { formatShare, html, type Html } from '../format.js'
import { chapter, tierLabel, type SectionContext } from './context.js'
import { figure } from './figure.js'

function trendsTable(ctx: SectionContext): Html {
  const trends = ctx.data.trends
  if (trends === undefined) return html``
  const zh = ctx.lang === 'zh'
  return html`<h3>
      ${zh ? '各层客户占比与价值占比的变化' : 'Customer and value share per tier over time'}
    </h3>
    <table class="trends">
      <thead>
        <tr>
          <th>${zh ? '层级' : 'Tier'}</th>
          ${trends.asOf.map((d) => html`<th class="num">${d}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${trends.tiers.map(
          (t) =>
            html`<tr>
              <td>${tierLabel(ctx, t.id)}</td>
              ${t.customerShare.map(
                (c, k) =>
                  html`<td class="num">
                    ${formatShare(c)} / ${formatShare(t.valueShare[k] ?? 0)}
                  </td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>
    <p class="muted">
      ${zh ? '每格为 客户占比 / 价值占比。' : 'Each cell: share of customers / share of value.'}
    </p>`
}

export function migrationSection(ctx: SectionContext): Html {
  const flow = ctx.data.charts.migration
  if (flow === undefined && ctx.data.trends === undefined) return html``
  return chapter('migration', ctx.t.migration, [
    flow === undefined ? html`` : figure(ctx, 'migration', flow, migrationFlowChart),
    trendsTable(ctx),
  ])
}
