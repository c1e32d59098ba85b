/**
 * The value scorecard in the cluster, equal to `scorecard` on the DuckDB path (see
 * `addModelFeatures`): each indicator over all customers, a missing value counted as 0 or,
 * where lower is better, as the worst value; normalised to 0–1 by min-max, z-score (Φ by the
 * same `erfcc` polynomial) or mid-rank percentile; weighted; summed to 0–100 in indicator
 * order. Only summaries come to Node: per indicator the worst value, min, max, and for the
 * z-score the sum and sum of squares, for entropy weights the sum of the min-max column and
 * its −Σ p ln p. Node resolves the weights with the models' own code (`scorecardWeights`,
 * `entropyFromSums`) and they go back as exact constants (`floatLiteral`). Sums add in
 * customer-id order, as Node adds a column, and each score adds its terms in indicator order,
 * so with hand or AHP weights min-max and percentile scores are the same doubles on both
 * paths. ClickHouse's `log` and `exp` differ from V8's by one unit in the last place for
 * about one value in 30 (checked on 18.16.1), so entropy weights and z-scores agree to about
 * 1e-15 relative, not to the bit.
 */
import { floatLiteral, valueRanks } from '../engine/index.js'
import { ERFC_COEFFICIENTS, entropyFromSums, scorecardWeights } from '../models/index.js'
import { ClienteleError } from '../schema/index.js'
import {
  directionOf,
  scorecardDiagnostics,
  weightSpec,
  type ModelDiagnostics,
  type Policy,
} from '../tiering/index.js'
import { columnKinds } from './cluster-features.js'
import type { ClusterRun } from './cluster-run.js'

type ScorecardConfig = NonNullable<Policy['models']['scorecard']>

/** What Node knows of one indicator's column: its bounds and, for z-scores, mean and sd. */
interface Column {
  readonly x: string
  readonly lower: boolean
  readonly lo: number
  readonly hi: number
  readonly mean: number
  readonly sd: number
}

/** The sums of `values` over the rows of `from`, each added in customer-id order. */
async function sumsInIdOrder(run: ClusterRun, from: string, values: readonly string[]) {
  if (values.length === 0) return []
  const [r] = await run.engine.all<Record<string, number>>(
    `SELECT ${values.map((_, j) => `arraySum(arrayMap(t_ -> t_.${j + 2}, s_)) AS s${j}`).join(', ')}
     FROM (SELECT arraySort(groupArray((customer_id, ${values.join(', ')}))) AS s_ FROM ${from})`,
  )
  return values.map((_, j) => r![`s${j}`]!)
}

/** The working table of each customer's indicator values, missing ones as 0 or the worst. */
async function valuesTable(run: ClusterRun, tag: string, cfg: ScorecardConfig): Promise<string> {
  const kinds = await columnKinds(run, run.name(tag))
  const q = (s: string) => run.engine.dialect.quoteIdentifier(s)
  for (const name of cfg.indicators) {
    if (kinds.get(name) !== 'number')
      throw new ClienteleError(
        'POLICY_INVALID',
        `the policy needs the indicator ${name}, which is not available`,
      )
  }
  const lower = cfg.indicators.map((name) => directionOf(name) === 'lower')
  const [worst] = await run.engine.all<Record<string, number>>(
    `SELECT ${cfg.indicators.map((name, j) => `coalesce(greatest(max(toFloat64(${q(name)})), 0.), 0.) AS w${j}`).join(', ')}
     FROM ${run.q(run.name(tag))}`,
  )
  // `+ 0.` turns -0 into 0: 18.16 groups -0 and 0 apart (checked), JavaScript's ranks tie them.
  const x = cfg.indicators.map(
    (name, j) =>
      `coalesce(toFloat64(${q(name)}), ${floatLiteral(run.engine.dialect, lower[j] ? worst![`w${j}`]! : 0)}) + 0. AS sc_x${j}`,
  )
  return run.create(
    'sc_x',
    'customer_id',
    `SELECT customer_id, ${x.join(', ')} FROM ${run.q(run.name(tag))}`,
  )
}

/** Each indicator's bounds, and its mean and population sd when the method is the z-score. */
async function columnStats(
  run: ClusterRun,
  values: string,
  cfg: ScorecardConfig,
): Promise<{ n: number; columns: Column[] }> {
  const m = cfg.indicators.length
  const xs = Array.from({ length: m }, (_, j) => `sc_x${j}`)
  const [b] = await run.engine.all<Record<string, number>>(
    `SELECT count() AS n, ${xs.map((x, j) => `min(${x}) AS lo${j}, max(${x}) AS hi${j}`).join(', ')} FROM ${values}`,
  )
  const n = b!.n!
  const zscore = cfg.normalise === 'zscore'
  const means = (await sumsInIdOrder(run, values, zscore ? xs : [])).map((s) => s / n)
  const c = (v: number) => floatLiteral(run.engine.dialect, v)
  const squares = await sumsInIdOrder(
    run,
    values,
    means.map((mu, j) => `(${xs[j]} - ${c(mu)}) * (${xs[j]} - ${c(mu)})`),
  )
  const columns = cfg.indicators.map((name, j) => ({
    x: xs[j]!,
    lower: directionOf(name) === 'lower',
    lo: b![`lo${j}`]!,
    hi: b![`hi${j}`]!,
    mean: means[j] ?? NaN,
    sd: zscore ? Math.sqrt(squares[j]! / n) : NaN,
  }))
  return { n, columns }
}

/** A column normalised to 0–1 by min-max, 1 = best; 0.5 when constant (`normalise`). */
function minmax(run: ClusterRun, c: Column): string {
  if (c.lo === c.hi) return '0.5'
  const f = (v: number) => floatLiteral(run.engine.dialect, v)
  const range = f(c.hi - c.lo)
  return c.lower ? `((${f(c.hi)} - ${c.x}) / ${range})` : `((${c.x} - ${f(c.lo)}) / ${range})`
}

/** Φ(z) as `normalCdf` computes it, operation for operation. */
function normalCdfSql(z: string): string {
  const [c0, ...rest] = ERFC_COEFFICIENTS
  const x = `(abs(${z}) / ${Math.SQRT2})`
  const t = `(1 / (1 + 0.5 * ${x}))`
  let horner = String(rest.at(-1))
  for (let k = rest.length - 2; k >= 0; k--) horner = `(${rest[k]} + ${t} * ${horner})`
  const erfc = `(${t} * exp((-${x}) * ${x} - ${c0} + ${t} * ${horner}))`
  return `if(${z} >= 0, 1 - ${erfc} / 2, ${erfc} / 2)`
}

/** A column normalised to 0–1 by the z-score's Φ, 1 = best; 0.5 when constant (`normalise`). */
function zscore(run: ClusterRun, c: Column): string {
  if (c.lo === c.hi) return '0.5'
  const [mean, sd] = [c.mean, c.sd].map((v) => floatLiteral(run.engine.dialect, v))
  return normalCdfSql(c.lower ? `((${mean} - ${c.x}) / ${sd})` : `((${c.x} - ${mean}) / ${sd})`)
}

/**
 * The values table with each column's mid-rank percentile `sc_p<j>` joined on its value,
 * (below + ties / 2) / n as `percentileRanks` gives; one join per query.
 */
async function withRanks(run: ClusterRun, values: string, columns: readonly Column[]) {
  let from = values
  for (const [j, c] of columns.entries()) {
    const ranks = await run.create(
      `sc_rank${j}`,
      'tuple()',
      `SELECT v AS ${c.x}, toFloat64(2 * below + ties) / (2 * n) AS sc_p${j}
       FROM (${valueRanks(`SELECT ${c.x} FROM ${values}`, c.x)})`,
    )
    from = await run.create(
      `sc_p${j}`,
      'customer_id',
      `SELECT * FROM ${from} ALL LEFT JOIN ${ranks} USING (${c.x})`,
    )
  }
  return from
}

/** −Σ p ln p of each min-max column with its sum, for `entropyFromSums`. */
async function entropySums(run: ClusterRun, values: string, columns: readonly Column[]) {
  const u = columns.map((c) => minmax(run, c))
  const sums = await sumsInIdOrder(run, values, u)
  const f = (v: number) => floatLiteral(run.engine.dialect, v)
  const h = await sumsInIdOrder(
    run,
    values,
    u.map((uj, j) =>
      sums[j]! > 0
        ? `if(${uj} > 0, -((${uj} / ${f(sums[j]!)}) * log(${uj} / ${f(sums[j]!)})), 0.)`
        : '0.',
    ),
  )
  return sums.map((sum, j) => ({ sum, h: h[j]! }))
}

export interface ClusterScorecard {
  /** The working table of each customer's `score`, 0–100. */
  readonly table: string
  readonly diagnostics: NonNullable<ModelDiagnostics['scorecard']>
}

/** The scorecard of the policy for every customer of the working table `tag`. */
export async function clusterScorecard(
  run: ClusterRun,
  tag: string,
  cfg: ScorecardConfig,
  warnings: string[],
): Promise<ClusterScorecard> {
  const values = await valuesTable(run, tag, cfg)
  const { n, columns } = await columnStats(run, values, cfg)
  const sums = cfg.weights === 'entropy' ? await entropySums(run, values, columns) : []
  const named = columns.map((c, j) => ({ name: cfg.indicators[j]!, constant: c.lo === c.hi }))
  const w = scorecardWeights(named, weightSpec(cfg), () => entropyFromSums(n, sums))
  const normalised = columns.map((c, j) => {
    if (cfg.normalise === 'minmax') return minmax(run, c)
    if (cfg.normalise === 'zscore') return zscore(run, c)
    return c.lower ? `(1 - sc_p${j})` : `sc_p${j}`
  })
  const from = cfg.normalise === 'percentile' ? await withRanks(run, values, columns) : values
  const terms = normalised.map(
    (x, j) => `${floatLiteral(run.engine.dialect, 100 * w.weights[j]!)} * ${x}`,
  )
  const table = await run.create(
    'score',
    'customer_id',
    `SELECT customer_id, ${terms.join(' + ')} AS score FROM ${from}`,
  )
  return { table, diagnostics: scorecardDiagnostics(cfg, w, warnings) }
}
