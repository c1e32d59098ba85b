/** Customer behaviour: the RFM heatmap, the lifecycle funnel and the tier profiles. */
import {
  lifecycleFunnel,
  rfmHeatmap,
  tierProfileChart,
  type LifecycleFunnelData,
  type RfmHeatmapData,
} from '../../charts/index.js'
import { formatCount, formatPercent, type Html } from '../format.js'
import { chapter, type SectionContext } from './context.js'
import { figure } from './figure.js'

function rfmCaption(ctx: SectionContext, data: RfmHeatmapData): string {
  const total = data.cells.reduce((a, c) => a + c.customers, 0)
  const champions = data.cells
    .filter((c) => c.r >= 4 && c.f >= 4)
    .reduce((a, c) => a + c.customers, 0)
  const lapsed = data.cells.filter((c) => c.r <= 2 && c.f >= 4).reduce((a, c) => a + c.customers, 0)
  if (total === 0) return ''
  const core =
    ctx.lang === 'zh'
      ? `右上角（R、F 均为 4–5 分）是最近常买的核心客户，占 ${formatPercent(champions / total)}。`
      : `Top right (R and F 4–5) are recent, frequent buyers: ${formatPercent(champions / total)} of customers.`
  if (lapsed / total < 0.005) return core
  return ctx.lang === 'zh'
    ? `${core}右下角（F 高、R 低）是曾经常买、最近不再购买的客户，占 ${formatPercent(lapsed / total)}，值得挽回。`
    : `${core} Bottom right (high F, low R) bought often but not lately: ${formatPercent(lapsed / total)}, worth winning back.`
}

function lifecycleCaption(ctx: SectionContext, data: LifecycleFunnelData): string {
  const total = data.stages.reduce((a, s) => a + s.customers, 0)
  const of = (id: string) => data.stages.find((s) => s.id === id)?.customers ?? 0
  if (total === 0) return ''
  const dormant = formatPercent((of('dormant') + of('churned')) / total)
  return ctx.lang === 'zh'
    ? `${formatCount(total)} 位有购买记录的客户中，沉睡与流失客户占 ${dormant}。`
    : `Of ${formatCount(total)} customers with purchases, ${dormant} are dormant or churned.`
}

export function behaviourSection(ctx: SectionContext): Html {
  const { data, t } = ctx
  return chapter('behaviour', t.behaviour, [
    figure(ctx, 'rfm', data.charts.rfm, rfmHeatmap, (d) => rfmCaption(ctx, d)),
    figure(ctx, 'lifecycle', data.charts.lifecycle, lifecycleFunnel, (d) =>
      lifecycleCaption(ctx, d),
    ),
    figure(ctx, 'profile', data.charts.profile, tierProfileChart, undefined, 900),
  ])
}
