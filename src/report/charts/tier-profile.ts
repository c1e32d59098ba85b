import type { BarSeriesOption } from 'echarts'
import {
  formatCompact,
  formatPercent,
  pick,
  type Bilingual,
  type ChartOptions,
  type ChartTier,
  type LabelTable,
} from './labels.js'
import { INK, tierColors } from './palette.js'
import { chartTitle, renderChart } from './render.js'

/** One indicator's median in each tier, in the order of `tiers`, in the indicator's own unit. */
export interface TierProfileIndicator {
  readonly name: string
  readonly label: Bilingual
  readonly medians: readonly number[]
}

export interface TierProfileData {
  /** Tiers in policy order, best first. */
  readonly tiers: readonly ChartTier[]
  readonly indicators: readonly TierProfileIndicator[]
}

/** Room on the left for indicator names, which may wrap onto two lines. */
const LEFT = 160

const LABELS: LabelTable<'title' | 'subtitle'> = {
  zh: {
    title: '各等级客户画像（指标中位数）',
    subtitle: '每个指标以各等级中的最大值为 100%；柱旁数字为实际中位数',
  },
  en: {
    title: 'Tier profiles (median of each indicator)',
    subtitle:
      'Each indicator scaled to its largest tier median (100%); numbers are the true medians',
  },
}

/**
 * Median indicators per tier as grouped horizontal bars: each indicator is scaled so that its
 * largest tier median (in absolute value) is 100 %, which puts days, counts and money side by
 * side; each bar is labelled beside its end with the true median, so labels never collide.
 *
 * @example
 * tierProfileChart({ tiers, indicators: [{ name: 'frequency', label: { zh: '购买次数', en: 'Orders' }, medians: [12, 5, 2] }] }, { lang: 'en' })
 */
export function tierProfileChart(data: TierProfileData, options: ChartOptions): string {
  const { lang } = options
  const text = LABELS[lang]
  for (const indicator of data.indicators) {
    if (indicator.medians.length !== data.tiers.length) {
      throw new Error(
        `invalid tier profile indicator: ${indicator.name} has ${indicator.medians.length} medians for ${data.tiers.length} tiers`,
      )
    }
  }
  const colors = tierColors(data.tiers.map((t) => t.id))
  const scales = data.indicators.map((ind) =>
    Math.max(0, ...ind.medians.filter(Number.isFinite).map(Math.abs)),
  )
  const normalised = data.indicators.map((ind, i) =>
    ind.medians.map((m) => {
      const scale = scales[i] ?? 0
      return Number.isFinite(m) && scale > 0 ? m / scale : 0
    }),
  )
  const lowest = Math.min(0, ...normalised.flat())
  // whole quarters, with room past the longest bar on either side for its label
  const min = lowest < 0 ? -Math.ceil((-lowest + 0.1) * 4) / 4 : 0

  const series: BarSeriesOption[] = data.tiers.map((tier, t) => ({
    type: 'bar',
    name: pick(tier.name, lang),
    barGap: '15%',
    barCategoryGap: '24%',
    itemStyle: { color: colors[tier.id] ?? INK.muted },
    label: { show: true, distance: 4, color: INK.text, fontSize: 11 },
    data: data.indicators.map((ind, i) => {
      const value = normalised[i]?.[t] ?? 0
      return {
        value,
        label: {
          position: value < 0 ? ('left' as const) : ('right' as const),
          formatter: formatCompact(ind.medians[t] ?? NaN, lang),
        },
      }
    }),
  }))
  const rowHeight = data.tiers.length * 15 + 20

  return renderChart(
    {
      title: chartTitle(text.title, text.subtitle),
      legend: { top: 62, left: 16, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      grid: { top: 100, left: LEFT, right: 24, bottom: 32 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: data.indicators.map((ind) => pick(ind.label, lang)),
        axisTick: { show: false },
        axisLine: { onZero: false, lineStyle: { color: INK.axis } },
        axisLabel: {
          color: INK.text,
          fontSize: 12,
          interval: 0,
          width: LEFT - 20,
          overflow: 'break',
        },
      },
      xAxis: {
        type: 'value',
        min,
        max: 1.25,
        interval: 0.25,
        axisLabel: {
          color: INK.muted,
          formatter: (v: number) => (v > 1 ? '' : formatPercent(v)),
        },
        splitLine: { lineStyle: { color: INK.grid } },
      },
      series,
    },
    text.title,
    options,
    { width: 860, height: 140 + rowHeight * data.indicators.length },
  )
}
