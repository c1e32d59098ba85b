/**
 * The purchase process behind the synthetic orders: the BG/NBD story (Fader, Hardie & Lee
 * 2005) for when customers buy and stop buying, and Gamma-Gamma (Fader & Hardie 2013) for
 * how much they spend. Time is in days from the start of the period.
 *
 * A customer makes a first purchase at acquisition; while alive, repeat purchases arrive as
 * a Poisson process with rate λ ~ Gamma(r, α) per day; after each repeat purchase the
 * customer drops out with probability p ~ Beta(a, b). As in the BG/NBD likelihood, no
 * dropout happens at the first purchase. Order values are Gamma(p, ν) with ν ~ Gamma(q, γ).
 */
import type { Rng } from './random.js'

/** BG/NBD parameters; λ is per day, so `alpha` is in days. */
export interface PurchaseParams {
  readonly r: number
  readonly alpha: number
  readonly a: number
  readonly b: number
}

/** Gamma-Gamma parameters; spend is in the currency's units (CNY by default). */
export interface SpendParams {
  readonly p: number
  readonly q: number
  readonly gamma: number
}

/** A change of behaviour from day `at` on (days from the start). */
export interface PathMove {
  readonly at: number
  readonly effect: 'churn' | 'grow'
  /** Factor on λ from `at` on, for `grow`. */
  readonly factor: number
}

export interface PurchasePath {
  /** Purchase rate while alive, per day (before any move). */
  readonly lambda: number
  /** Probability of dropping out after each repeat purchase. */
  readonly dropout: number
  /** Purchase times in days from the start, ascending; the first is the acquisition. */
  readonly times: number[]
  /** When the customer stopped buying for good (days), or null if alive at the end. */
  readonly diedAt: number | null
}

/**
 * Samples one customer's purchases from acquisition `t0` to `horizon` (days). A `move`
 * switches behaviour at `move.at`: `churn` ends the customer there, `grow` multiplies λ.
 * The draws before `move.at` are the same with and without the move.
 */
export function samplePath(
  rng: Rng,
  t0: number,
  horizon: number,
  params: PurchaseParams,
  move?: PathMove,
): PurchasePath {
  const lambda = rng.gamma(params.r, params.alpha)
  const dropout = rng.beta(params.a, params.b)
  const times = [t0]
  let diedAt: number | null = null
  let t = t0
  let rate = lambda
  let switched = move === undefined || move.at < t0
  for (;;) {
    const next = t + rng.exponential(rate)
    if (!switched && next >= move!.at) {
      switched = true
      if (move!.effect === 'churn') {
        diedAt = move!.at
        break
      }
      // The process is memoryless, so restarting the clock at `at` with the new rate is exact.
      rate = lambda * move!.factor
      t = move!.at
      continue
    }
    if (next >= horizon) break
    times.push(next)
    t = next
    if (rng.uniform() < dropout) {
      diedAt = next
      break
    }
  }
  return { lambda, dropout, times, diedAt }
}

/** True if the customer was acquired before `at` and had not dropped out by then. */
export function aliveAt(path: PurchasePath, at: number): boolean {
  return path.times[0]! < at && (path.diedAt === null || path.diedAt >= at)
}

/** Draws a customer's ν; the expected order value is then `spend.p / nu`. */
export function sampleSpendRate(rng: Rng, spend: SpendParams): number {
  return rng.gamma(spend.q, spend.gamma)
}

/** The population mean order value p·γ / (q − 1); finite only for q > 1. */
export function meanOrderValue(spend: SpendParams): number {
  return (spend.p * spend.gamma) / (spend.q - 1)
}

/**
 * Acquisition times spread uniformly over [0, length) and handed out in ascending order, one
 * at a time and in constant memory: the running maximum of n uniforms is U^(1/n), the next
 * one down is that times U^(1/(n−1)), and so on (the order statistics, reflected).
 */
export class AcquisitionClock {
  private max = 1
  private left: number

  constructor(
    private readonly rng: Rng,
    count: number,
    private readonly length: number,
  ) {
    this.left = count
  }

  next(): number {
    this.max *= this.rng.uniform() ** (1 / this.left)
    this.left--
    return (1 - this.max) * this.length
  }
}
