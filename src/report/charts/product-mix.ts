import type { BarSeriesOption } from 'echarts'
import {
  formatPercent,
  pick,
  type ChartOptions,
  type ChartTier,
  type LabelTable,
} from './labels.js'
import { INK, isDark, seriesColor } from './palette.js'
import { chartTitle, renderChart } from './render.js'
import { shares } from './scale.js'

export interface ProductMixData {
  /** Tiers in policy order, best first. */
  readonly tiers: readonly ChartTier[]
  readonly categories: readonly string[]
  /** `shares[tier][category]`: the category's share of the tier's value; rows are rescaled to sum to 1. */
  readonly shares: readonly (readonly number[])[]
}

const LABELS: LabelTable<'title' | 'subtitle'> = {
  zh: { title: '各等级客户的品类构成', subtitle: '各品类占该等级客户价值的比例' },
  en: { title: 'Product mix by tier', subtitle: "Share of each tier's value, by product category" },
}

const LEFT = 120
const RIGHT = 32
/** A segment label needs about this many pixels to fit. */
const LABEL_PX = 34

/**
 * What each tier buys: one 100 % bar per tier split by product category's share of the tier's
 * value. Categories take the non-tier palette, so tier colours keep meaning tiers only.
 *
 * @example
 * productMixChart({ tiers, categories: ['家电', '耗材'], shares: [[0.7, 0.3], [0.4, 0.6]] }, { lang: 'zh' })
 */
export function productMixChart(data: ProductMixData, options: ChartOptions): string {
  const { lang } = options
  const text = LABELS[lang]
  if (data.shares.length !== data.tiers.length) {
    throw new Error(
      `invalid product mix: ${data.shares.length} rows of shares for ${data.tiers.length} tiers`,
    )
  }
  data.shares.forEach((row, i) => {
    if (row.length !== data.categories.length) {
      throw new Error(
        `invalid product mix: row ${i} has ${row.length} shares for ${data.categories.length} categories`,
      )
    }
  })
  const width = options.width ?? 860
  const plotWidth = width - LEFT - RIGHT
  const rows = data.shares.map((row) => shares(row))

  const series: BarSeriesOption[] = data.categories.map((category, c) => {
    const color = seriesColor(c)
    return {
      type: 'bar',
      name: category,
      stack: 'mix',
      barWidth: '58%',
      itemStyle: { color, borderColor: INK.background, borderWidth: 1 },
      label: {
        position: 'inside',
        fontSize: 11,
        color: isDark(color) ? '#ffffff' : INK.title,
        formatter: ({ value }) => formatPercent(Number(value)),
      },
      data: rows.map((row) => {
        const share = row[c] ?? 0
        return { value: share, label: { show: share * plotWidth >= LABEL_PX } }
      }),
    }
  })

  return renderChart(
    {
      title: chartTitle(text.title, text.subtitle),
      legend: {
        top: 62,
        left: 16,
        right: 16,
        itemWidth: 14,
        itemHeight: 10,
        textStyle: { fontSize: 12 },
      },
      grid: { top: 104, left: LEFT, right: RIGHT, bottom: 36 },
      xAxis: {
        type: 'value',
        min: 0,
        max: 1,
        interval: 0.25,
        axisLabel: { color: INK.muted, formatter: (v: number) => formatPercent(v) },
        splitLine: { lineStyle: { color: INK.grid } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: data.tiers.map((t) => pick(t.name, lang)),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: INK.axis } },
        axisLabel: { color: INK.text, fontSize: 12 },
      },
      series,
    },
    text.title,
    options,
    { width, height: Math.max(300, 150 + 48 * data.tiers.length) },
  )
}
