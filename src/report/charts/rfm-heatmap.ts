import {
  formatCompact,
  formatCount,
  type ChartOptions,
  type LabelTable,
  type Lang,
} from './labels.js'
import { INK, SEQUENTIAL } from './palette.js'
import { chartTitle, renderChart } from './render.js'

/** One R × F cell: scores 1–5 (5 = most recent / most frequent), its customers and their mean M. */
export interface RfmCell {
  readonly r: number
  readonly f: number
  readonly customers: number
  readonly meanMonetary: number
}

export interface RfmHeatmapData {
  readonly cells: readonly RfmCell[]
  /** What the shade shows: the cell's mean monetary value or its number of customers. */
  readonly colour: 'monetary' | 'count'
}

type Key = 'title' | 'monetary' | 'count' | 'x' | 'y' | 'customers' | 'mean'
const LABELS: LabelTable<Key> = {
  zh: {
    title: 'RFM 热力图',
    monetary: '颜色深浅：平均消费金额（M）',
    count: '颜色深浅：客户数',
    x: 'F 购买频次得分（5 = 最频繁）',
    y: 'R 最近购买得分（5 = 最近）',
    customers: '人',
    mean: '均',
  },
  en: {
    title: 'RFM heatmap',
    monetary: 'Shade: mean monetary value (M)',
    count: 'Shade: number of customers',
    x: 'F score, frequency (5 = most frequent)',
    y: 'R score, recency (5 = most recent)',
    customers: 'cust.',
    mean: 'avg',
  },
}

const SCORES = ['1', '2', '3', '4', '5']

/** Above this position on the colour ramp the cell is dark enough to need white text. */
const DARK_FROM = 0.6

function cellText(cell: RfmCell, colour: RfmHeatmapData['colour'], lang: Lang): string {
  const text = LABELS[lang]
  const count = formatCount(cell.customers)
  const mean = formatCompact(cell.meanMonetary, lang)
  const customers = lang === 'zh' ? `${count}${text.customers}` : `${count} ${text.customers}`
  return colour === 'monetary'
    ? `{v|${mean}}\n{s|${customers}}`
    : `{v|${count}}\n{s|${text.mean} ${mean}}`
}

function isScore(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 5
}

/**
 * The R × F grid of RFM scores (R on the vertical axis, 5 at the top), shaded by mean monetary
 * value or by customer count, each cell labelled with both numbers.
 *
 * @example
 * rfmHeatmap({ cells: [{ r: 5, f: 5, customers: 40, meanMonetary: 3200 }], colour: 'monetary' }, { lang: 'zh' })
 */
export function rfmHeatmap(data: RfmHeatmapData, options: ChartOptions): string {
  const { lang } = options
  const text = LABELS[lang]
  const metric = (c: RfmCell) => (data.colour === 'monetary' ? c.meanMonetary : c.customers)
  const cells = data.cells.filter(
    (c) => isScore(c.r) && isScore(c.f) && c.customers > 0 && Number.isFinite(metric(c)),
  )
  const values = cells.map(metric)
  const min = values.length > 0 ? Math.min(...values) : 0
  const max = values.length > 0 ? Math.max(...values) : 1
  const position = (v: number) => (max > min ? (v - min) / (max - min) : 0)

  return renderChart(
    {
      title: chartTitle(text.title, text[data.colour]),
      grid: { top: 84, left: 88, right: 120, bottom: 64 },
      xAxis: {
        type: 'category',
        data: SCORES,
        name: text.x,
        nameLocation: 'middle',
        nameGap: 32,
        nameTextStyle: { color: INK.text, fontSize: 12 },
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { color: INK.text, fontSize: 13 },
        splitArea: { show: false },
      },
      yAxis: {
        type: 'category',
        data: SCORES,
        name: text.y,
        nameLocation: 'middle',
        nameGap: 34,
        nameTextStyle: { color: INK.text, fontSize: 12 },
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { color: INK.text, fontSize: 13 },
      },
      visualMap: {
        type: 'continuous',
        min,
        max: max > min ? max : min + 1,
        dimension: 2,
        calculable: false,
        orient: 'vertical',
        right: 24,
        top: 'middle',
        itemHeight: 200,
        itemWidth: 14,
        text: [formatCompact(max, lang), formatCompact(min, lang)],
        textStyle: { color: INK.text, fontSize: 12 },
        inRange: { color: [...SEQUENTIAL] },
      },
      series: [
        {
          type: 'heatmap',
          itemStyle: { borderColor: INK.background, borderWidth: 3, borderRadius: 4 },
          label: {
            show: true,
            lineHeight: 18,
            rich: { v: { fontSize: 14, fontWeight: 'bold' }, s: { fontSize: 11 } },
          },
          data: cells.map((c) => ({
            value: [c.f - 1, c.r - 1, metric(c)],
            label: {
              formatter: cellText(c, data.colour, lang),
              color: position(metric(c)) >= DARK_FROM ? '#ffffff' : INK.title,
            },
          })),
        },
      ],
    },
    text.title,
    options,
    { width: 600, height: 520 },
  )
}
