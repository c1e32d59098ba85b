/**
 * ECharts options of the overview's value map and lifecycle chart, drawn from the server's
 * aggregates (GET /api/overview): a 2-D histogram of percentile ranks with the report's quadrant
 * lines at rank 50, and customers per lifecycle stage stacked by tier. Pure functions, tested in
 * Node like chart-options.ts.
 */
import type { EChartsCoreOption } from 'echarts/core'
import { TIER_PALETTE, tierColor, type ChartTier } from './chart-options.js'

// shapes of the API's answer, kept here rather than in api.ts (which needs the DOM) for Node's tests
/** Customers counted in a cell or a stage, in all and by tier id. */
export interface BinCount {
  readonly customers: number
  readonly tiers: Readonly<Record<string, number>>
}

export type LifecycleStageId = 'new' | 'active' | 'dormant' | 'churned' | 'reactivated'

const INK = { title: '#1f2a37', text: '#3d4a5a', muted: '#7b8794', grid: '#e4e7eb' } as const
const TOOLTIP = { renderMode: 'richText' } as const

/** The stages in lifecycle order, as the report's funnel draws them. */
export const LIFECYCLE_ORDER: readonly LifecycleStageId[] = [
  'new',
  'active',
  'dormant',
  'churned',
  'reactivated',
]

/** Roman numerals of quadrants I–IV and the point of the map each is written at. */
export const QUADRANT_MARKS = [
  ['I', 95, 95],
  ['II', 5, 95],
  ['III', 5, 5],
  ['IV', 95, 5],
] as const

export interface ValueMapLabels {
  readonly x: string
  readonly y: string
  /** The tooltip of a cell: its ranks' lower edges and its customers. */
  readonly cell: (x: number, y: number, customers: number) => string
}

interface CellApi {
  value(dimension: number): number
  coord(point: number[]): number[]
  visual(key: 'color'): string
}

/** Rank axes 0–100 with the name in the middle. */
const rankAxis = (name: string, gap: number) => ({
  type: 'value',
  min: 0,
  max: 100,
  interval: 25,
  name,
  nameLocation: 'middle',
  nameGap: gap,
  nameTextStyle: { color: INK.text, fontSize: 11 },
  axisLabel: { color: INK.muted },
  splitLine: { show: false },
})

/** The value map as square cells coloured by their customers, with the quadrants marked. */
export function valueMapOption(
  map: { readonly bins: number; readonly cells: readonly (BinCount & { x: number; y: number })[] },
  labels: ValueMapLabels,
): EChartsCoreOption {
  const width = 100 / map.bins
  const max = Math.max(1, ...map.cells.map((c) => c.customers))
  const half = (data: number[][]) => ({
    type: 'line',
    data,
    silent: true,
    showSymbol: false,
    tooltip: { show: false },
    lineStyle: { color: INK.title, type: 'dashed', width: 1, opacity: 0.7 },
  })
  return {
    animation: false,
    tooltip: { ...TOOLTIP, trigger: 'item' },
    grid: { top: 12, left: 48, right: 20, bottom: 92 },
    xAxis: rankAxis(labels.x, 26),
    yAxis: rankAxis(labels.y, 32),
    visualMap: {
      type: 'continuous',
      seriesIndex: 0,
      dimension: 2,
      min: 0,
      max,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      itemWidth: 12,
      text: [String(max), '0'],
      textStyle: { color: INK.muted },
      calculable: false,
      inRange: { color: ['#e8eff6', TIER_PALETTE[0]] },
    },
    series: [
      {
        type: 'custom',
        data: map.cells.map((c) => [c.x * width, c.y * width, c.customers]),
        encode: { x: 0, y: 1 },
        renderItem: (_: unknown, api: CellApi) => {
          const [x0 = 0, y0 = 0] = api.coord([api.value(0), api.value(1)])
          const [x1 = 0, y1 = 0] = api.coord([api.value(0) + width, api.value(1) + width])
          return {
            type: 'rect',
            shape: { x: x0, y: y1, width: x1 - x0, height: y0 - y1 },
            style: { fill: api.visual('color'), stroke: '#fff', lineWidth: 0.5 },
          }
        },
        tooltip: {
          formatter: ({ value }: { value: number[] }) =>
            labels.cell(value[0] ?? 0, value[1] ?? 0, value[2] ?? 0),
        },
      },
      half([
        [50, 0],
        [50, 100],
      ]),
      half([
        [0, 50],
        [100, 50],
      ]),
      {
        type: 'scatter',
        silent: true,
        symbolSize: 0,
        tooltip: { show: false },
        data: QUADRANT_MARKS.map(([, x, y]) => [x, y]),
        label: {
          show: true,
          formatter: ({ dataIndex }: { dataIndex: number }) => QUADRANT_MARKS[dataIndex]?.[0] ?? '',
          color: INK.title,
          fontWeight: 'bold',
          backgroundColor: 'rgba(255,255,255,0.85)',
          padding: [2, 4],
        },
      },
    ],
  }
}

/** Customers per lifecycle stage, stacked by tier in policy order; tiers with none left out. */
export function lifecycleOption(
  stages: readonly (BinCount & { readonly id: LifecycleStageId })[],
  tiers: readonly ChartTier[],
  stageNames: Readonly<Record<LifecycleStageId, string>>,
): EChartsCoreOption {
  const count = (stage: LifecycleStageId, tier: string) =>
    stages.find((s) => s.id === stage)?.tiers[tier] ?? 0
  const series = tiers.flatMap((t, i) => {
    const data = LIFECYCLE_ORDER.map((s) => count(s, t.id))
    return data.some((n) => n > 0)
      ? [
          {
            type: 'bar',
            name: t.name,
            stack: 'stage',
            barWidth: '56%',
            itemStyle: { color: tierColor(i), borderColor: '#fff', borderWidth: 1 },
            data,
          },
        ]
      : []
  })
  return {
    animation: false,
    tooltip: { ...TOOLTIP, trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10 },
    grid: { top: 64, left: 8, right: 16, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: INK.muted },
      splitLine: { lineStyle: { color: INK.grid } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      axisTick: { show: false },
      axisLabel: { color: INK.text },
      data: LIFECYCLE_ORDER.map((s) => stageNames[s]),
    },
    series,
  }
}
