/**
 * Tier migration since an earlier snapshot: the hook for the tracking work. It renders only when
 * `ReportData.charts.migration` is given, which the app does not do until snapshots are kept;
 * today every report leaves this chapter out.
 */
import { migrationFlowChart } from '../../charts/index.js'
import { html, type Html } from '../format.js'
import { chapter, type SectionContext } from './context.js'
import { figure } from './figure.js'

export function migrationSection(ctx: SectionContext): Html {
  const flow = ctx.data.charts.migration
  if (flow === undefined) return html``
  return chapter('migration', ctx.t.migration, figure(ctx, 'migration', flow, migrationFlowChart))
}
