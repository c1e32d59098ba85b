// `clientele fit` reproduces the published figures (examples/cdnow/README.md) end to end.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fitModel } from '../src/app/index.js'
import { ROOT, cli } from './support/cli.js'

const CDNOW = join(ROOT, 'examples', 'cdnow')
const dir = mkdtempSync(join(tmpdir(), 'clientele-fit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function expectNear(actual: Record<string, number>, expected: Record<string, number>, rel = 1e-3) {
  for (const [k, v] of Object.entries(expected)) {
    expect(Math.abs(actual[k]! - v) / Math.abs(v), `${k}: ${actual[k]} vs ${v}`).toBeLessThan(rel)
  }
}

describe('clientele fit', () => {
  it('fits BG/NBD through the CLI with a holdout from the raw CDNOW sample, as JSON', () => {
    const r = cli([
      'fit',
      'bgnbd',
      '--transactions',
      join(CDNOW, 'CDNOW_sample.txt'),
      '--mapping',
      join(CDNOW, 'sample.mapping.yaml'),
      '--calibration-end',
      '1997-09-30',
      '--json',
    ])
    expect(r.status).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({ model: 'bgnbd', unit: 'week', customers: 2357, converged: true })
    expectNear(out.params, { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 })
    expect(Math.abs(out.logLikelihood - -9582.4256)).toBeLessThan(0.01)
    // Weeks 40–78 of the sample: 39 weeks of holdout, and the repeat purchases in them.
    expect(out.holdout.length).toBe(39)
    expect(out.holdout.end).toBe('1998-06-30')
    expect(out.holdout.actual).toBe(1882)
    expect(out.holdout.mae).toBeGreaterThan(0)
    expect(out.holdout.rmse).toBeGreaterThanOrEqual(out.holdout.mae)
  })

  it('fits Pareto/NBD, Gamma-Gamma and BG/BB from the summary files', async () => {
    const pnbd = await fitModel({
      model: 'pnbd',
      summary: join(CDNOW, 'cdnow_customers_summary.csv'),
    })
    expectNear(pnbd.params, { r: 0.553276, alpha: 10.57761, s: 0.606213, beta: 11.66791 })
    expect(Math.abs(pnbd.logLikelihood - -9594.9739)).toBeLessThan(0.01)
    const gg = await fitModel({
      model: 'gg',
      summary: join(CDNOW, 'cdnow_customers_summary_with_transactions.csv'),
    })
    expectNear(gg.params, { p: 6.2488, q: 3.74459, gamma: 15.44775 })
    expect(gg.customers).toBe(946)
    const bgbb = await fitModel({ model: 'bgbb', summary: join(CDNOW, 'donations.csv') })
    expectNear(bgbb.params, { alpha: 1.20352, beta: 0.74972, gamma: 0.65672, delta: 2.78344 })
    expect(Math.abs(bgbb.logLikelihood - -33225.581)).toBeLessThan(0.01)
    expect(bgbb.customers).toBe(11104)
  })

  it('fits sBG from a survival table (Fader & Hardie 2007, 1,000 customers)', async () => {
    const file = join(dir, 'survival.csv')
    writeFileSync(
      file,
      'period,surviving\n0,1000\n1,631\n2,468\n3,382\n4,326\n5,289\n6,262\n7,241\n',
    )
    const sbg = await fitModel({ model: 'sbg', summary: file })
    expectNear(sbg.params, { alpha: 0.70408, beta: 1.18204 })
    expect(Math.abs(sbg.logLikelihood - -1680.27)).toBeLessThan(0.01)
  })

  it('says which column a summary file lacks', async () => {
    const file = join(dir, 'bad-summary.csv')
    writeFileSync(file, 'frequency,T\n1,10\n')
    await expect(fitModel({ model: 'bgnbd', summary: file })).rejects.toThrow(
      `${file} has no tx column, which bgnbd needs (columns: x, T)`,
    )
    const r = cli(['fit', 'nbd', '--summary', file])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(
      "error: command-argument value 'nbd' is invalid for argument 'model'. Allowed choices are bgnbd, pnbd, mbgnbd, bgbb, sbg, gg.",
    )
  })
})
