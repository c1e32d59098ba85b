import type { ScatterSeriesOption } from 'echarts'
import {
  formatCompact,
  formatCount,
  pick,
  type Bilingual,
  type ChartOptions,
  type ChartTier,
  type LabelTable,
} from './labels.js'
import { INK, tierColors } from './palette.js'
import { chartTitle, renderChart } from './render.js'
import { axisExtent, spansDecades } from './scale.js'

/** One sampled customer: current value and predicted (potential) value, in the caller's units. */
export interface ValueMapPoint {
  readonly current: number
  readonly potential: number
  /** A tier id from `tiers`. */
  readonly tier: string
}

export interface ValueMapData {
  /** At most {@link VALUE_MAP_MAX_POINTS} customers; the caller samples. */
  readonly points: readonly ValueMapPoint[]
  /** Tiers in policy order, best first. */
  readonly tiers: readonly ChartTier[]
  readonly xLabel: Bilingual
  readonly yLabel: Bilingual
  /** Where the quadrant lines cross the axes, in data units. */
  readonly xSplit: number
  readonly ySplit: number
  /** Quadrant names I–IV: high/high, low current/high potential, low/low, high current/low potential. */
  readonly quadrants: readonly [Bilingual, Bilingual, Bilingual, Bilingual]
  /** `linear` keeps both axes linear, for values such as percentile ranks; default `auto`. */
  readonly scale?: 'auto' | 'linear'
}

/** The most points a value map draws; an SVG with many more is slow to open. */
export const VALUE_MAP_MAX_POINTS = 2000

const LABELS: LabelTable<'title' | 'sample' | 'log'> = {
  zh: { title: '客户价值地图', sample: '位客户样本，按客户等级着色', log: '（对数刻度）' },
  en: {
    title: 'Customer value map',
    sample: 'customers sampled, coloured by tier',
    log: ' (log scale)',
  },
}

type Corner = 'insideTopRight' | 'insideTopLeft' | 'insideBottomLeft' | 'insideBottomRight'
const CORNERS: readonly Corner[] = [
  'insideTopRight',
  'insideTopLeft',
  'insideBottomLeft',
  'insideBottomRight',
]

function axis(
  name: string,
  [min, max]: [number, number],
  log: boolean,
  lang: ChartOptions['lang'],
) {
  return {
    type: log ? ('log' as const) : ('value' as const),
    min,
    max,
    name,
    nameLocation: 'middle' as const,
    nameTextStyle: { color: INK.text, fontSize: 12 },
    // with negative values the other axis would cross at 0, through the quadrant labels
    axisLine: { onZero: false, lineStyle: { color: INK.axis } },
    axisLabel: { color: INK.muted, formatter: (v: number) => formatCompact(v, lang, 0) },
    splitLine: { lineStyle: { color: INK.grid } },
  }
}

/**
 * 客户价值地图: each sampled customer's current value against predicted value, coloured by tier,
 * with quadrant lines at the splits and the quadrants named. An axis whose data span two or more
 * decades is drawn on a log scale, and its name says so.
 *
 * @example
 * valueMapChart({ points, tiers, xLabel, yLabel, xSplit: 5000, ySplit: 8000, quadrants }, { lang: 'zh' })
 */
export function valueMapChart(data: ValueMapData, options: ChartOptions): string {
  const { lang } = options
  const text = LABELS[lang]
  if (data.points.length > VALUE_MAP_MAX_POINTS) {
    throw new Error(
      `invalid value map sample: ${data.points.length} points (at most ${VALUE_MAP_MAX_POINTS})`,
    )
  }
  const known = new Set(data.tiers.map((t) => t.id))
  const unknown = data.points.find((p) => !known.has(p.tier))
  if (unknown) throw new Error(`invalid value map tier: ${unknown.tier}`)

  const points = data.points.filter(
    (p) => Number.isFinite(p.current) && Number.isFinite(p.potential),
  )
  const xs = [...points.map((p) => p.current), data.xSplit]
  const ys = [...points.map((p) => p.potential), data.ySplit]
  const xLog = data.scale !== 'linear' && spansDecades(xs)
  const yLog = data.scale !== 'linear' && spansDecades(ys)
  const [x0, x1] = axisExtent(xs, xLog)
  const [y0, y1] = axisExtent(ys, yLog)
  const colors = tierColors(data.tiers.map((t) => t.id))
  // smaller dots as the sample grows, so dense regions still show their structure
  const symbolSize = points.length > 1000 ? 4 : points.length > 300 ? 5 : 6

  const tierSeries: ScatterSeriesOption[] = data.tiers.map((tier) => ({
    type: 'scatter',
    name: pick(tier.name, lang),
    large: false,
    symbolSize,
    itemStyle: { color: colors[tier.id] ?? INK.muted, opacity: 0.7 },
    data: points.filter((p) => p.tier === tier.id).map((p) => [p.current, p.potential]),
  }))
  const corners: [number, number, number, number][] = [
    [data.xSplit, data.ySplit, x1, y1],
    [x0, data.ySplit, data.xSplit, y1],
    [x0, y0, data.xSplit, data.ySplit],
    [data.xSplit, y0, x1, data.ySplit],
  ]
  const quadrants: ScatterSeriesOption = {
    type: 'scatter',
    data: [],
    silent: true,
    markLine: {
      silent: true,
      symbol: 'none',
      label: { show: false },
      lineStyle: { color: INK.title, type: 'dashed', width: 1, opacity: 0.6 },
      data: [{ xAxis: data.xSplit }, { yAxis: data.ySplit }],
    },
    markArea: {
      silent: true,
      // above the points (mark areas default to z 1), so quadrant names stay readable
      z: 10,
      itemStyle: { color: 'transparent' },
      data: corners.map(([ax, ay, bx, by], i) => [
        {
          coord: [ax, ay],
          label: {
            show: true,
            position: CORNERS[i] ?? 'inside',
            distance: 8,
            formatter: data.quadrants[i] ? pick(data.quadrants[i], lang) : '',
            color: INK.title,
            fontSize: 13,
            fontWeight: 'bold',
            backgroundColor: 'rgba(255,255,255,0.92)',
            padding: [3, 6],
            borderRadius: 3,
          },
        },
        { coord: [bx, by] },
      ]),
    },
  }

  const subtitle = `${formatCount(points.length)} ${text.sample}`
  return renderChart(
    {
      title: chartTitle(text.title, subtitle),
      legend: {
        data: tierSeries.map((s) => String(s.name)),
        top: 62,
        left: 16,
        itemWidth: 10,
        itemHeight: 10,
        textStyle: { fontSize: 12 },
      },
      grid: { top: 100, left: 80, right: 40, bottom: 64 },
      xAxis: {
        ...axis(pick(data.xLabel, lang) + (xLog ? text.log : ''), [x0, x1], xLog, lang),
        nameGap: 32,
      },
      yAxis: {
        ...axis(pick(data.yLabel, lang) + (yLog ? text.log : ''), [y0, y1], yLog, lang),
        nameGap: 52,
      },
      series: [...tierSeries, quadrants],
    },
    text.title,
    options,
    { width: 760, height: 580 },
  )
}
