import { describe, expect, it } from 'vitest'
import { minimize } from './minimize.js'

function rosenbrock(x: Float64Array): number {
  let s = 0
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i] ?? 0
    const b = x[i + 1] ?? 0
    s += 100 * (b - a * a) ** 2 + (1 - a) ** 2
  }
  return s
}

function rosenbrockGradient(x: Float64Array): Float64Array {
  const g = new Float64Array(x.length)
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i] ?? 0
    const b = x[i + 1] ?? 0
    g[i] = (g[i] ?? 0) - 400 * a * (b - a * a) - 2 * (1 - a)
    g[i + 1] = (g[i + 1] ?? 0) + 200 * (b - a * a)
  }
  return g
}

describe('minimize', () => {
  it('finds the Rosenbrock minimum (1, 1) from the classic start (-1.2, 1) with an analytic gradient', () => {
    const r = minimize(rosenbrock, [-1.2, 1], { gradient: rosenbrockGradient })
    expect(r.status).toBe('converged')
    expect(r.params[0]).toBeCloseTo(1, 6)
    expect(r.params[1]).toBeCloseTo(1, 6)
    expect(r.value).toBeLessThan(1e-12)
    expect(r.iterations).toBeGreaterThan(10)
  })

  it('finds the 10-D Rosenbrock minimum with finite-difference gradients (no gradient given)', () => {
    const start = Float64Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? -1.2 : 1))
    const r = minimize(rosenbrock, start)
    expect(r.converged).toBe(true)
    for (const v of r.params) expect(v).toBeCloseTo(1, 4)
  })

  it('stops on a lower bound when the unconstrained minimum lies outside the box', () => {
    // min (x-2)² + (y+1)² on x ≤ 1, y ≥ 0: the optimum is the corner (1, 0).
    const f = (t: Float64Array): number => ((t[0] ?? 0) - 2) ** 2 + ((t[1] ?? 0) + 1) ** 2
    const gradient = (t: Float64Array): Float64Array =>
      Float64Array.of(2 * ((t[0] ?? 0) - 2), 2 * ((t[1] ?? 0) + 1))
    const r = minimize(f, [0.5, 0.5], { gradient, lower: [-Infinity, 0], upper: [1, Infinity] })
    expect(r.status).toBe('converged')
    expect(Array.from(r.params)).toEqual([1, 0])
    expect(r.value).toBe(2)
    expect(Number.isNaN(r.standardErrors[0])).toBe(true)
  })

  it('keeps a free coordinate free while another sits on its bound (SE only where defined)', () => {
    // min (x+1)² + 2(y-3)² with x ≥ 0: x sits on 0, y = 3 with Hessian 4 so SE(y) = 1/2.
    const f = (t: Float64Array): number => ((t[0] ?? 0) + 1) ** 2 + 2 * ((t[1] ?? 0) - 3) ** 2
    const r = minimize(f, [2, 0], { lower: [0, -Infinity] })
    expect(r.converged).toBe(true)
    expect(r.params[0]).toBe(0)
    expect(r.params[1]).toBeCloseTo(3, 6)
    expect(r.standardErrors[1]).toBeCloseTo(0.5, 4)
  })

  it('reports standard errors on the natural scale when optimising on the log scale', () => {
    // Negative log-likelihood of n=100 exponential draws with sum 50: λ̂ = 2, SE = λ̂/√n = 0.2.
    const f = (t: Float64Array): number => -(100 * Math.log(t[0] ?? 0) - (t[0] ?? 0) * 50)
    const r = minimize(f, [0.3], { logScale: true })
    expect(r.params[0]).toBeCloseTo(2, 6)
    expect(r.standardErrors[0]).toBeCloseTo(0.2, 4)
  })

  it('backs away from a region where f is NaN instead of throwing', () => {
    // f is NaN for x < 0; a long first step from x = 5 along -f' overshoots into it.
    const f = (t: Float64Array): number => {
      const x = t[0] ?? 0
      return x < 0 ? NaN : (x - 0.01) ** 2 * 100
    }
    const r = minimize(f, [5])
    expect(r.converged).toBe(true)
    expect(r.params[0]).toBeCloseTo(0.01, 6)
  })

  it('reports non_finite, without throwing, when f is NaN at the start', () => {
    const r = minimize(() => NaN, [1, 2])
    expect(r.status).toBe('non_finite')
    expect(r.converged).toBe(false)
    expect(r.iterations).toBe(0)
  })

  it('reports max_iterations when the budget is too small to converge', () => {
    const r = minimize(rosenbrock, [-1.2, 1], { gradient: rosenbrockGradient, maxIterations: 3 })
    expect(r.status).toBe('max_iterations')
    expect(r.converged).toBe(false)
  })

  it('keeps the best of several seeded starts and is reproducible for one seed', () => {
    // Two wells: a shallow one near x = 2 and a deep one near x = -2; the start sits in the shallow one.
    const f = (t: Float64Array): number => {
      const x = t[0] ?? 0
      return (x * x - 4) ** 2 + x
    }
    const single = minimize(f, [2.5])
    const many = minimize(f, [2.5], { starts: 10, seed: 7, startSpread: 4 })
    const again = minimize(f, [2.5], { starts: 10, seed: 7, startSpread: 4 })
    expect(single.params[0]).toBeGreaterThan(0)
    expect(many.params[0]).toBeLessThan(0)
    expect(many.value).toBeLessThan(single.value)
    expect(Array.from(again.params)).toEqual(Array.from(many.params))
  })
})
