import type { BarSeriesOption } from 'echarts'
import {
  formatCompact,
  formatCount,
  formatPercent,
  pick,
  type ChartOptions,
  type ChartTier,
  type LabelTable,
} from './labels.js'
import { INK, isDark, tierColors } from './palette.js'
import { chartTitle, renderChart } from './render.js'
import { shares } from './scale.js'

/** A tier with its customer count and its total value (value ≥ 0; negatives count as 0). */
export interface TierDistributionTier extends ChartTier {
  readonly customers: number
  readonly value: number
}

export interface TierDistributionData {
  /** Tiers in policy order, best first. */
  readonly tiers: readonly TierDistributionTier[]
}

const LABELS: LabelTable<'title' | 'subtitle' | 'customers' | 'value'> = {
  zh: {
    title: '客户分级分布',
    subtitle: '各等级的客户数占比与价值占比',
    customers: '客户数',
    value: '客户价值',
  },
  en: {
    title: 'Tier distribution',
    subtitle: 'Share of customers and of value, by tier',
    customers: 'Customers',
    value: 'Value',
  },
}

/** Segments narrower than this keep their colour but lose their label, which would not fit. */
const MIN_LABELLED_SHARE = 0.05

/**
 * Two 100 % bars, customers and value, each split by tier: how few customers carry how much
 * value. Shares are printed inside segments of at least 5 %.
 *
 * @example
 * tierDistributionChart({ tiers: [{ id: 'A', name: { zh: '重要客户', en: 'Key' }, customers: 80, value: 6e5 }] }, { lang: 'zh' })
 */
export function tierDistributionChart(data: TierDistributionData, options: ChartOptions): string {
  const { lang } = options
  const text = LABELS[lang]
  const colors = tierColors(data.tiers.map((t) => t.id))
  const customerShares = shares(data.tiers.map((t) => t.customers))
  const valueShares = shares(data.tiers.map((t) => t.value))
  const totalCustomers = data.tiers.reduce((a, t) => a + Math.max(0, t.customers), 0)
  const totalValue = data.tiers.reduce((a, t) => a + Math.max(0, t.value), 0)

  const series: BarSeriesOption[] = data.tiers.map((tier, i) => {
    const color = colors[tier.id] ?? INK.muted
    const point = (share: number) => ({
      value: share,
      label: { show: share >= MIN_LABELLED_SHARE },
    })
    return {
      type: 'bar',
      name: pick(tier.name, lang),
      stack: 'share',
      barWidth: '52%',
      itemStyle: { color, borderColor: INK.background, borderWidth: 1 },
      label: {
        position: 'inside',
        color: isDark(color) ? '#ffffff' : INK.title,
        fontSize: 12,
        formatter: ({ value }) => formatPercent(Number(value)),
      },
      data: [point(customerShares[i] ?? 0), point(valueShares[i] ?? 0)],
    }
  })

  return renderChart(
    {
      title: chartTitle(text.title, text.subtitle),
      legend: { top: 62, left: 16, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      grid: { top: 100, left: 96, right: 32, bottom: 40 },
      xAxis: {
        type: 'value',
        min: 0,
        max: 1,
        interval: 0.25,
        axisLabel: { formatter: (v: number) => formatPercent(v), color: INK.muted },
        splitLine: { lineStyle: { color: INK.grid } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: INK.axis } },
        axisLabel: { color: INK.text, fontSize: 12, lineHeight: 18 },
        data: [
          `${text.customers}\n${formatCount(totalCustomers)}`,
          `${text.value}\n${formatCompact(totalValue, lang)}`,
        ],
      },
      series,
    },
    text.title,
    options,
    { width: 720, height: 320 },
  )
}
