import { describe, expect, it } from 'vitest'
import { Rng, WeightedPicker, logGamma } from './random.js'

const N = 200_000

function moments(draw: () => number, n = N): { mean: number; variance: number } {
  let sum = 0
  let sq = 0
  for (let i = 0; i < n; i++) {
    const x = draw()
    sum += x
    sq += x * x
  }
  const mean = sum / n
  return { mean, variance: sq / n - mean * mean }
}

/** |estimate − truth| within `z` standard errors of a mean of n draws with variance `v`. */
function expectMean(estimate: number, truth: number, variance: number, n = N, z = 4) {
  expect(Math.abs(estimate - truth)).toBeLessThan(z * Math.sqrt(variance / n))
}

describe('Rng', () => {
  it('repeats a stream for the same (seed, index, stream) and differs otherwise', () => {
    const draws = (seed: number, index: number, stream: number) => {
      const rng = new Rng(seed, index, stream)
      return Array.from({ length: 5 }, () => rng.nextUint32())
    }
    expect(draws(1, 2, 3)).toEqual(draws(1, 2, 3))
    expect(draws(1, 2, 3)).not.toEqual(draws(2, 2, 3))
    expect(draws(1, 2, 3)).not.toEqual(draws(1, 3, 3))
    expect(draws(1, 2, 3)).not.toEqual(draws(1, 2, 4))
    // Seeds above 2^32 must not collapse onto their low 32 bits.
    expect(draws(2 ** 32 + 1, 0, 0)).not.toEqual(draws(1, 0, 0))
  })

  it('gives uniforms strictly inside (0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new Rng(11)
    let lo = 1
    let hi = 0
    const m = moments(() => {
      const u = rng.uniform()
      lo = Math.min(lo, u)
      hi = Math.max(hi, u)
      return u
    })
    expect(lo).toBeGreaterThan(0)
    expect(hi).toBeLessThan(1)
    expectMean(m.mean, 0.5, 1 / 12)
    expect(m.variance).toBeCloseTo(1 / 12, 3)
  })

  it.each([
    [0.3, 2],
    [1, 1],
    [4, 0.02],
    [25, 5],
  ])(
    'samples Gamma(shape %d, rate %d) with mean shape/rate and variance shape/rate²',
    (shape, rate) => {
      const rng = new Rng(12)
      const m = moments(() => rng.gamma(shape, rate))
      const variance = shape / rate ** 2
      expectMean(m.mean, shape / rate, variance)
      expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.05)
    },
  )

  it('samples Beta(a, b) with mean a/(a+b)', () => {
    const rng = new Rng(13)
    const [a, b] = [0.5, 5]
    const m = moments(() => rng.beta(a, b))
    const variance = (a * b) / ((a + b) ** 2 * (a + b + 1))
    expectMean(m.mean, a / (a + b), variance)
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.05)
  })

  it.each([0.7, 12, 45, 800])('samples Poisson(%d) with mean and variance equal', (mean) => {
    const rng = new Rng(14)
    const m = moments(() => rng.poisson(mean))
    expectMean(m.mean, mean, mean)
    expect(Math.abs(m.variance / mean - 1)).toBeLessThan(0.05)
  })

  it('samples Exponential(rate) with mean 1/rate', () => {
    const rng = new Rng(15)
    const m = moments(() => rng.exponential(0.25))
    expectMean(m.mean, 4, 16)
  })
})

describe('WeightedPicker', () => {
  it('picks items in proportion to their weights', () => {
    const picker = new WeightedPicker(['a', 'b', 'c'], [0.5, 0.3, 0.2])
    const rng = new Rng(16)
    const counts = { a: 0, b: 0, c: 0 }
    for (let i = 0; i < N; i++) counts[picker.pick(rng) as 'a' | 'b' | 'c']++
    expectMean(counts.a / N, 0.5, 0.25)
    expectMean(counts.b / N, 0.3, 0.21)
    expectMean(counts.c / N, 0.2, 0.16)
  })
})

describe('logGamma', () => {
  it('matches log Γ at known points', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12)
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12)
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10)
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 8)
  })
})
