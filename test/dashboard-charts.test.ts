// The dashboard's chart options and download words, checked in Node: they mirror the report's
// palette and name the server's export formats, which the dashboard may not import (it talks to
// the server over HTTP only, and asks GET /api/exports for the list), so these tests keep the
// two in step.
import { describe, expect, it } from 'vitest'
import { LIFECYCLE_STATES } from '../src/models/index.js'
import { CRM_OBJECTS, TIER_PALETTE } from '../src/report/index.js'
import { EXPORT_FORMATS } from '../src/server/exports.js'
import {
  TIER_PALETTE as WEB_PALETTE,
  migrationFlowOption,
  paretoOption,
  tierCurve,
  tierDistributionOption,
} from '../src/web/chart-options.js'
import { FORMAT_WORDS, OBJECT_WORDS, exportUrl } from '../src/web/export-formats.js'
import {
  LIFECYCLE_ORDER,
  QUADRANT_MARKS,
  lifecycleOption,
  valueMapOption,
  type BinCount,
  type LifecycleStageId,
} from '../src/web/overview-options.js'
import { orderKind, ordersTimelineOption } from '../src/web/timeline-option.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

const TIERS = [
  { id: 'a', name: 'A', customerShare: 0.2, valueShare: 0.7 },
  { id: 'b', name: 'B', customerShare: 0.3, valueShare: 0.2 },
  { id: 'c', name: 'C', customerShare: 0.5, valueShare: 0.1 },
]

describe('dashboard charts and downloads', () => {
  it('colours tiers as the report does and has words for each export format the server offers', () => {
    expect(WEB_PALETTE).toEqual(TIER_PALETTE)
    expect(LIFECYCLE_ORDER).toEqual(LIFECYCLE_STATES.map((s) => s.id))
    expect(Object.keys(FORMAT_WORDS)).toEqual([...EXPORT_FORMATS])
    expect(Object.keys(OBJECT_WORDS)).toEqual([...CRM_OBJECTS])
    expect(exportUrl('csv', 'en', 'account')).toBe('/api/exports/csv?lang=en')
    expect(exportUrl('hubspot', 'zh', 'account')).toBe(
      '/api/exports/hubspot?lang=zh&object=account',
    )
  })

  it('draws the concentration curve through the tier boundaries, richest tier per customer first', () => {
    // value per customer: c 0.2, a 3.5, b 0.67 (shuffled to show the order does not matter)
    const curve = tierCurve([TIERS[2]!, TIERS[0]!, TIERS[1]!])
    expect(curve.map((p) => [p.customerShare, +p.valueShare.toFixed(6)])).toEqual([
      [0, 0],
      [0.2, 0.7],
      [0.5, 0.9],
      [1, 1],
    ])
    expect(tierCurve([{ customerShare: 0, valueShare: 0 }])).toEqual([
      { customerShare: 0, valueShare: 0 },
    ])
    const option = paretoOption(curve, { curve: 'c', equal: 'e', x: 'x', y: 'y' }) as Json
    expect(option.series[0].data).toEqual(curve.map((p) => [p.customerShare, p.valueShare]))
    expect(option.series[1].data).toEqual([
      [0, 0],
      [1, 1],
    ])
    // the server's customer-level curve has up to 201 points: a line without a mark on each
    expect(option.series[0].showSymbol).toBe(true)
    const fine = Array.from({ length: 201 }, (_, i) => ({
      customerShare: i / 200,
      valueShare: Math.sqrt(i / 200),
    }))
    const exact = paretoOption(fine, { curve: 'c', equal: 'e', x: 'x', y: 'y' }) as Json
    expect(exact.series[0].showSymbol).toBe(false)
  })

  it('stacks customer and value shares per tier, labelling segments of 5 % or more', () => {
    const option = tierDistributionOption(TIERS, { customers: 'Customers', value: 'Value' }) as Json
    expect(option.yAxis.data).toEqual(['Customers', 'Value'])
    expect(option.series.map((s: Json) => [s.name, s.data, s.itemStyle.color])).toEqual([
      ['A', [0.2, 0.7], TIER_PALETTE[0]],
      ['B', [0.3, 0.2], TIER_PALETTE[1]],
      ['C', [0.5, 0.1], TIER_PALETTE[2]],
    ])
    const label = option.series[0].label.formatter
    expect([label({ value: 0.7 }), label({ value: 0.04 })]).toEqual(['70%', ''])
  })

  it('flows migration between tiers in policy order, leaving out empty cells and tiers', () => {
    const from = TIERS.map(({ id, name }) => ({ id, name }))
    const to = [...from, { id: 'd', name: 'D' }]
    const matrix = { a: { a: 5, b: 2 }, b: { a: 1, b: 0, c: 3 }, c: { c: 9 } }
    const option = migrationFlowOption(matrix, from, to) as Json
    const sankey = option.series[0]
    expect(sankey.data.map((n: Json) => [n.name, n.label.formatter])).toEqual([
      ['from:a', 'A'],
      ['from:b', 'B'],
      ['from:c', 'C'],
      ['to:a', 'A'],
      ['to:b', 'B'],
      ['to:c', 'C'],
    ])
    expect(sankey.links).toEqual([
      { source: 'from:a', target: 'to:a', value: 5 },
      { source: 'from:a', target: 'to:b', value: 2 },
      { source: 'from:b', target: 'to:a', value: 1 },
      { source: 'from:b', target: 'to:c', value: 3 },
      { source: 'from:c', target: 'to:c', value: 9 },
    ])
    expect(sankey.layoutIterations).toBe(0)
    const tip = option.tooltip.formatter
    expect(tip({ dataType: 'edge', value: 3, data: { source: 'from:b', target: 'to:c' } })).toBe(
      'B → C: 3',
    )
    expect(tip({ dataType: 'node', name: 'to:a', value: 6 })).toBe('A: 6')
  })

  it('draws the value map as 5-rank squares coloured by customers, with the quadrant lines at rank 50', () => {
    const cells: (BinCount & { x: number; y: number })[] = [
      { x: 0, y: 19, customers: 3, tiers: { a: 3 } },
      { x: 10, y: 10, customers: 7, tiers: { a: 2, b: 5 } },
    ]
    const cell = (x: number, y: number, n: number) => `${x}/${y}: ${n}`
    const option = valueMapOption({ bins: 20, cells }, { x: 'value', y: 'clv', cell }) as Json
    const [squares, across, up, marks] = option.series
    // each cell's lower edges in ranks, and its customers for the colour scale
    expect(squares.data).toEqual([
      [0, 95, 3],
      [50, 50, 7],
    ])
    expect([option.visualMap.min, option.visualMap.max, option.visualMap.dimension]).toEqual([
      0, 7, 2,
    ])
    expect([across.data, up.data]).toEqual([
      [
        [50, 0],
        [50, 100],
      ],
      [
        [0, 50],
        [100, 50],
      ],
    ])
    expect(marks.data).toEqual(QUADRANT_MARKS.map(([, x, y]) => [x, y]))
    expect(QUADRANT_MARKS.map(([n]) => n)).toEqual(['I', 'II', 'III', 'IV'])
    // a cell is drawn from its lower edges to 5 ranks on, on a 4 px-per-rank plot
    const api = {
      value: (i: number) => [50, 50, 7][i]!,
      coord: ([x, y]: number[]) => [x! * 4, 400 - y! * 4],
      visual: () => '#123456',
    }
    expect(squares.renderItem({}, api)).toEqual({
      type: 'rect',
      shape: { x: 200, y: 180, width: 20, height: 20 },
      style: { fill: '#123456', stroke: '#fff', lineWidth: 0.5 },
    })
    expect(squares.tooltip.formatter({ value: [50, 50, 7] })).toBe('50/50: 7')
    expect([option.xAxis.min, option.xAxis.max, option.yAxis.name]).toEqual([0, 100, 'clv'])
  })

  it('stacks lifecycle stages by tier in lifecycle order, leaving out tiers with no customers', () => {
    const stages: (BinCount & { id: LifecycleStageId })[] = [
      { id: 'churned', customers: 5, tiers: { a: 1, c: 4 } },
      { id: 'new', customers: 2, tiers: { a: 2 } },
    ]
    const names = Object.fromEntries(LIFECYCLE_ORDER.map((s) => [s, s.toUpperCase()])) as Record<
      LifecycleStageId,
      string
    >
    const option = lifecycleOption(stages, TIERS, names) as Json
    expect(option.yAxis.data).toEqual(['NEW', 'ACTIVE', 'DORMANT', 'CHURNED', 'REACTIVATED'])
    expect(option.series.map((s: Json) => [s.name, s.stack, s.data, s.itemStyle.color])).toEqual([
      ['A', 'stage', [2, 0, 0, 1, 0], TIER_PALETTE[0]],
      ['C', 'stage', [0, 0, 0, 4, 0], TIER_PALETTE[2]],
    ])
  })

  it('plots orders by date, refunds (marked or negative) and cancelled orders apart by colour and shape', () => {
    const order = (date: string, amount: number, status: string | null, orderId = 'O') => ({
      date,
      orderId,
      amount,
      category: 'cat',
      status,
    })
    const orders = [
      order('2024-03-01', -40, 'refunded', 'R1'),
      order('2024-02-01', -10, 'completed', 'R2'),
      order('2024-01-15', 120, null, 'O2'),
      order('2024-01-01', 100, 'completed', 'O1'),
    ]
    expect(orders.map(orderKind)).toEqual(['refunded', 'refunded', 'completed', 'completed'])
    expect(orderKind(order('2024-01-01', 5, 'cancelled'))).toBe('cancelled')
    const labels = {
      kinds: { completed: 'done', refunded: 'refund', cancelled: 'cancel' },
      amount: 'amount',
      format: (n: number) => n.toFixed(2),
    }
    const option = ordersTimelineOption(orders, labels) as Json
    expect(option.legend.data).toEqual(['done', 'refund'])
    expect(option.series.map((s: Json) => [s.name, s.symbol, s.data])).toEqual([
      [
        'done',
        'circle',
        [
          ['2024-01-15', 120, 'O2', 'cat'],
          ['2024-01-01', 100, 'O1', 'cat'],
        ],
      ],
      [
        'refund',
        'triangle',
        [
          ['2024-03-01', -40, 'R1', 'cat'],
          ['2024-02-01', -10, 'R2', 'cat'],
        ],
      ],
    ])
    expect(option.xAxis.type).toBe('time')
    expect(option.tooltip.formatter({ value: ['2024-03-01', -40, 'R1', 'cat'] })).toBe(
      '2024-03-01 · R1 · -40.00 · cat',
    )
  })
})
