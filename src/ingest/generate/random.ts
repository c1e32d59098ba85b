/**
 * A seeded pseudo-random generator (xoshiro128**, Blackman & Vigna 2018) and the samplers
 * the synthetic data needs. Every stream is keyed by (seed, index, stream) through a
 * splitmix32 hash, so a customer's draws do not depend on how many draws came before it:
 * the generator can replay one customer without replaying the others.
 */

const TWO_32 = 4294967296

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0
  let z = next
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return [(z ^ (z >>> 16)) >>> 0, next]
}

function hashKey(seed: number, index: number, stream: number): number {
  let h = splitmix32((seed >>> 0) ^ Math.floor(seed / TWO_32))[0]
  h = splitmix32(h ^ (index >>> 0))[0]
  h = splitmix32(h ^ Math.floor(index / TWO_32))[0]
  return splitmix32(h ^ Math.imul(stream + 1, 0x27d4eb2d))[0]
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k))

/** A xoshiro128** stream; `uniform()` is in the open interval (0, 1). */
export class Rng {
  private s0: number
  private s1: number
  private s2: number
  private s3: number
  private spare: number | null = null

  constructor(seed: number, index = 0, stream = 0) {
    let state = hashKey(seed, index, stream)
    const words: number[] = []
    for (let i = 0; i < 4; i++) {
      const [word, next] = splitmix32(state)
      words.push(word | 0)
      state = next
    }
    this.s0 = words[0]!
    this.s1 = words[1]!
    this.s2 = words[2]!
    this.s3 = words[3]!
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9)
    const t = this.s1 << 9
    this.s2 ^= this.s0
    this.s3 ^= this.s1
    this.s1 ^= this.s2
    this.s0 ^= this.s3
    this.s2 ^= t
    this.s3 = rotl(this.s3, 11)
    return result >>> 0
  }

  uniform(): number {
    return (this.nextUint32() + 0.5) / TWO_32
  }

  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform()
  }

  /** An integer in 0 … n − 1. */
  int(n: number): number {
    return Math.floor(this.uniform() * n)
  }

  chance(probability: number): boolean {
    return this.uniform() < probability
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!
  }

  /** Standard normal, by Marsaglia's polar method. */
  normal(): number {
    if (this.spare !== null) {
      const value = this.spare
      this.spare = null
      return value
    }
    for (;;) {
      const u = 2 * this.uniform() - 1
      const v = 2 * this.uniform() - 1
      const s = u * u + v * v
      if (s >= 1 || s === 0) continue
      const f = Math.sqrt((-2 * Math.log(s)) / s)
      this.spare = v * f
      return u * f
    }
  }

  exponential(rate: number): number {
    return -Math.log(this.uniform()) / rate
  }

  /** Gamma with shape and rate (mean shape / rate), by Marsaglia & Tsang (2000). */
  gamma(shape: number, rate: number): number {
    if (shape < 1) return this.gamma(shape + 1, rate) * this.uniform() ** (1 / shape)
    const d = shape - 1 / 3
    const c = 1 / Math.sqrt(9 * d)
    for (;;) {
      const x = this.normal()
      let v = 1 + c * x
      if (v <= 0) continue
      v = v * v * v
      const u = this.uniform()
      const x2 = x * x
      if (u < 1 - 0.0331 * x2 * x2) return (d * v) / rate
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return (d * v) / rate
    }
  }

  /** Beta(a, b) as X / (X + Y) of two gammas. */
  beta(a: number, b: number): number {
    const x = this.gamma(a, 1)
    const y = this.gamma(b, 1)
    // Both gammas underflow to 0 only for tiny shapes; the mean is then the best answer.
    return x + y === 0 ? (this.chance(a / (a + b)) ? 1 : 0) : x / (x + y)
  }

  /** Poisson: multiplication for small means, PTRS (Hörmann 1993) for large ones. */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0
    if (mean < 30) {
      const limit = Math.exp(-mean)
      let k = 0
      let product = this.uniform()
      while (product > limit) {
        k++
        product *= this.uniform()
      }
      return k
    }
    const slam = Math.sqrt(mean)
    const logMean = Math.log(mean)
    const b = 0.931 + 2.53 * slam
    const a = -0.059 + 0.02483 * b
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4)
    const vr = 0.9277 - 3.6224 / (b - 2)
    for (;;) {
      const u = this.uniform() - 0.5
      const v = this.uniform()
      const us = 0.5 - Math.abs(u)
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43)
      if (us >= 0.07 && v <= vr) return k
      if (k < 0 || (us < 0.013 && v > us)) continue
      const lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b)
      if (lhs <= -mean + k * logMean - logGamma(k + 1)) return k
    }
  }
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
]

/** log Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const z = x - 1
  let sum = LANCZOS[0]!
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i)
  const t = z + 7.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum)
}

/** Picks from `items` with the given weights (cumulative sums precomputed). */
export class WeightedPicker<T> {
  private readonly cumulative: Float64Array
  private readonly total: number

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    this.cumulative = new Float64Array(items.length)
    let sum = 0
    items.forEach((_, i) => {
      sum += weights[i] ?? 0
      this.cumulative[i] = sum
    })
    this.total = sum
  }

  pick(rng: Rng): T {
    const target = rng.uniform() * this.total
    let i = 0
    while (i < this.items.length - 1 && this.cumulative[i]! <= target) i++
    return this.items[i]!
  }
}
