import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../engine/index.js'
import { mulberry32 } from '../models/index.js'
import { actionEffect, loadSubjects } from './effect.js'
import { addOrders, emptyStore } from './test-fixtures.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-effect-'))
let engine: Engine

const day = (base: string, offset: number) =>
  new Date(Date.parse(base) + offset * 86_400_000).toISOString().slice(0, 10)

// 60 treated and 60 control customers, action on 2024-06-01. Each buys n days in the 90
// before (n = 1…5) and n + noise (−1, 0 or +1) days in the 90 after, plus 2 more when treated:
// the true effect is +2 purchase days and, at 100 per purchase, +200 of value.
beforeAll(async () => {
  engine = await emptyStore()
  const random = mulberry32(2024)
  const orders: [string, string, number][] = []
  const lines = ['customer_id,action,date,group']
  for (let i = 0; i < 120; i++) {
    const id = `K${i}`
    const treated = i < 60
    const before = 1 + Math.floor(random() * 5)
    const after = before + Math.floor(random() * 3) - 1 + (treated ? 2 : 0)
    for (let k = 0; k < before; k++) orders.push([id, day('2024-06-01', -1 - 7 * k), 100])
    for (let k = 0; k < after; k++) orders.push([id, day('2024-06-01', 7 * k), 100])
    lines.push(`${id},coupon,2024-06-01,${treated ? 'treated' : 'control'}`)
  }
  orders.push(['other', '2024-12-31', 1])
  lines.push('nobody,coupon,2024-06-01,treated')
  await addOrders(engine, orders)
  writeFileSync(join(dir, 'with-control.csv'), `${lines.join('\n')}\n`)
  writeFileSync(
    join(dir, 'treated-only.csv'),
    `客户编号,行动,日期\n${lines
      .slice(1, 61)
      .map((l) => l.split(',').slice(0, 3).join(','))
      .join('\n')}\n`,
  )
})
afterAll(async () => {
  await engine.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the effect of actions', () => {
  it('recovers a known difference against the control group within its interval', async () => {
    expect(await loadSubjects(engine, join(dir, 'with-control.csv'))).toBe(121)
    const r = await actionEffect(engine, { end: '2025-01-01', horizonDays: 90 })
    expect(r.design).toBe('treated-control')
    expect(r.subjects).toEqual({ treated: 60, control: 60, excluded: 1 })
    const [purchases, value] = r.outcomes
    expect(purchases!.outcome).toBe('purchases')
    expect(purchases!.effect.lower).toBeLessThan(2)
    expect(purchases!.effect.upper).toBeGreaterThan(2)
    expect(purchases!.effect.lower).toBeGreaterThan(1.5)
    expect(purchases!.effect.pValue).toBeLessThan(1e-6)
    expect(value!.effect.lower).toBeLessThan(200)
    expect(value!.effect.upper).toBeGreaterThan(200)
    expect(value!.effect.estimate).toBeCloseTo(purchases!.effect.estimate * 100, 6)
    expect(r.outcomes.map((o) => o.outcome)).toEqual(['purchases', 'value'])
  })

  it('says the comparison is before/after only without a control group', async () => {
    await loadSubjects(engine, join(dir, 'treated-only.csv'))
    const r = await actionEffect(engine, { end: '2025-01-01' })
    expect(r.design).toBe('before-after')
    expect(r.note.en).toBe(
      'No control group: before/after only. The change may come from season or other causes, not only the action.',
    )
    expect(r.outcomes[0]!.control).toBeNull()
    expect(r.outcomes[0]!.effect.estimate).toBeCloseTo(
      r.outcomes[0]!.treated.after - r.outcomes[0]!.treated.before,
      9,
    )
    expect(r.outcomes[0]!.effect.lower).toBeGreaterThan(1.5)
  })

  it('compares equal spans: a late action is measured over the days left, an action after the data not at all', async () => {
    writeFileSync(join(dir, 'late.csv'), 'customer_id,date\nK0,2024-12-21\nK1,2025-02-01\n')
    await loadSubjects(engine, join(dir, 'late.csv'))
    const r = await actionEffect(engine, { end: '2024-12-31', horizonDays: 90 })
    expect(r.subjects).toEqual({ treated: 1, control: 0, excluded: 1 })
    expect(r.outcomes[0]!.treated).toEqual({ n: 1, before: 0, after: 0, change: 0 })
  })

  it('names the line and value of a bad group or date', async () => {
    const file = join(dir, 'bad.csv')
    writeFileSync(file, 'customer_id,date,group\nK0,2024-13-01,treated\nK1,2024-06-01,maybe\n')
    await expect(loadSubjects(engine, file)).rejects.toMatchObject({
      code: 'INGEST_INVALID',
      issues: [
        {
          code: 'INGEST_BAD_DATE',
          file,
          line: 2,
          column: 'date',
          value: '2024-13-01',
          message: 'expected a date such as 2024-01-05, 2024/1/5, 20240105 or 2024年1月5日',
        },
      ],
    })
    writeFileSync(file, 'customer_id,date,group\nK1,2024-06-01,maybe\n')
    await expect(loadSubjects(engine, file)).rejects.toMatchObject({
      message: `${file} cannot be read`,
      issues: [
        {
          line: 2,
          column: 'group',
          value: 'maybe',
          message: 'expected treated or control (实验组 or 对照组)',
        },
      ],
    })
  })
})
