import type { BarSeriesOption, LegendComponentOption, TitleComponentOption } from 'echarts'
import {
  formatCompact,
  formatPercent,
  pick,
  type ChartOptions,
  type ChartTier,
  type LabelTable,
  type Lang,
} from './labels.js'
import { FONT_FAMILY, INK, SERIES_PALETTE, isDark, tierColors } from './palette.js'
import { chartTitle, renderChart } from './render.js'
import { shares } from './scale.js'

/** One acquisition channel's customers, total value and mean CLV, and its customers per tier. */
export interface ChannelSummary {
  readonly channel: string
  readonly customers: number
  readonly value: number
  /** Mean CLV per customer. */
  readonly clv: number
  /** Customers (or any weight) per tier id; drawn as shares of the channel. */
  readonly tierMix: Readonly<Record<string, number>>
  /** Acquisition cost per customer, when known. */
  readonly acquisitionCost?: number
}

export interface ChannelData {
  readonly channels: readonly ChannelSummary[]
  /** Tiers in policy order, best first. */
  readonly tiers: readonly ChartTier[]
}

type Key = 'title' | 'customers' | 'value' | 'shares' | 'mix' | 'clv' | 'clvCac'
const LABELS: LabelTable<Key> = {
  zh: {
    title: '获客渠道分析',
    customers: '客户数占比',
    value: '价值占比',
    shares: '客户数与价值占比',
    mix: '客户等级构成',
    clv: '平均客户终身价值（CLV）',
    clvCac: '平均 CLV · CLV ÷ 获客成本',
  },
  en: {
    title: 'Acquisition channels',
    customers: 'Share of customers',
    value: 'Share of value',
    shares: 'Share of customers and value',
    mix: 'Tier mix',
    clv: 'Mean CLV per customer',
    clvCac: 'Mean CLV · CLV ÷ acquisition cost',
  },
}

const CUSTOMER_COLOR = '#b8c2cc'
const VALUE_COLOR = '#4a5868'
const CLV_COLOR = SERIES_PALETTE[0]
/** A tier-mix label needs about this many pixels of its segment to fit. */
const LABEL_PX = 32

function clvText(c: ChannelSummary, lang: Lang): string {
  const clv = formatCompact(c.clv, lang)
  const cost = c.acquisitionCost
  if (cost === undefined || !(cost > 0)) return clv
  return `${clv} · ${(c.clv / cost).toFixed(1)}×`
}

/**
 * Acquisition channels side by side in three panels: their shares of customers and of value, their
 * tier mix, and mean CLV with CLV ÷ acquisition cost where the cost is known.
 *
 * @example
 * channelChart({ tiers, channels: [{ channel: '线上商城', customers: 1200, value: 4.2e5, clv: 860, tierMix: { A: 90, B: 300 }, acquisitionCost: 120 }] }, { lang: 'zh' })
 */
export function channelChart(data: ChannelData, options: ChartOptions): string {
  const { lang } = options
  const text = LABELS[lang]
  const width = options.width ?? 960
  const names = data.channels.map((c) => c.channel)
  const colors = tierColors(data.tiers.map((t) => t.id))
  const customerShares = shares(data.channels.map((c) => c.customers))
  const valueShares = shares(data.channels.map((c) => c.value))
  const mixes = data.channels.map((c) => shares(data.tiers.map((t) => c.tierMix[t.id] ?? 0)))
  const anyCost = data.channels.some(
    (c) => c.acquisitionCost !== undefined && c.acquisitionCost > 0,
  )

  const left = 120
  const gap = 40
  const panel = (width - left - 24 - 2 * gap) / 3
  const grids = [0, 1, 2].map((i) => ({
    top: 144,
    bottom: 24,
    left: left + i * (panel + gap),
    width: panel,
  }))
  const panelTitle = (i: number, t: string): TitleComponentOption => ({
    text: t,
    left: (grids[i]?.left ?? 0) - 2,
    top: 64,
    textStyle: { fontSize: 13, fontWeight: 'bold', color: INK.text, fontFamily: FONT_FAMILY },
  })
  const panelLegend = (i: number, names: string[]): LegendComponentOption => ({
    data: names,
    left: grids[i]?.left ?? 0,
    top: 92,
    width: panel,
    itemWidth: 12,
    itemHeight: 10,
    itemGap: 8,
    textStyle: { fontSize: 12 },
  })
  const valueLabel = (formatter: BarSeriesOption['label']) => ({
    show: true,
    position: 'right' as const,
    color: INK.text,
    fontSize: 11,
    ...formatter,
  })

  const shareSeries: BarSeriesOption[] = [
    [text.customers, CUSTOMER_COLOR, customerShares] as const,
    [text.value, VALUE_COLOR, valueShares] as const,
  ].map(([name, color, values]) => ({
    type: 'bar',
    name,
    xAxisIndex: 0,
    yAxisIndex: 0,
    barGap: '10%',
    itemStyle: { color },
    label: valueLabel({ formatter: ({ value }) => formatPercent(Number(value)) }),
    data: values,
  }))
  const mixSeries: BarSeriesOption[] = data.tiers.map((tier, t) => {
    const color = colors[tier.id] ?? INK.muted
    return {
      type: 'bar',
      name: pick(tier.name, lang),
      stack: 'mix',
      xAxisIndex: 1,
      yAxisIndex: 1,
      barWidth: '56%',
      itemStyle: { color, borderColor: INK.background, borderWidth: 1 },
      label: {
        position: 'inside',
        fontSize: 11,
        color: isDark(color) ? '#ffffff' : INK.title,
        formatter: ({ value }) => formatPercent(Number(value)),
      },
      data: mixes.map((m) => {
        const share = m[t] ?? 0
        return { value: share, label: { show: share * panel >= LABEL_PX } }
      }),
    }
  })
  const clvSeries: BarSeriesOption = {
    type: 'bar',
    xAxisIndex: 2,
    yAxisIndex: 2,
    barWidth: '56%',
    itemStyle: { color: CLV_COLOR },
    data: data.channels.map((c) => ({
      value: c.clv,
      label: valueLabel({ formatter: clvText(c, lang) }),
    })),
  }

  const categoryAxis = (i: number) => ({
    type: 'category' as const,
    gridIndex: i,
    data: names,
    inverse: true,
    axisTick: { show: false },
    axisLine: { lineStyle: { color: INK.axis } },
    axisLabel: {
      show: i === 0,
      color: INK.text,
      fontSize: 12,
      width: left - 16,
      overflow: 'truncate' as const,
    },
  })
  const clvMax = Math.max(0, ...data.channels.map((c) => c.clv))
  const valueAxis = (i: number, max: number) => ({
    type: 'value' as const,
    gridIndex: i,
    min: 0,
    max,
    axisLabel: { show: false },
    splitLine: { show: false },
  })

  return renderChart(
    {
      title: [
        chartTitle(text.title),
        panelTitle(0, text.shares),
        panelTitle(1, text.mix),
        panelTitle(2, anyCost ? text.clvCac : text.clv),
      ],
      legend: [
        panelLegend(0, [text.customers, text.value]),
        panelLegend(
          1,
          mixSeries.map((s) => String(s.name)),
        ),
      ],
      grid: grids,
      xAxis: [
        // room on the right for the bars' labels
        valueAxis(0, Math.max(...customerShares, ...valueShares, 0.01) * 1.3),
        valueAxis(1, 1),
        valueAxis(2, (clvMax > 0 ? clvMax : 1) * 1.6),
      ],
      yAxis: [categoryAxis(0), categoryAxis(1), categoryAxis(2)],
      series: [...shareSeries, ...mixSeries, clvSeries],
    },
    text.title,
    options,
    { width, height: Math.max(320, 180 + 44 * data.channels.length) },
  )
}
