import type { LineSeriesOption } from 'echarts'
import {
  formatCompact,
  formatPercent,
  type ChartOptions,
  type LabelTable,
  type Lang,
} from './labels.js'
import { INK, SERIES_PALETTE } from './palette.js'
import { chartTitle, renderChart } from './render.js'

export interface BtydFitData {
  /** Week numbers since the start of the calibration period, ascending. */
  readonly weeks: readonly number[]
  /** Repeat purchases observed, one per week. */
  readonly actual: readonly number[]
  /** Repeat purchases the fitted model expects, one per week. */
  readonly predicted: readonly number[]
  /** The last week of the calibration period; later weeks are the holdout. */
  readonly calibrationEnd: number
  /** Whether the series are running totals or per-week counts. */
  readonly unit: 'cumulative' | 'weekly'
}

type Key = 'cumulative' | 'weekly' | 'actual' | 'predicted' | 'x' | 'y' | 'calibration' | 'holdout'
const LABELS: LabelTable<Key> = {
  zh: {
    cumulative: '模型拟合：累计重复购买',
    weekly: '模型拟合：每周重复购买',
    actual: '实际',
    predicted: '模型预测',
    x: '周',
    y: '重复购买次数',
    calibration: '校准期',
    holdout: '验证期',
  },
  en: {
    cumulative: 'Model fit: cumulative repeat purchases',
    weekly: 'Model fit: weekly repeat purchases',
    actual: 'Actual',
    predicted: 'Model',
    x: 'Week',
    y: 'Repeat purchases',
    calibration: 'Calibration',
    holdout: 'Holdout',
  },
}

const ACTUAL_COLOR = SERIES_PALETTE[0]
const PREDICTED_COLOR = SERIES_PALETTE[1]

/** The holdout's repeat purchases, actual and predicted: the last running total, or the weekly sum. */
function holdoutTotals(data: BtydFitData): [number, number] | undefined {
  const holdout = data.weeks.flatMap((w, i) => (w > data.calibrationEnd ? [i] : []))
  if (holdout.length === 0) return undefined
  if (data.unit === 'cumulative') {
    const last = data.weeks.length - 1
    const before = (holdout[0] ?? 0) - 1
    const gain = (s: readonly number[]) => (s[last] ?? 0) - (before >= 0 ? (s[before] ?? 0) : 0)
    return [gain(data.actual), gain(data.predicted)]
  }
  const sum = (s: readonly number[]) => holdout.reduce((a, i) => a + (s[i] ?? 0), 0)
  return [sum(data.actual), sum(data.predicted)]
}

function holdoutText(data: BtydFitData, lang: Lang): string | undefined {
  const totals = holdoutTotals(data)
  if (!totals) return undefined
  const [actual, predicted] = totals
  const error = actual !== 0 ? (predicted - actual) / Math.abs(actual) : NaN
  const signed = Number.isFinite(error) ? (error >= 0 ? '+' : '') + formatPercent(error, 1) : '–'
  const a = formatCompact(actual, lang)
  const p = formatCompact(predicted, lang)
  return lang === 'zh'
    ? `验证期重复购买：实际 ${a}，预测 ${p}（误差 ${signed}）`
    : `Holdout repeat purchases: actual ${a}, predicted ${p} (${signed})`
}

/**
 * A BTYD model's fit: repeat purchases per week (or cumulated), actual against predicted, with the
 * calibration/holdout boundary marked and the holdout error in the subtitle.
 *
 * @example
 * btydFitChart({ weeks, actual, predicted, calibrationEnd: 39, unit: 'cumulative' }, { lang: 'en' })
 */
export function btydFitChart(data: BtydFitData, options: ChartOptions): string {
  const { lang } = options
  const text = LABELS[lang]
  const { weeks, actual, predicted } = data
  if (actual.length !== weeks.length || predicted.length !== weeks.length) {
    throw new Error(
      `invalid BTYD fit series: ${weeks.length} weeks, ${actual.length} actual, ${predicted.length} predicted`,
    )
  }
  const first = weeks[0] ?? 0
  const last = weeks.at(-1) ?? 1
  const line = (
    name: string,
    values: readonly number[],
    color: string,
    dashed: boolean,
  ): LineSeriesOption => ({
    type: 'line',
    name,
    showSymbol: false,
    data: weeks.map((w, i) => [w, values[i] ?? null]),
    lineStyle: { color, width: 2.5, type: dashed ? 'dashed' : 'solid' },
    itemStyle: { color },
  })
  const periodLabel = {
    show: true,
    position: 'insideTop' as const,
    distance: 8,
    color: INK.muted,
    fontSize: 12,
  }
  const actualSeries = line(text.actual, actual, ACTUAL_COLOR, false)
  actualSeries.markLine = {
    silent: true,
    symbol: 'none',
    label: { show: false },
    lineStyle: { color: INK.title, type: 'dashed', width: 1, opacity: 0.6 },
    data: [{ xAxis: data.calibrationEnd }],
  }
  actualSeries.markArea = {
    silent: true,
    data: [
      [
        {
          xAxis: first,
          itemStyle: { color: 'transparent' },
          label: { ...periodLabel, formatter: text.calibration },
        },
        { xAxis: data.calibrationEnd },
      ],
      [
        {
          xAxis: data.calibrationEnd,
          itemStyle: { color: 'rgba(125,140,154,0.10)' },
          label: { ...periodLabel, formatter: text.holdout },
        },
        { xAxis: last },
      ],
    ],
  }

  const title = text[data.unit]
  return renderChart(
    {
      title: chartTitle(title, holdoutText(data, lang)),
      legend: { top: 18, right: 24, itemWidth: 22, itemHeight: 8, textStyle: { fontSize: 12 } },
      grid: { top: 84, left: 72, right: 32, bottom: 56 },
      xAxis: {
        type: 'value',
        min: first,
        max: last,
        name: text.x,
        nameLocation: 'middle',
        nameGap: 30,
        nameTextStyle: { color: INK.text, fontSize: 12 },
        axisLine: { lineStyle: { color: INK.axis } },
        // the first and last weeks sit next to a round tick (1 beside 0, 52 beside 50) and collide
        axisLabel: { color: INK.muted, showMinLabel: false, showMaxLabel: false },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        name: text.y,
        nameLocation: 'middle',
        nameGap: 50,
        nameTextStyle: { color: INK.text, fontSize: 12 },
        axisLabel: { color: INK.muted, formatter: (v: number) => formatCompact(v, lang, 0) },
        splitLine: { lineStyle: { color: INK.grid } },
      },
      series: [actualSeries, line(text.predicted, predicted, PREDICTED_COLOR, true)],
    },
    title,
    options,
    { width: 760, height: 420 },
  )
}
