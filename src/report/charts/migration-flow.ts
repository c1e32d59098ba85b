import type { SankeySeriesOption, TitleComponentOption } from 'echarts'
import {
  formatCount,
  formatPercent,
  pick,
  type ChartOptions,
  type ChartTier,
  type LabelTable,
} from './labels.js'
import { FONT_FAMILY, INK, tierColors } from './palette.js'
import { chartTitle, renderChart } from './render.js'

/** Customers who were in tier `from` at the first snapshot and in tier `to` at the second. */
export interface MigrationFlow {
  readonly from: string
  readonly to: string
  readonly customers: number
}

export interface MigrationFlowData {
  /** The two snapshots' names, shown above their columns (e.g. `2024-06`). */
  readonly from: string
  readonly to: string
  /** Tiers in policy order, best first: a move to an earlier tier is an upgrade. */
  readonly tiers: readonly ChartTier[]
  readonly flows: readonly MigrationFlow[]
}

const LABELS: LabelTable<'title' | 'stayed' | 'up' | 'down'> = {
  zh: { title: '客户等级迁移', stayed: '维持', up: '升级', down: '降级' },
  en: { title: 'Tier migration', stayed: 'Stayed', up: 'moved up', down: 'moved down' },
}

const SIDE = 170
const NODE_WIDTH = 16

/**
 * A Sankey of tier migration between two snapshots: tiers of the first on the left, of the second
 * on the right, both in policy order; the subtitle gives the shares that stayed, moved up and
 * moved down.
 *
 * @example
 * migrationFlowChart({ from: '2024-06', to: '2024-12', tiers, flows: [{ from: 'B', to: 'A', customers: 40 }] }, { lang: 'zh' })
 */
export function migrationFlowChart(data: MigrationFlowData, options: ChartOptions): string {
  const { lang } = options
  const text = LABELS[lang]
  const rank = new Map(data.tiers.map((t, i) => [t.id, i]))
  for (const flow of data.flows) {
    for (const id of [flow.from, flow.to]) {
      if (!rank.has(id)) throw new Error(`invalid migration tier: ${id}`)
    }
  }
  const colors = tierColors(data.tiers.map((t) => t.id))
  const flows = data.flows.filter((f) => Number.isFinite(f.customers) && f.customers > 0)
  const total = flows.reduce((a, f) => a + f.customers, 0)
  const moved = (sign: number) =>
    flows
      .filter((f) => Math.sign((rank.get(f.from) ?? 0) - (rank.get(f.to) ?? 0)) === sign)
      .reduce((a, f) => a + f.customers, 0) / (total > 0 ? total : 1)
  const subtitle = `${text.stayed} ${formatPercent(moved(0))} · ${text.up} ${formatPercent(moved(1))} · ${text.down} ${formatPercent(moved(-1))}`

  const side = (key: 'from' | 'to') =>
    data.tiers.flatMap((tier) => {
      const customers = flows.filter((f) => f[key] === tier.id).reduce((a, f) => a + f.customers, 0)
      if (customers === 0) return []
      const name = pick(tier.name, lang)
      return [
        {
          name: `${key}:${tier.id}`,
          itemStyle: { color: colors[tier.id] ?? INK.muted },
          label: {
            position: key === 'from' ? ('left' as const) : ('right' as const),
            formatter: `{n|${name}}  {c|${formatCount(customers)}}`,
          },
        },
      ]
    })
  const sankey: SankeySeriesOption = {
    type: 'sankey',
    left: SIDE,
    right: SIDE,
    top: 104,
    bottom: 24,
    nodeWidth: NODE_WIDTH,
    nodeGap: 12,
    nodeAlign: 'justify',
    // 0 keeps nodes in the order given (policy order) instead of minimising crossings
    layoutIterations: 0,
    draggable: false,
    label: {
      color: INK.text,
      fontSize: 12,
      rich: { n: { fontSize: 12, color: INK.text }, c: { fontSize: 12, color: INK.muted } },
    },
    lineStyle: { color: 'source', opacity: 0.32, curveness: 0.5 },
    data: [...side('from'), ...side('to')],
    links: flows.map((f) => ({
      source: `from:${f.from}`,
      target: `to:${f.to}`,
      value: f.customers,
    })),
  }
  const heading = (name: string, place: 'left' | 'right'): TitleComponentOption => ({
    text: name,
    [place]: SIDE,
    top: 76,
    textStyle: { fontSize: 13, fontWeight: 'bold', color: INK.text, fontFamily: FONT_FAMILY },
  })

  return renderChart(
    {
      title: [
        chartTitle(text.title, subtitle),
        heading(data.from, 'left'),
        heading(data.to, 'right'),
      ],
      series: [sankey],
    },
    text.title,
    options,
    { width: 760, height: 440 },
  )
}
