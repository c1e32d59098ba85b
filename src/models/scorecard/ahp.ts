/**
 * Analytic Hierarchy Process weights (层次分析法, Saaty 1980): the principal eigenvector of a
 * reciprocal pairwise comparison matrix by power iteration, with λmax, the consistency index
 * and ratio. An inconsistent matrix (CR ≥ 0.1) is reported, not thrown: the user decides.
 */
import { invalidInput } from '../quantiles.js'

/** Saaty's random consistency index RI for n = 1…15 criteria (index n − 1). */
export const SAATY_RANDOM_INDEX: readonly number[] = [
  0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
]

/** Options of {@link ahpWeights}. */
export interface AhpOptions {
  /** Stop when no weight moves more than this between iterations (default 1e-12). */
  readonly tolerance?: number
  readonly maxIterations?: number
}

/** AHP weights and consistency figures. */
export interface AhpResult {
  /** Principal eigenvector normalised to sum 1, one weight per criterion. */
  readonly weights: Float64Array
  readonly lambdaMax: number
  /** Consistency index (λmax − n)/(n − 1); 0 for n ≤ 2. */
  readonly ci: number
  readonly ri: number
  /** Consistency ratio CI/RI; 0 for n ≤ 2 (such matrices are always consistent). */
  readonly cr: number
  /** CR < 0.1, Saaty's acceptance rule. */
  readonly consistent: boolean
  readonly iterations: number
}

/** Entries within 1 % of the reciprocal pass, so judgements typed as 0.33 for 1/3 are accepted. */
const RECIPROCAL_TOLERANCE = 0.01

/**
 * AHP weights from a pairwise comparison matrix (a[i][j] = importance of i over j on
 * Saaty's 1–9 scale, a[j][i] = 1/a[i][j]) by power iteration; λmax = mean of (Aw)ᵢ/wᵢ.
 * @example ahpWeights([[1, 3], [1 / 3, 1]]).weights // [0.75, 0.25]
 */
export function ahpWeights(
  matrix: readonly (readonly number[])[],
  options: AhpOptions = {},
): AhpResult {
  const n = checkMatrix(matrix)
  const a = (i: number, j: number) => (matrix[i] as readonly number[])[j] as number
  const tolerance = options.tolerance ?? 1e-12
  const maxIterations = options.maxIterations ?? 1000
  let w = new Float64Array(n).fill(1 / n)
  let iterations = 0
  for (; iterations < maxIterations;) {
    iterations++
    const next = new Float64Array(n)
    let sum = 0
    for (let i = 0; i < n; i++) {
      let s = 0
      for (let j = 0; j < n; j++) s += a(i, j) * (w[j] as number)
      next[i] = s
      sum += s
    }
    let change = 0
    for (let i = 0; i < n; i++) {
      next[i] = (next[i] as number) / sum
      change = Math.max(change, Math.abs((next[i] as number) - (w[i] as number)))
    }
    w = next
    if (change <= tolerance) break
  }
  let lambdaMax = 0
  for (let i = 0; i < n; i++) {
    let s = 0
    for (let j = 0; j < n; j++) s += a(i, j) * (w[j] as number)
    lambdaMax += s / (w[i] as number) / n
  }
  const ri = SAATY_RANDOM_INDEX[n - 1] as number
  const ci = n <= 2 ? 0 : (lambdaMax - n) / (n - 1)
  const cr = n <= 2 ? 0 : ci / ri
  return { weights: w, lambdaMax, ci, ri, cr, consistent: cr < 0.1, iterations }
}

function checkMatrix(matrix: readonly (readonly number[])[]): number {
  const n = matrix.length
  if (n < 1 || n > SAATY_RANDOM_INDEX.length) {
    invalidInput(
      `AHP needs 1 to ${SAATY_RANDOM_INDEX.length} criteria (Saaty's random index table): got ${n}`,
    )
  }
  matrix.forEach((row, i) => {
    if (row.length !== n)
      invalidInput(`AHP matrix row ${i} has ${row.length} entries, expected ${n}`)
    row.forEach((v, j) => {
      if (!(Number.isFinite(v) && v > 0))
        invalidInput(`AHP matrix entry [${i}][${j}] must be a positive number: got ${v}`)
    })
    if (row[i] !== 1) invalidInput(`AHP matrix diagonal [${i}][${i}] must be 1: got ${row[i]}`)
  })
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const aij = (matrix[i] as readonly number[])[j] as number
      const aji = (matrix[j] as readonly number[])[i] as number
      if (Math.abs(aij * aji - 1) > RECIPROCAL_TOLERANCE + 1e-12) {
        invalidInput(
          `AHP matrix is not reciprocal at [${i}][${j}]: ${aij} vs ${aji} (expected ${Number((1 / aij).toFixed(4))})`,
        )
      }
    }
  }
  return n
}
