/**
 * The ECharts option of a customer's orders timeline: each order's amount on its date, one
 * series per kind so that refunds (below zero as imported, or marked refunded) and cancelled
 * orders stand apart by colour and by shape. Pure, tested in Node like chart-options.ts.
 */
import type { EChartsCoreOption } from 'echarts/core'
import { TIER_PALETTE } from './chart-options.js'

/** An order as GET /api/customers/:id/orders sends it; here rather than in api.ts, which needs the DOM. */
export interface Order {
  readonly date: string
  readonly orderId: string | null
  readonly amount: number
  readonly category: string | null
  readonly status: string | null
}

export type OrderKind = 'completed' | 'refunded' | 'cancelled'

/** A cancelled order is cancelled; a refund is marked refunded or has a negative amount. */
export const orderKind = (o: Order): OrderKind =>
  o.status === 'cancelled'
    ? 'cancelled'
    : o.status === 'refunded' || o.amount < 0
      ? 'refunded'
      : 'completed'

const LOOK: Record<OrderKind, { color: string; symbol: string }> = {
  completed: { color: TIER_PALETTE[0], symbol: 'circle' },
  refunded: { color: '#c8614f', symbol: 'triangle' },
  cancelled: { color: '#7d8c9a', symbol: 'emptyCircle' },
}

const INK = { text: '#3d4a5a', muted: '#7b8794', grid: '#e4e7eb' } as const

export interface TimelineLabels {
  readonly kinds: Readonly<Record<OrderKind, string>>
  readonly amount: string
  /** An amount as the page writes it. */
  readonly format: (amount: number) => string
}

/** Amount by date, one scatter series per kind of order present. */
export function ordersTimelineOption(
  orders: readonly Order[],
  labels: TimelineLabels,
): EChartsCoreOption {
  const kinds = (['completed', 'refunded', 'cancelled'] as const).filter((k) =>
    orders.some((o) => orderKind(o) === k),
  )
  return {
    animation: false,
    tooltip: {
      renderMode: 'richText',
      trigger: 'item',
      formatter: ({ value }: { value: [string, number, string, string] }) =>
        [value[0], value[2], labels.format(value[1]), value[3]].filter((v) => v !== '').join(' · '),
    },
    legend: { top: 0, right: 8, data: kinds.map((k) => labels.kinds[k]) },
    grid: { top: 40, left: 8, right: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'time',
      axisLabel: { color: INK.muted, hideOverlap: true },
      // refunds fall below zero, where the date axis crosses
      axisLine: { onZero: true, lineStyle: { color: INK.muted } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: labels.amount,
      nameTextStyle: { color: INK.text, align: 'left' },
      axisLabel: { color: INK.muted },
      splitLine: { lineStyle: { color: INK.grid } },
    },
    series: kinds.map((k) => ({
      type: 'scatter',
      name: labels.kinds[k],
      symbol: LOOK[k].symbol,
      symbolSize: k === 'completed' ? 8 : 10,
      itemStyle: { color: LOOK[k].color, opacity: 0.85 },
      data: orders
        .filter((o) => orderKind(o) === k)
        .map((o) => [o.date, o.amount, o.orderId ?? '', o.category ?? '']),
    })),
  }
}
