/** Customer value: the tier distribution, the Pareto curve with its cuts, and the value map. */
import {
  paretoChart,
  tierDistributionChart,
  valueMapChart,
  type ParetoData,
  type ValueMapData,
} from '../../charts/index.js'
import { formatPercent, type Html } from '../format.js'
import { chapter, type SectionContext } from './context.js'
import { figure } from './figure.js'

/** The value share held by the top `x` of customers, read off the curve by linear interpolation. */
export function valueShareAt(data: ParetoData, x: number): number {
  const pts = [...data.points].sort((a, b) => a.customerShare - b.customerShare)
  let prev = { customerShare: 0, valueShare: 0 }
  for (const p of pts) {
    if (p.customerShare >= x) {
      const span = p.customerShare - prev.customerShare
      const f = span > 0 ? (x - prev.customerShare) / span : 1
      return prev.valueShare + f * (p.valueShare - prev.valueShare)
    }
    prev = p
  }
  return 1
}

function paretoCaption(ctx: SectionContext, data: ParetoData): string {
  const top = formatPercent(valueShareAt(data, 0.2))
  const a = data.cuts.find((c) => c.label === 'A')
  const cut = a
    ? ctx.lang === 'zh'
      ? `A 类（前 ${formatPercent(a.customerShare)} 的客户）贡献 ${formatPercent(a.valueShare)} 的价值。`
      : `Class A (the top ${formatPercent(a.customerShare)} of customers) holds ${formatPercent(a.valueShare)} of value.`
    : ''
  return ctx.lang === 'zh'
    ? `价值最高的 20% 客户贡献了 ${top} 的价值。${cut}`
    : `The top 20% of customers hold ${top} of value. ${cut}`
}

function valueMapCaption(ctx: SectionContext, data: ValueMapData): string {
  const n = data.points.length
  if (n === 0) return ''
  const counts = [0, 0, 0, 0]
  for (const p of data.points) {
    const highX = p.current >= data.xSplit
    const highY = p.potential >= data.ySplit
    const q = highX ? (highY ? 0 : 3) : highY ? 1 : 2
    counts[q] = (counts[q] ?? 0) + 1
  }
  const share = (i: number) => formatPercent((counts[i] ?? 0) / n)
  return ctx.lang === 'zh'
    ? `样本中各象限的客户占比：${data.quadrants.map((q, i) => `${q.zh} ${share(i)}`).join('，')}。`
    : `Sampled customers by quadrant: ${data.quadrants.map((q, i) => `${q.en.toLowerCase()} ${share(i)}`).join('; ')}.`
}

export function valueSection(ctx: SectionContext): Html {
  const { data, t } = ctx
  const distribution = {
    tiers: data.tiers.map((tier) => ({
      id: tier.id,
      name: tier.name,
      customers: tier.customers,
      value: tier.value,
    })),
  }
  return chapter('value', t.value, [
    figure(ctx, 'tierDistribution', distribution, tierDistributionChart, undefined, 900),
    figure(ctx, 'pareto', data.charts.pareto, paretoChart, (d) => paretoCaption(ctx, d)),
    // wide enough for eight tiers' legend on one line, above the plot
    figure(
      ctx,
      'valueMap',
      data.charts.valueMap,
      valueMapChart,
      (d) => valueMapCaption(ctx, d),
      940,
    ),
  ])
}
