import { describe, expect, it } from 'vitest'
import { kmeans, mulberry32 } from './kmeans.js'

// Three clearly separated groups, interleaved so labels cannot follow input order:
// A (5 points) around (1, 1), B (4) around (21, 1), C (3) around (1, 31).
const A = [
  [0, 0],
  [2, 0],
  [0, 2],
  [2, 2],
  [1, 1],
]
const B = [
  [20, 0],
  [22, 0],
  [20, 2],
  [22, 2],
]
const C = [
  [0, 30],
  [2, 30],
  [1, 33],
]
const points = [
  A[0],
  B[0],
  C[0],
  A[1],
  B[1],
  C[1],
  A[2],
  B[2],
  C[2],
  A[3],
  B[3],
  A[4],
] as number[][]
const group = 'ABCABCABCABA'
const x = Float64Array.from(points, (p) => p[0] as number)
const y = Float64Array.from(points, (p) => p[1] as number)

describe('kmeans on three separated groups', () => {
  const r = kmeans([x, y], { k: [2, 5], seed: 3 })

  it('chooses k = 3 because its mean silhouette is the highest of k = 2…5', () => {
    expect(r.k).toBe(3)
    expect(r.selection.map((s) => s.k)).toEqual([2, 3, 4, 5])
    const best = Math.max(...r.selection.map((s) => s.silhouette))
    expect(r.selection[1]?.silhouette).toBe(best)
    expect(best).toBeGreaterThan(0.8)
  })

  it('numbers clusters by size, so A (5) is 0, B (4) is 1 and C (3) is 2', () => {
    expect([...r.assignments].map((c) => 'ABC'[c]).join('')).toBe(group)
    expect(r.sizes).toEqual([5, 4, 3])
  })

  it('returns centroids in original units as the group means', () => {
    // A: x (0+2+0+2+1)/5 = 1, y 1; B: (20+22+20+22)/4 = 21, 1; C: 1, (30+30+33)/3 = 31
    expect(r.centroids.map((c) => [...c])).toEqual([
      [1, 1],
      [21, 1],
      [1, 31],
    ])
  })

  it('describes each cluster by centroid z (population sd), highest |z| first', () => {
    // x: mean 92/12 = 7.667, Σx² = 1782, var = 148.5 − 58.78 = 89.72, sd 9.472
    // y: mean 102/12 = 8.5, Σy² = 2906, var = 242.17 − 72.25 = 169.92, sd 13.035
    // A: x (1 − 7.667)/9.472 = −0.704, y (1 − 8.5)/13.035 = −0.575; B: x +1.408; C: y +1.726
    const traits = r.descriptions.map((d) =>
      d.traits.map((t) => [t.indicator, Number(t.z.toFixed(3)), t.level]),
    )
    expect(traits).toEqual([
      [
        [0, -0.704, 'low'],
        [1, -0.575, 'low'],
      ],
      [
        [0, 1.408, 'high'],
        [1, -0.575, 'low'],
      ],
      [
        [1, 1.726, 'high'],
        [0, -0.704, 'low'],
      ],
    ])
    expect(r.descriptions[2]?.share).toBe(0.25)
  })

  it('gives the same clustering for the same seed (every start is seeded)', () => {
    const again = kmeans([x, y], { k: [2, 5], seed: 3 })
    expect([...again.assignments]).toEqual([...r.assignments])
    expect(again.selection).toEqual(r.selection)
  })
})

describe('kmeans on a sample', () => {
  it('chooses k on a seeded sample of 90 and still assigns all 600 customers', () => {
    const random = mulberry32(11)
    const centres = [
      [0, 0, 0],
      [10, 0, 5],
      [0, 10, -5],
    ]
    const cols = [new Float64Array(600), new Float64Array(600), new Float64Array(600)]
    for (let i = 0; i < 600; i++) {
      const c = centres[i % 3] as number[]
      cols.forEach((col, j) => (col[i] = (c[j] as number) + random() - 0.5))
    }
    const r = kmeans(cols, { seed: 5, sampleSize: 90 })
    expect(r.k).toBe(3)
    expect(r.sizes).toEqual([200, 200, 200])
    for (let i = 3; i < 600; i++) expect(r.assignments[i]).toBe(r.assignments[i % 3])
  })
})

describe('kmeans details', () => {
  it('fits a fixed k and warns about a constant column, which gets z = 0', () => {
    const r = kmeans([x, y, new Float64Array(12).fill(4)], { k: 3 })
    expect(r.selection.map((s) => s.k)).toEqual([3])
    expect(r.warnings).toEqual([{ code: 'constant_indicator', message: 'column 2 is constant' }])
    expect(r.centroidsZ.map((c) => c[2])).toEqual([0, 0, 0])
  })

  it('rejects k that leaves no room for silhouettes', () => {
    expect(() => kmeans([x, y], { k: 12 })).toThrow(
      'k must be an integer from 2 to 11 (one less than the 12 customers clustered): got 12',
    )
  })

  it('rejects columns of different lengths', () => {
    expect(() => kmeans([x, y.subarray(1)])).toThrow('column 1 has 11 elements, expected 12')
  })

  it('mulberry32 repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const xs = Array.from({ length: 1000 }, () => a())
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs)
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...xs)).toBeLessThan(1)
    expect(mulberry32(43)()).not.toBe(xs[0])
  })
})
