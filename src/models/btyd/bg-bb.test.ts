import { describe, expect, it } from 'vitest'
import {
  bgBbExpectedPurchases,
  bgBbExpectedPurchasesNew,
  bgBbLogLikelihood,
  bgBbProbabilityAlive,
  fitBgBb,
  type BgBbParams,
} from './bg-bb.js'
import { donations, numericPartial, relativeError } from './test-fixtures.js'

const MLE = { alpha: 1.20352, beta: 0.74972, gamma: 0.65672, delta: 2.78344 }

function expand(d: ReturnType<typeof donations>) {
  const f: number[] = []
  const r: number[] = []
  const n: number[] = []
  d.frequency.forEach((x, i) => {
    for (let k = 0; k < (d.weight?.[i] ?? 0); k++) {
      f.push(x)
      r.push(d.recency[i] ?? NaN)
      n.push(d.periods[i] ?? NaN)
    }
  })
  return {
    frequency: Float64Array.from(f),
    recency: Float64Array.from(r),
    periods: Float64Array.from(n),
  }
}

describe('fitBgBb on the donation data (Fader, Hardie & Shang 2010)', () => {
  const data = donations()
  const fit = fitBgBb(data)

  it('reproduces the published MLE to 1e-3 relative and log-likelihood -33225.581 to 0.01', () => {
    expect(fit.converged).toBe(true)
    expect(fit.customers).toBe(11104)
    for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const) {
      expect(relativeError(fit.params[k], MLE[k])).toBeLessThan(1e-3)
    }
    expect(fit.logLikelihood).toBeCloseTo(-33225.581, 2)
  })

  it('gives the same fit on 11,104 one-donor rows as on the 22 weighted rows', () => {
    const raw = fitBgBb(expand(data), { starts: 1 })
    for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const) {
      expect(relativeError(raw.params[k], fit.params[k])).toBeLessThan(1e-5)
    }
  })

  it('matches P(alive in 2002) of FHS table 6: 0.11 (x=0), 0.59 (x=2, t_x=4), 0.93 (x=6, t_x=6)', () => {
    const rows = {
      frequency: Float64Array.of(0, 2, 6),
      recency: Float64Array.of(0, 4, 6),
      periods: Float64Array.of(6, 6, 6),
    }
    const p = bgBbProbabilityAlive(fit.params, rows)
    ;[0.11, 0.59, 0.93].forEach((v, i) => expect(Math.abs((p[i] ?? NaN) - v)).toBeLessThan(0.005))
  })

  it('matches the 12,884.2 expected donations over 2002–2006 of Hardie’s Conditional Expectations sheet', () => {
    // Total quoted by lifetimes' test_conditional_expectation_returns_same_value_as_Hardie_excel_sheet.
    const e = bgBbExpectedPurchases(fit.params, data, 5)
    const total = e.reduce((s, v, i) => s + v * (data.weight?.[i] ?? 0), 0)
    expect(Math.abs(total - 12884.2)).toBeLessThan(0.5)
  })
})

describe('bgBb likelihood and predictions', () => {
  const P: BgBbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }

  it('has an analytic gradient equal to central differences', () => {
    const data = donations()
    const { gradient } = bgBbLogLikelihood(P, data)
    const f = (q: BgBbParams) => bgBbLogLikelihood(q, data).value
    ;(['alpha', 'beta', 'gamma', 'delta'] as const).forEach((k, i) =>
      expect(gradient[i]).toBeCloseTo(numericPartial(f, P, k), 2),
    )
  })

  it('computes E[X(1)] of a new donor by hand: E[p]·E[1−θ] = α/(α+β) · δ/(γ+δ)', () => {
    // 1.204/1.954 · 2.783/3.44 = 0.616172 · 0.809012 = 0.498490.
    const [e] = bgBbExpectedPurchasesNew(P, [1])
    expect(e).toBeCloseTo(0.49849, 5)
  })

  it('joins the closed form (γ = 1.00101) and the exact sum (γ = 1.00099) smoothly near γ = 1', () => {
    const rows = {
      frequency: Float64Array.of(3),
      recency: Float64Array.of(5),
      periods: Float64Array.of(6),
    }
    const closed = bgBbExpectedPurchases({ ...P, gamma: 1.00101 }, rows, 5000)[0] ?? NaN
    const summed = bgBbExpectedPurchases({ ...P, gamma: 1.00099 }, rows, 5000)[0] ?? NaN
    expect(Math.abs(closed / summed - 1)).toBeLessThan(2e-4)
  })

  it('makes P(alive) fall with the opportunities ahead and equal 1 at m = 0 for a donor who just gave', () => {
    const rows = {
      frequency: Float64Array.of(4),
      recency: Float64Array.of(6),
      periods: Float64Array.of(6),
    }
    const values = [0, 1, 5, 50].map((m) => bgBbProbabilityAlive(P, rows, m)[0] ?? NaN)
    expect(values[0]).toBeCloseTo(1, 12)
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1] ?? NaN)
  })

  it('rejects recency beyond the number of opportunities naming the row', () => {
    const rows = {
      frequency: Float64Array.of(1, 2),
      recency: Float64Array.of(1, 7),
      periods: Float64Array.of(6, 6),
    }
    expect(() => fitBgBb(rows)).toThrow(
      'invalid discrete summary: row 1 has recency = 7 greater than periods = 6',
    )
  })
})
