import type { BarSeriesOption } from 'echarts'
import { formatCount, formatPercent, type ChartOptions, type LabelTable } from './labels.js'
import { INK, isDark } from './palette.js'
import { chartTitle, renderChart } from './render.js'
import { shares } from './scale.js'

export type LifecycleStageId = 'new' | 'active' | 'dormant' | 'churned' | 'reactivated'

export interface LifecycleStage {
  readonly id: LifecycleStageId
  readonly customers: number
}

export interface LifecycleFunnelData {
  /** Any order; drawn in lifecycle order (new, active, dormant, churned, reactivated). */
  readonly stages: readonly LifecycleStage[]
}

const ORDER: readonly LifecycleStageId[] = ['new', 'active', 'dormant', 'churned', 'reactivated']

const STAGE_COLORS: Record<LifecycleStageId, string> = {
  new: '#6bb39b',
  active: '#3f78a8',
  dormant: '#e3a857',
  churned: '#9aa5b1',
  reactivated: '#8b74b0',
}

const LABELS: LabelTable<'title' | 'total' | LifecycleStageId> = {
  zh: {
    title: '客户生命周期',
    total: '位客户',
    new: '新客户',
    active: '活跃客户',
    dormant: '沉睡客户',
    churned: '流失客户',
    reactivated: '回流客户',
  },
  en: {
    title: 'Customer lifecycle',
    total: 'customers',
    new: 'New',
    active: 'Active',
    dormant: 'Dormant',
    churned: 'Churned',
    reactivated: 'Reactivated',
  },
}

/** Bars narrower than this share of the widest keep their label outside, where it fits. */
const INSIDE_FROM = 0.3

/**
 * Customers per lifecycle stage as a funnel of centred bars, each labelled with its count and
 * its share of all customers.
 *
 * @example
 * lifecycleFunnel({ stages: [{ id: 'new', customers: 320 }, { id: 'active', customers: 1450 }] }, { lang: 'en' })
 */
export function lifecycleFunnel(data: LifecycleFunnelData, options: ChartOptions): string {
  const { lang } = options
  const text = LABELS[lang]
  const counts = ORDER.map((id) =>
    data.stages.filter((s) => s.id === id).reduce((a, s) => a + Math.max(0, s.customers), 0),
  )
  const share = shares(counts)
  const widest = Math.max(1, ...counts)
  const total = counts.reduce((a, b) => a + b, 0)

  const pad: BarSeriesOption = {
    type: 'bar',
    stack: 'funnel',
    silent: true,
    itemStyle: { color: 'transparent' },
    data: counts.map((c) => (widest - c) / 2),
  }
  const bars: BarSeriesOption = {
    type: 'bar',
    stack: 'funnel',
    barWidth: '62%',
    data: counts.map((c, i) => {
      const id = ORDER[i] ?? 'new'
      const color = STAGE_COLORS[id]
      const inside = c / widest >= INSIDE_FROM
      return {
        value: c,
        itemStyle: { color, borderRadius: 3 },
        label: {
          show: true,
          position: inside ? 'inside' : 'right',
          color: inside && isDark(color) ? '#ffffff' : INK.title,
          fontSize: 13,
          formatter: `${formatCount(c)} · ${formatPercent(share[i] ?? 0)}`,
        },
      }
    }),
  }

  return renderChart(
    {
      title: chartTitle(text.title, `${formatCount(total)} ${text.total}`),
      grid: { top: 72, left: 100, right: 32, bottom: 24 },
      xAxis: { type: 'value', show: false, max: widest },
      yAxis: {
        type: 'category',
        inverse: true,
        data: ORDER.map((id) => text[id]),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { color: INK.text, fontSize: 13 },
      },
      series: [pad, bars],
    },
    text.title,
    options,
    { width: 640, height: 360 },
  )
}
