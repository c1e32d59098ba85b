/**
 * ECharts options of the dashboard's charts: tier distribution, value concentration and tier
 * migration. They follow the HTML report's charts (src/report/charts: the same palette, the same
 * two 100 % bars, the same Sankey in policy order), which the dashboard may not import because
 * it talks to the server over HTTP only; a test keeps the palettes equal. Pure functions of small
 * summaries, free of the DOM, so they are tested in Node.
 */
import type { EChartsCoreOption } from 'echarts/core'

/** Tier colours in policy order, best first: the report's TIER_PALETTE. */
export const TIER_PALETTE = [
  '#2e5e8c',
  '#4a9b8e',
  '#e0a43a',
  '#c8614f',
  '#8b74b0',
  '#7d8c9a',
  '#6fa8d6',
  '#b3a05a',
] as const

const INK = { title: '#1f2a37', text: '#3d4a5a', muted: '#7b8794', grid: '#e4e7eb' } as const

export interface ChartTier {
  readonly id: string
  /** The name in the page's language. */
  readonly name: string
}

export const tierColor = (i: number): string =>
  TIER_PALETTE[i % TIER_PALETTE.length] ?? TIER_PALETTE[0]

export const formatShare = (share: number): string =>
  Number.isFinite(share) ? `${(share * 100).toFixed(share < 0.1 && share > 0 ? 1 : 0)}%` : '–'

// rich-text tooltips draw on the canvas; ECharts' HTML tooltips carry style attributes, which the
// page's CSP refuses (seen as style-src-attr violations in Chromium on hover)
const TOOLTIP = { renderMode: 'richText' } as const

/** Two 100 % bars, customers and value, each split by tier. */
export function tierDistributionOption(
  tiers: readonly (ChartTier & { customerShare: number; valueShare: number })[],
  labels: { readonly customers: string; readonly value: string },
): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { ...TOOLTIP, trigger: 'item' },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10 },
    grid: { top: 56, left: 8, right: 16, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      interval: 0.25,
      axisLabel: { formatter: (v: number) => formatShare(v), color: INK.muted },
      splitLine: { lineStyle: { color: INK.grid } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      axisTick: { show: false },
      axisLabel: { color: INK.text },
      data: [labels.customers, labels.value],
    },
    series: tiers.map((t, i) => ({
      type: 'bar',
      name: t.name,
      stack: 'share',
      barWidth: '52%',
      itemStyle: { color: tierColor(i), borderColor: '#fff', borderWidth: 1 },
      label: {
        show: true,
        position: 'inside',
        color: '#fff',
        formatter: ({ value }: { value: unknown }) =>
          Number(value) >= 0.05 ? formatShare(Number(value)) : '',
      },
      tooltip: { valueFormatter: (v: unknown) => formatShare(Number(v)) },
      data: [t.customerShare, t.valueShare],
    })),
  }
}

export interface CurvePoint {
  readonly customerShare: number
  readonly valueShare: number
}

/**
 * The concentration curve at tier resolution: tiers by value per customer, highest first, each
 * adding its customer and value shares. Exact at the tier boundaries, straight between them.
 */
export function tierCurve(
  tiers: readonly { customerShare: number; valueShare: number }[],
): CurvePoint[] {
  const ranked = tiers
    .filter((t) => t.customerShare > 0)
    .sort((a, b) => b.valueShare / b.customerShare - a.valueShare / a.customerShare)
  const out: CurvePoint[] = [{ customerShare: 0, valueShare: 0 }]
  let x = 0
  let y = 0
  for (const t of ranked) {
    x += t.customerShare
    y += Math.max(0, t.valueShare)
    out.push({ customerShare: Math.min(1, x), valueShare: Math.min(1, y) })
  }
  return out
}

/** The Pareto (concentration) curve of value over customers, with the equal-shares diagonal. */
export function paretoOption(
  points: readonly CurvePoint[],
  labels: {
    readonly curve: string
    readonly equal: string
    readonly x: string
    readonly y: string
  },
): EChartsCoreOption {
  const axis = (name: string, gap: number) => ({
    type: 'value',
    min: 0,
    max: 1,
    interval: 0.2,
    name,
    nameLocation: 'middle',
    nameGap: gap,
    axisLabel: { formatter: (v: number) => formatShare(v), color: INK.muted },
    splitLine: { lineStyle: { color: INK.grid } },
  })
  return {
    animation: false,
    tooltip: {
      ...TOOLTIP,
      trigger: 'axis',
      valueFormatter: (v: unknown) => formatShare(Number(v)),
    },
    legend: { top: 0, right: 8, data: [labels.curve, labels.equal] },
    grid: { top: 40, left: 64, right: 24, bottom: 56 },
    xAxis: axis(labels.x, 32),
    yAxis: axis(labels.y, 44),
    series: [
      {
        type: 'line',
        name: labels.curve,
        data: points.map((p) => [p.customerShare, p.valueShare]),
        // the tier boundaries are worth a mark; the customer-level curve's 200 points are not
        showSymbol: points.length <= 20,
        symbolSize: 6,
        lineStyle: { color: TIER_PALETTE[0], width: 2.5 },
        itemStyle: { color: TIER_PALETTE[0] },
        areaStyle: { color: TIER_PALETTE[0], opacity: 0.08 },
      },
      {
        type: 'line',
        name: labels.equal,
        data: [
          [0, 0],
          [1, 1],
        ],
        showSymbol: false,
        lineStyle: { color: '#b0b8c1', type: 'dashed', width: 1.5 },
        itemStyle: { color: '#b0b8c1' },
      },
    ],
  }
}

/** Customers by tier at the first snapshot (outer key) and at the second (inner key). */
export type Matrix = Readonly<Record<string, Readonly<Record<string, number>>>>

/**
 * A Sankey of the migration between two tierings: the first's tiers on the left, the second's on
 * the right, both in policy order (nodes keep the order given).
 */
export function migrationFlowOption(
  matrix: Matrix,
  from: readonly ChartTier[],
  to: readonly ChartTier[],
): EChartsCoreOption {
  const links = from.flatMap((a) =>
    to.flatMap((b) => {
      const n = matrix[a.id]?.[b.id] ?? 0
      return n > 0 ? [{ source: `from:${a.id}`, target: `to:${b.id}`, value: n }] : []
    }),
  )
  const used = new Set(links.flatMap((l) => [l.source, l.target]))
  const nodes = (side: 'from' | 'to', tiers: readonly ChartTier[]) =>
    tiers.flatMap((t, i) =>
      used.has(`${side}:${t.id}`)
        ? [
            {
              name: `${side}:${t.id}`,
              itemStyle: { color: tierColor(i) },
              label: { formatter: t.name, position: side === 'from' ? 'left' : 'right' },
            },
          ]
        : [],
    )
  const names = new Map<string, string>([
    ...from.map((t): [string, string] => [`from:${t.id}`, t.name]),
    ...to.map((t): [string, string] => [`to:${t.id}`, t.name]),
  ])
  const tip = (p: { dataType?: string; name?: string; value?: unknown; data?: unknown }) => {
    const d = p.data as { source?: string; target?: string }
    return p.dataType === 'edge'
      ? `${names.get(d.source ?? '')} → ${names.get(d.target ?? '')}: ${String(p.value)}`
      : `${names.get(p.name ?? '') ?? ''}: ${String(p.value)}`
  }
  return {
    animation: false,
    tooltip: { ...TOOLTIP, trigger: 'item', formatter: tip },
    series: [
      {
        type: 'sankey',
        left: 120,
        right: 120,
        top: 16,
        bottom: 16,
        nodeWidth: 16,
        nodeGap: 12,
        nodeAlign: 'justify',
        // 0 keeps nodes in policy order instead of minimising crossings
        layoutIterations: 0,
        draggable: false,
        label: { color: INK.text },
        lineStyle: { color: 'source', opacity: 0.32, curveness: 0.5 },
        data: [...nodes('from', from), ...nodes('to', to)],
        links,
      },
    ],
  }
}
