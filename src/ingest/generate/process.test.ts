// The process is checked in aggregate over many simulated customers. Tolerances are four
// standard errors, so each check fails by chance about once in 16,000 runs at most, and the
// seeds are fixed, so a run that passes keeps passing.
import { describe, expect, it } from 'vitest'
import {
  AcquisitionClock,
  aliveAt,
  meanOrderValue,
  samplePath,
  sampleSpendRate,
  type PathMove,
  type PurchaseParams,
} from './process.js'
import { Rng } from './random.js'

const HORIZON = 1096
const PARAMS: PurchaseParams = { r: 0.6, alpha: 30, a: 0.5, b: 5 }
const N = 20_000

function simulate(params: PurchaseParams, move?: PathMove, n = N) {
  return Array.from({ length: n }, (_, i) => samplePath(new Rng(5, i, 0), 0, HORIZON, params, move))
}

describe('samplePath (BG/NBD, days)', () => {
  it('draws λ ~ Gamma(r, α) with mean r/α and p ~ Beta(a, b) with mean a/(a+b)', () => {
    const paths = simulate(PARAMS)
    const meanLambda = paths.reduce((s, p) => s + p.lambda, 0) / N
    const meanP = paths.reduce((s, p) => s + p.dropout, 0) / N
    const { r, alpha, a, b } = PARAMS
    expect(Math.abs(meanLambda - r / alpha)).toBeLessThan(4 * Math.sqrt(r / alpha ** 2 / N))
    const varP = (a * b) / ((a + b) ** 2 * (a + b + 1))
    expect(Math.abs(meanP - a / (a + b))).toBeLessThan(4 * Math.sqrt(varP / N))
  })

  it('buys r/α times per day per customer while nobody drops out', () => {
    // Beta(0.001, 1000) puts p near 1e-6, so every customer stays alive the whole period.
    const paths = simulate({ ...PARAMS, a: 0.001, b: 1000 })
    expect(paths.every((p) => p.diedAt === null)).toBe(true)
    const repeat = paths.reduce((s, p) => s + p.times.length - 1, 0)
    const rate = repeat / (N * HORIZON)
    const { r, alpha } = PARAMS
    // Var of a customer's count: E[λT] + Var(λ)T² (the NBD).
    const variance = (r / alpha) * HORIZON + (r / alpha ** 2) * HORIZON ** 2
    expect(Math.abs(rate - r / alpha)).toBeLessThan((4 * Math.sqrt(variance / N)) / HORIZON)
  })

  it('buys at rate λ while alive and drops out with probability p after repeat purchases', () => {
    const paths = simulate(PARAMS)
    // N(τ) − λτ is a martingale stopped at dropout, so its sum over customers has mean 0.
    let purchases = 0
    let expected = 0
    let dropouts = 0
    let expectedDropouts = 0
    let dropoutVariance = 0
    for (const p of paths) {
      const repeat = p.times.length - 1
      purchases += repeat
      expected += p.lambda * ((p.diedAt ?? HORIZON) - p.times[0]!)
      dropouts += p.diedAt === null ? 0 : 1
      expectedDropouts += p.dropout * repeat
      dropoutVariance += p.dropout * (1 - p.dropout) * repeat
      if (p.diedAt !== null) expect(p.diedAt).toBe(p.times.at(-1))
    }
    expect(Math.abs(purchases - expected)).toBeLessThan(4 * Math.sqrt(expected))
    expect(Math.abs(dropouts - expectedDropouts)).toBeLessThan(4 * Math.sqrt(dropoutVariance))
    expect(paths.filter((p) => p.times.length === 1).every((p) => p.diedAt === null)).toBe(true)
  })

  it('churn stops purchases at the move day and leaves the path before it unchanged', () => {
    const move: PathMove = { at: 500, effect: 'churn', factor: 1 }
    const base = simulate(PARAMS, undefined, 2000)
    const moved = simulate(PARAMS, move, 2000)
    moved.forEach((p, i) => {
      const before = base[i]!.times.filter((t) => t < 500)
      expect(p.times).toEqual(before)
      if (aliveAt(base[i]!, 500)) expect(p.diedAt).toBe(500)
    })
  })

  it('grow multiplies the purchase rate from the move day on', () => {
    const move: PathMove = { at: 300, effect: 'grow', factor: 3 }
    // Without dropout, so that every customer is exposed from day 300 to the end.
    const paths = simulate({ ...PARAMS, a: 0.001, b: 1000 }, move, 5000)
    let after = 0
    let expected = 0
    for (const p of paths) {
      after += p.times.filter((t) => t >= 300).length
      expected += 3 * p.lambda * (HORIZON - 300)
    }
    expect(Math.abs(after - expected)).toBeLessThan(4 * Math.sqrt(expected))
  })
})

describe('Gamma-Gamma spend', () => {
  it('gives customers expected order values p/ν with mean pγ/(q−1)', () => {
    const spend = { p: 4, q: 3.5, gamma: 220 }
    const rng = new Rng(6)
    let sum = 0
    for (let i = 0; i < N; i++) sum += spend.p / sampleSpendRate(rng, spend)
    // Var(p/ν) = p²γ² / ((q−1)²(q−2)), finite for q > 2.
    const sd = (spend.p * spend.gamma) / ((spend.q - 1) * Math.sqrt(spend.q - 2))
    expect(Math.abs(sum / N - meanOrderValue(spend))).toBeLessThan((4 * sd) / Math.sqrt(N))
  })
})

describe('AcquisitionClock', () => {
  it('hands out uniform times over the period in ascending order', () => {
    const clock = new AcquisitionClock(new Rng(8), N, HORIZON)
    const times = Array.from({ length: N }, () => clock.next())
    expect(times.every((t, i) => t >= 0 && t < HORIZON && (i === 0 || t >= times[i - 1]!))).toBe(
      true,
    )
    const mean = times.reduce((s, t) => s + t, 0) / N
    expect(Math.abs(mean - HORIZON / 2)).toBeLessThan(4 * HORIZON * Math.sqrt(1 / 12 / N))
    const firstHalf = times.filter((t) => t < HORIZON / 2).length / N
    expect(Math.abs(firstHalf - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / N))
  })
})
