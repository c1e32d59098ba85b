// The published CDNOW figures reproduced from the raw transaction log: import → SQL
// summary → sufficient statistics → fit (Fader, Hardie & Lee 2005; Fader & Hardie 2013).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine, type Engine } from '../src/engine/index.js'
import {
  compileBtydSummary,
  recencySufficient,
  spendSufficient,
  type BtydSummaryOptions,
} from '../src/indicators/index.js'
import { importFiles, loadMapping } from '../src/ingest/index.js'
import { fitBgNbd, fitGammaGamma, fitParetoNbd } from '../src/models/index.js'
import { ROOT } from './support/cli.js'

const CDNOW = join(ROOT, 'examples', 'cdnow')
const OPTIONS: BtydSummaryOptions = {
  calibrationEnd: '1997-09-30',
  holdoutEnd: '1998-07-01',
  unit: 'week',
}
let engine: Engine

beforeAll(async () => {
  engine = await openEngine(':memory:')
  const r = await importFiles(engine, [join(CDNOW, 'CDNOW_sample.txt')], {
    mapping: loadMapping(join(CDNOW, 'sample.mapping.yaml')),
  })
  expect(r.ok).toBe(true)
})
afterAll(() => engine.close())

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

describe('CDNOW from the transaction log', () => {
  it('summarises every customer as the published summary file does (x, t_x, T, zbar)', async () => {
    const q = compileBtydSummary(engine.dialect, OPTIONS)
    const ours = await engine.all(
      `SELECT CAST(customer_id AS INTEGER) AS id, x, t_x, "T", zbar FROM (${q.sql}) ORDER BY id`,
    )
    const lines = readFileSync(join(CDNOW, 'cdnow_customers_summary_with_transactions.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
    expect(ours.length).toBe(lines.length)
    ours.forEach((row, i) => {
      const [, x, tx, T, zbar] = lines[i]!.split(',').map(Number)
      expect(row.x).toBe(x)
      expect(Math.abs((row.t_x as number) - tx!)).toBeLessThan(0.006)
      expect(Math.abs((row.T as number) - T!)).toBeLessThan(0.006)
      expect(Math.abs((row.zbar as number) - zbar!)).toBeLessThan(0.006)
    })
    const [totals] = await engine.all(
      `SELECT count(*) AS n, sum(x) AS repeats, count(*) FILTER (WHERE x > 0) AS repeaters FROM (${q.sql})`,
    )
    expect(totals).toEqual({ n: 2357, repeats: 2457, repeaters: 946 })
  })

  it('fits BG/NBD and Gamma-Gamma to the published parameters within 1e-3', async () => {
    const q = compileBtydSummary(engine.dialect, OPTIONS)
    const s = await recencySufficient(engine, q)
    expect(s.x.length).toBeLessThan(1100)
    const bg = fitBgNbd(s)
    const published = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 }
    for (const [k, v] of Object.entries(published))
      expect(rel(bg.params[k as keyof typeof published], v)).toBeLessThan(1e-3)
    expect(Math.abs(bg.logLikelihood - -9582.4256)).toBeLessThan(0.01)
    const gg = fitGammaGamma(await spendSufficient(engine, q))
    const ggPublished = { p: 6.2488, q: 3.74459, gamma: 15.44775 }
    for (const [k, v] of Object.entries(ggPublished))
      expect(rel(gg.params[k as keyof typeof ggPublished], v)).toBeLessThan(1e-3)
  })

  it('fits Pareto/NBD from the same summary to the published parameters within 1e-3', async () => {
    const s = await recencySufficient(engine, compileBtydSummary(engine.dialect, OPTIONS))
    const fit = fitParetoNbd(s)
    const published = { r: 0.553276, alpha: 10.57761, s: 0.606213, beta: 11.66791 }
    for (const [k, v] of Object.entries(published)) {
      expect(rel(fit.params[k as keyof typeof published], v)).toBeLessThan(1e-3)
    }
    expect(Math.abs(fit.logLikelihood - -9594.9739)).toBeLessThan(0.01)
  })
})
