/**
 * k-means clustering (客户分群) on standardised indicators: k-means++ starts from a seeded
 * PRNG, several restarts keeping the lowest within-cluster sum of squares, and k chosen by
 * the highest mean silhouette. Clusters are numbered by size (0 = largest) and described by
 * the z-scores of their centroids, which the tiering layer turns into words.
 */
import {
  assertFinite,
  assertInteger,
  assertLength,
  invalidInput,
  mean,
  type ModelWarning,
} from './quantiles.js'

/**
 * A seeded PRNG (mulberry32) returning floats in [0, 1); same seed, same sequence.
 * @example const random = mulberry32(42); random() // 0.6011037519201636
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Options of {@link kmeans}. */
export interface KmeansOptions {
  /**
   * A fixed k, or the inclusive range searched by silhouette (default [2, 8], capped at
   * n − 1 and at sampleSize − 1).
   */
  readonly k?: number | readonly [number, number]
  /** k-means++ restarts per k (default 5). */
  readonly restarts?: number
  /** Lloyd iterations per restart (default 100). */
  readonly maxIterations?: number
  readonly seed?: number
  /**
   * Above this many customers, k is chosen (and silhouettes computed) on a seeded sample of
   * this size, then the chosen k is fitted on everyone (default 2000).
   */
  readonly sampleSize?: number
  /** |z| of a centroid from which an indicator counts as high or low (default 0.5). */
  readonly describeThreshold?: number
}

/** One indicator of a cluster centroid relative to the population. */
export interface ClusterTrait {
  readonly indicator: number
  /** Centroid in standard deviations from the population mean. */
  readonly z: number
  readonly level: 'high' | 'low' | 'average'
}

/** A cluster in structured form: its size and its traits by decreasing |z|. */
export interface ClusterDescription {
  readonly cluster: number
  readonly size: number
  readonly share: number
  readonly traits: readonly ClusterTrait[]
}

/** Clustering result: assignments, centroids in original and z units, and how k was chosen. */
export interface KmeansResult {
  readonly k: number
  /** Cluster per customer, 0 = largest cluster. */
  readonly assignments: Int32Array
  readonly sizes: readonly number[]
  /** Centroid per cluster in the indicators' own units (the members' means). */
  readonly centroids: readonly Float64Array[]
  /** Centroid per cluster in z units (population mean 0, standard deviation 1). */
  readonly centroidsZ: readonly Float64Array[]
  /** Within-cluster sum of squares in z units. */
  readonly inertia: number
  readonly converged: boolean
  /** Mean silhouette (−1 to 1) and inertia per k tried; on a sample when n > sampleSize. */
  readonly selection: readonly {
    readonly k: number
    readonly silhouette: number
    readonly inertia: number
  }[]
  readonly descriptions: readonly ClusterDescription[]
  readonly warnings: readonly ModelWarning[]
}

/**
 * Clusters customers on z-scored indicator columns (population standard deviation) with
 * k-means++ (Arthur & Vassilvitskii 2007) and picks k by mean silhouette (Rousseeuw 1987),
 * ties to the smaller k.
 * @example kmeans([recency, frequency, monetary], { k: [2, 6], seed: 7 }).descriptions
 */
export function kmeans(
  columns: readonly Float64Array[],
  options: KmeansOptions = {},
): KmeansResult {
  const std = standardise(columns)
  const { z, n, d } = std
  const sampleSize = options.sampleSize ?? 2000
  if (!Number.isInteger(sampleSize) || sampleSize < 3) {
    invalidInput(`sampleSize must be an integer of at least 3: got ${sampleSize}`)
  }
  const [kMin, kMax] = kRange(options.k, Math.min(n, sampleSize))
  const seed = options.seed ?? 1
  const restarts = options.restarts ?? 5
  const maxIterations = options.maxIterations ?? 100
  assertInteger('restarts', restarts, 1, 1000)
  assertInteger('maxIterations', maxIterations, 1, 100_000)
  const fitK = (data: Float64Array, k: number) =>
    lloyd(data, d, k, restarts, maxIterations, kSeed(seed, k))
  const rows = n > sampleSize ? sampleRows(n, sampleSize, mulberry32(seed)) : null
  const zs = rows === null ? z : pick(z, d, rows)
  const selection: { k: number; silhouette: number; inertia: number }[] = []
  let best = { k: kMin, score: -Infinity, fit: null as Fit | null }
  for (let k = kMin; k <= kMax; k++) {
    const fit = kMin === kMax ? fitK(z, k) : fitK(zs, k)
    const labels =
      kMin === kMax && rows !== null
        ? rows.map((r) => fit.assignments[r] as number)
        : fit.assignments
    const score = silhouette(zs, d, labels, k)
    selection.push({ k, silhouette: score, inertia: fit.inertia })
    if (score > best.score + 1e-12) best = { k, score, fit }
  }
  const fit = rows === null || kMin === kMax ? (best.fit as Fit) : fitK(z, best.k)
  return finish(fit, best.k, columns, std, selection, options.describeThreshold ?? 0.5)
}

function kSeed(seed: number, k: number): number {
  return (seed ^ Math.imul(k, 0x9e3779b9)) >>> 0
}

/** k must leave silhouettes defined: 2 ≤ k ≤ m − 1 for the m customers they are computed on. */
function kRange(k: KmeansOptions['k'], m: number): [number, number] {
  const check = (v: number) => {
    if (!Number.isInteger(v) || v < 2 || v > m - 1) {
      invalidInput(
        `k must be an integer from 2 to ${m - 1} (one less than the ${m} customers clustered): got ${v}`,
      )
    }
  }
  if (typeof k === 'number') {
    check(k)
    return [k, k]
  }
  const [lo, hi] = k ?? [2, 8]
  check(lo)
  if (!Number.isInteger(hi) || hi < lo)
    invalidInput(`k range must be [min, max] with min ≤ max: got [${lo}, ${hi}]`)
  return [lo, Math.min(hi, m - 1)]
}

function standardise(columns: readonly Float64Array[]) {
  const d = columns.length
  if (d === 0) invalidInput('kmeans needs at least one indicator column')
  const n = (columns[0] as Float64Array).length
  if (n < 3) invalidInput(`kmeans needs at least 3 customers: got ${n}`)
  const z = new Float64Array(n * d)
  const means = new Float64Array(d)
  const sds = new Float64Array(d)
  const warnings: ModelWarning[] = []
  columns.forEach((col, j) => {
    assertLength(`column ${j}`, col, n)
    assertFinite(`column ${j}`, col)
    const m = mean(col)
    let ss = 0
    for (const v of col) ss += (v - m) ** 2
    const sd = Math.sqrt(ss / n)
    means[j] = m
    sds[j] = sd
    if (sd === 0) warnings.push({ code: 'constant_indicator', message: `column ${j} is constant` })
    for (let i = 0; i < n; i++) z[i * d + j] = sd === 0 ? 0 : ((col[i] as number) - m) / sd
  })
  return { z, n, d, means, sds, warnings }
}

function sampleRows(n: number, size: number, random: () => number): Int32Array {
  const all = new Int32Array(n)
  for (let i = 0; i < n; i++) all[i] = i
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i))
    const t = all[i] as number
    all[i] = all[j] as number
    all[j] = t
  }
  return all.slice(0, size).sort()
}

function pick(z: Float64Array, d: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * d)
  rows.forEach((r, i) => out.set(z.subarray(r * d, r * d + d), i * d))
  return out
}

interface Fit {
  readonly assignments: Int32Array
  readonly centroids: Float64Array
  readonly inertia: number
  readonly converged: boolean
}

function lloyd(
  z: Float64Array,
  d: number,
  k: number,
  restarts: number,
  maxIterations: number,
  seed: number,
): Fit {
  const random = mulberry32(seed)
  let best: Fit | null = null
  for (let r = 0; r < restarts; r++) {
    const fit = lloydOnce(z, d, k, plusPlus(z, d, k, random), maxIterations)
    if (best === null || fit.inertia < best.inertia) best = fit
  }
  return best as Fit
}

function dist2(a: Float64Array, i: number, b: Float64Array, c: number, d: number): number {
  let s = 0
  for (let j = 0; j < d; j++) s += ((a[i * d + j] as number) - (b[c * d + j] as number)) ** 2
  return s
}

function plusPlus(z: Float64Array, d: number, k: number, random: () => number): Float64Array {
  const n = z.length / d
  const centroids = new Float64Array(k * d)
  const nearest = new Float64Array(n).fill(Infinity)
  let next = Math.floor(random() * n)
  for (let c = 0; c < k; c++) {
    centroids.set(z.subarray(next * d, next * d + d), c * d)
    let total = 0
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i] as number, dist2(z, i, centroids, c, d))
      total += nearest[i] as number
    }
    let target = random() * total
    next = Math.floor(random() * n)
    for (let i = 0; i < n && total > 0; i++) {
      target -= nearest[i] as number
      if (target < 0) {
        next = i
        break
      }
    }
  }
  return centroids
}

function lloydOnce(
  z: Float64Array,
  d: number,
  k: number,
  centroids: Float64Array,
  maxIterations: number,
): Fit {
  const n = z.length / d
  const assignments = new Int32Array(n).fill(-1)
  const dist = new Float64Array(n)
  let converged = false
  for (let iter = 0; iter < maxIterations && !converged; iter++) {
    converged = true
    for (let i = 0; i < n; i++) {
      let bestC = 0
      let bestD = Infinity
      for (let c = 0; c < k; c++) {
        const dc = dist2(z, i, centroids, c, d)
        if (dc < bestD) [bestC, bestD] = [c, dc]
      }
      dist[i] = bestD
      if (assignments[i] !== bestC) [assignments[i], converged] = [bestC, false]
    }
    if (!converged) updateCentroids(z, d, k, assignments, dist, centroids)
  }
  let inertia = 0
  for (const v of dist) inertia += v
  return { assignments, centroids, inertia, converged }
}

/** Means of the members; an empty cluster takes the point farthest from its own centroid. */
function updateCentroids(
  z: Float64Array,
  d: number,
  k: number,
  assign: Int32Array,
  dist: Float64Array,
  out: Float64Array,
) {
  const counts = new Float64Array(k)
  out.fill(0)
  for (let i = 0; i < assign.length; i++) {
    const c = assign[i] as number
    counts[c] = (counts[c] as number) + 1
    for (let j = 0; j < d; j++)
      out[c * d + j] = (out[c * d + j] as number) + (z[i * d + j] as number)
  }
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) {
      let far = 0
      for (let i = 1; i < dist.length; i++) if ((dist[i] as number) > (dist[far] as number)) far = i
      out.set(z.subarray(far * d, far * d + d), c * d)
      dist[far] = 0
      continue
    }
    for (let j = 0; j < d; j++) out[c * d + j] = (out[c * d + j] as number) / (counts[c] as number)
  }
}

/** Mean silhouette; a point alone in its cluster scores 0 (Rousseeuw's convention). */
function silhouette(z: Float64Array, d: number, assign: Int32Array, k: number): number {
  const n = assign.length
  const sizes = new Float64Array(k)
  for (const c of assign) sizes[c] = (sizes[c] as number) + 1
  const sums = new Float64Array(k)
  let total = 0
  for (let i = 0; i < n; i++) {
    sums.fill(0)
    for (let o = 0; o < n; o++) {
      const c = assign[o] as number
      sums[c] = (sums[c] as number) + Math.sqrt(dist2(z, i, z, o, d))
    }
    const own = assign[i] as number
    if ((sizes[own] as number) <= 1) continue
    const a = (sums[own] as number) / ((sizes[own] as number) - 1)
    let b = Infinity
    for (let c = 0; c < k; c++)
      if (c !== own && (sizes[c] as number) > 0)
        b = Math.min(b, (sums[c] as number) / (sizes[c] as number))
    const m = Math.max(a, b)
    total += m === 0 || b === Infinity ? 0 : (b - a) / m
  }
  return total / n
}

function finish(
  fit: Fit,
  k: number,
  columns: readonly Float64Array[],
  { n, d, warnings }: ReturnType<typeof standardise>,
  selection: KmeansResult['selection'],
  threshold: number,
): KmeansResult {
  const sizes = new Array<number>(k).fill(0)
  const first = new Array<number>(k).fill(n)
  fit.assignments.forEach((c, i) => {
    sizes[c] = (sizes[c] as number) + 1
    first[c] = Math.min(first[c] as number, i)
  })
  const byOld = [...sizes.keys()].sort(
    (a, b) =>
      (sizes[b] as number) - (sizes[a] as number) || (first[a] as number) - (first[b] as number),
  )
  const relabel = new Int32Array(k)
  byOld.forEach((old, c) => (relabel[old] = c))
  const assignments = fit.assignments.map((c) => relabel[c] as number)
  const centroidsZ = byOld.map((old) => fit.centroids.slice(old * d, old * d + d))
  const centroids = byOld.map(() => new Float64Array(d))
  assignments.forEach((c, i) => {
    const centroid = centroids[c] as Float64Array
    columns.forEach((col, j) => (centroid[j] = (centroid[j] as number) + (col[i] as number)))
  })
  centroids.forEach((centroid, c) =>
    centroid.forEach((v, j) => (centroid[j] = v / (sizes[byOld[c] as number] as number))),
  )
  const newSizes = byOld.map((old) => sizes[old] as number)
  const descriptions = centroidsZ.map((cz, c): ClusterDescription => {
    const traits = [...cz].map((v, indicator): ClusterTrait => ({
      indicator,
      z: v,
      level: v >= threshold ? 'high' : v <= -threshold ? 'low' : 'average',
    }))
    traits.sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.indicator - b.indicator)
    return { cluster: c, size: newSizes[c] as number, share: (newSizes[c] as number) / n, traits }
  })
  return {
    k,
    assignments,
    sizes: newSizes,
    centroids,
    centroidsZ,
    inertia: fit.inertia,
    converged: fit.converged,
    selection,
    descriptions,
    warnings,
  }
}
