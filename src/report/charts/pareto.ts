import type { LineSeriesOption, ScatterSeriesOption } from 'echarts'
import { formatPercent, type ChartOptions, type Lang, type LabelTable } from './labels.js'
import { INK, TIER_PALETTE } from './palette.js'
import { chartTitle, renderChart } from './render.js'

/** One point of the concentration curve: shares in [0, 1], customers ranked by value, highest first. */
export interface ParetoPoint {
  readonly customerShare: number
  readonly valueShare: number
}

/** A tier boundary on the curve: `'A'` marks the A/B cut, `'B'` the B/C cut. */
export interface ParetoCut extends ParetoPoint {
  readonly label: 'A' | 'B'
}

export interface ParetoData {
  readonly points: readonly ParetoPoint[]
  readonly cuts: readonly ParetoCut[]
}

const LABELS: LabelTable<'title' | 'subtitle' | 'curve' | 'equal' | 'x' | 'y'> = {
  zh: {
    title: '客户价值帕累托曲线',
    subtitle: '基尼系数',
    curve: '累计价值占比',
    equal: '均匀分布',
    x: '累计客户占比（按价值从高到低）',
    y: '累计价值占比',
  },
  en: {
    title: 'Pareto curve of customer value',
    subtitle: 'Gini coefficient',
    curve: 'Cumulative share of value',
    equal: 'Equal shares',
    x: 'Cumulative share of customers (highest value first)',
    y: 'Cumulative share of value',
  },
}

const CUT_NAME = { A: 'A/B', B: 'B/C' } as const

function cutText(cut: ParetoCut, lang: Lang): string {
  const customers = formatPercent(cut.customerShare)
  const value = formatPercent(cut.valueShare)
  return lang === 'zh'
    ? `{b|${CUT_NAME[cut.label]} 分界}\n前 ${customers} 客户贡献 ${value} 价值`
    : `{b|${CUT_NAME[cut.label]} cut}\ntop ${customers} of customers, ${value} of value`
}

/** The curve from (0, 0) to (1, 1), sorted, with the end points added when missing. */
function curve(points: readonly ParetoPoint[]): [number, number][] {
  const xy = points
    .map((p): [number, number] => [p.customerShare, p.valueShare])
    .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
    .sort((a, b) => a[0] - b[0])
  if (xy[0]?.[0] !== 0) xy.unshift([0, 0])
  if (xy.at(-1)?.[0] !== 1) xy.push([1, 1])
  return xy
}

/** Gini = 2 × (area under the concentration curve) − 1, by the trapezoid rule. */
function gini(xy: readonly [number, number][]): number {
  let area = 0
  for (let i = 1; i < xy.length; i++) {
    const [x0, y0] = xy[i - 1] ?? [0, 0]
    const [x1, y1] = xy[i] ?? [0, 0]
    area += ((x1 - x0) * (y0 + y1)) / 2
  }
  return 2 * area - 1
}

/**
 * The Pareto (concentration) curve of customer value with the equal-shares diagonal and the A/B
 * and B/C tier cuts marked and labelled; the subtitle gives the Gini coefficient.
 *
 * @example
 * paretoChart({ points, cuts: [{ label: 'A', customerShare: 0.2, valueShare: 0.7 }] }, { lang: 'en' })
 */
export function paretoChart(data: ParetoData, options: ChartOptions): string {
  const { lang } = options
  const text = LABELS[lang]
  const xy = curve(data.points)
  const lineColor = TIER_PALETTE[0]

  const curveSeries: LineSeriesOption = {
    type: 'line',
    name: text.curve,
    data: xy,
    showSymbol: false,
    lineStyle: { color: lineColor, width: 2.5 },
    itemStyle: { color: lineColor },
    areaStyle: { color: lineColor, opacity: 0.08 },
  }
  const diagonal: LineSeriesOption = {
    type: 'line',
    name: text.equal,
    data: [
      [0, 0],
      [1, 1],
    ],
    showSymbol: false,
    lineStyle: { color: INK.reference, type: 'dashed', width: 1.5 },
    itemStyle: { color: INK.reference },
  }
  const cuts: ScatterSeriesOption = {
    type: 'scatter',
    symbolSize: 10,
    itemStyle: { color: '#ffffff', borderColor: INK.title, borderWidth: 2, opacity: 1 },
    label: {
      show: true,
      // below and to the right of the point: under a concave curve that space is empty
      position: [14, 6],
      align: 'left',
      color: INK.text,
      fontSize: 12,
      lineHeight: 17,
      backgroundColor: 'rgba(255,255,255,0.85)',
      padding: [3, 5],
      rich: { b: { fontWeight: 'bold', color: INK.title, fontSize: 12, lineHeight: 17 } },
      formatter: ({ dataIndex }) => {
        const cut = data.cuts[dataIndex]
        return cut ? cutText(cut, lang) : ''
      },
    },
    markLine: {
      silent: true,
      symbol: 'none',
      label: { show: false },
      lineStyle: { color: INK.muted, type: 'dotted', width: 1 },
      data: data.cuts.flatMap((c) => [
        [{ coord: [c.customerShare, 0] }, { coord: [c.customerShare, c.valueShare] }],
        [{ coord: [0, c.valueShare] }, { coord: [c.customerShare, c.valueShare] }],
      ]),
    },
    data: data.cuts.map((c) => [c.customerShare, c.valueShare]),
    z: 5,
  }

  const percentAxis = {
    type: 'value' as const,
    min: 0,
    max: 1,
    interval: 0.2,
    nameLocation: 'middle' as const,
    nameTextStyle: { color: INK.text, fontSize: 12 },
    axisLabel: { formatter: (v: number) => formatPercent(v), color: INK.muted },
    axisLine: { lineStyle: { color: INK.axis } },
    splitLine: { lineStyle: { color: INK.grid } },
  }
  const subtitle = `${text.subtitle} ${gini(xy).toFixed(2)}`
  return renderChart(
    {
      title: chartTitle(text.title, subtitle),
      legend: {
        data: [text.curve, text.equal],
        top: 18,
        right: 24,
        itemWidth: 18,
        itemHeight: 8,
        textStyle: { fontSize: 12 },
      },
      grid: { top: 80, left: 72, right: 40, bottom: 64 },
      xAxis: { ...percentAxis, name: text.x, nameGap: 32 },
      yAxis: { ...percentAxis, name: text.y, nameGap: 46 },
      series: [curveSeries, diagonal, cuts],
    },
    text.title,
    options,
    { width: 640, height: 520 },
  )
}
