/**
 * The per-customer columns a policy's rules read, built in the cluster as working tables:
 * the indicators, contribution and CLV predictions (`base`), RFM and ABC classes, and the
 * mid-rank percentile `<name>_pct` of each numeric column the rules cite — the same
 * definitions as `addModelFeatures` and `addPercentiles` on the DuckDB path. ABC ranks by
 * value descending then customer id, and its cumulative shares add in that order, as
 * `abcClasses` does in Node.
 */
import { runningSumBefore, sumByKey, valueRanks } from '../engine/index.js'
import { columnsOf, type ColumnKind, type ModelDiagnostics, type Policy } from '../tiering/index.js'
import type { ClusterRun } from './cluster-run.js'

/** The columns of a working table and what they hold; dates are left out, as in the frame. */
export async function columnKinds(
  run: ClusterRun,
  table: string,
): Promise<Map<string, ColumnKind>> {
  const rows = await run.engine.all<{ name: string; type: string }>(
    `SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = $t`,
    { t: table },
  )
  const kinds = new Map<string, ColumnKind>()
  for (const { name, type } of rows) {
    const base = type.replace(/^Nullable\((.*)\)$/, '$1')
    if (base === 'String') kinds.set(name, 'text')
    else if (/^(U?Int\d+|Float\d+)$/.test(base)) kinds.set(name, 'number')
  }
  return kinds
}

/**
 * The working table `tag`: `first` left-joined with each of the tables `others` on
 * customer_id, one table per join. The right sides are tables, never subqueries: 18.16
 * repeats the USING key in `SELECT *` over a join with a subquery ("Column customer_id
 * already exists").
 */
export async function joinInto(
  run: ClusterRun,
  tag: string,
  first: string,
  others: readonly string[],
): Promise<string> {
  let from = first
  for (const [i, t] of others.entries()) {
    const select = `SELECT * FROM ${from} ALL LEFT JOIN ${t} USING (customer_id)`
    from = await run.create(i === others.length - 1 ? tag : `${tag}_${i}`, 'customer_id', select)
  }
  return others.length === 0 ? run.create(tag, 'customer_id', `SELECT * FROM ${first}`) : from
}

type AbcConfig = NonNullable<Policy['models']['abc']>

/** ABC classes by cumulative share of the value indicator (missing as 0, negatives in C). */
export async function clusterAbc(
  run: ClusterRun,
  base: string,
  cfg: AbcConfig,
  warnings: string[],
): Promise<{ table: string; diagnostics: NonNullable<ModelDiagnostics['abc']> }> {
  const e = run.engine
  const values = `SELECT customer_id, coalesce(${e.dialect.quoteIdentifier(cfg.indicator)}, 0) AS v FROM ${base}`
  const [s] = (await e.all(
    `SELECT ${sumByKey('greatest(v, 0)', 'customer_id')} AS total, countIf(v < 0) AS negatives, count() AS n FROM (${values})`,
  )) as [{ total: number; negatives: number; n: number }]
  if (s.negatives > 0) {
    warnings.push(
      `${s.negatives} of ${s.n} customers have a negative value (net refunds): counted as zero value and put in C`,
    )
  }
  if (s.total === 0) warnings.push('no customer has a positive value: everyone is in C')
  // Shares within 1e-12 of a threshold count as reaching it, as in `abcClasses`.
  const [ta, tb] = cfg.thresholds
  const share = s.total > 0 ? `before / ${s.total}` : '1'
  const ranked = await run.create(
    'abc_ranked',
    'customer_id',
    `SELECT k AS customer_id, v AS abc_value,
      multiIf(v < 0, 'C', ${share} < ${ta - 1e-12}, 'A', ${share} < ${tb - 1e-12}, 'B', 'C') AS abc_class
    FROM (${runningSumBefore(values, 'customer_id', 'v', 'greatest(v, 0)')})`,
  )
  const cut = await e.all<{ c: string; lo: number }>(
    `SELECT abc_class AS c, min(abc_value) AS lo FROM ${ranked} GROUP BY c`,
  )
  const lo = (c: string) => cut.find((r) => r.c === c)?.lo ?? null
  return {
    table: await run.create('abc', 'customer_id', `SELECT customer_id, abc_class FROM ${ranked}`),
    diagnostics: { cutValues: { a: lo('A'), b: lo('B') }, indicator: cfg.indicator },
  }
}

/** Base columns (without `_pct`) whose percentiles the tier rules read. */
export function citedPercentiles(policy: Policy): string[] {
  const out = new Set<string>()
  for (const r of policy.rules)
    if (r) for (const c of columnsOf(r)) if (c.endsWith('_pct')) out.add(c.slice(0, -4))
  return [...out]
}

/**
 * The working table `tag` (default `feat`): the table `base` with `<name>_pct` for each
 * numeric `name`, (below + ties / 2) / n over the customers with a value, as
 * `addPercentiles` gives.
 */
export async function withPercentiles(
  run: ClusterRun,
  base: string,
  names: readonly string[],
  tag = 'feat',
): Promise<string> {
  const kinds = await columnKinds(run, run.name(base))
  const table = run.q(run.name(base))
  const q = (s: string) => run.engine.dialect.quoteIdentifier(s)
  const joins: [string, string][] = []
  for (const name of names) {
    if (kinds.get(name) !== 'number' || kinds.has(`${name}_pct`)) continue
    const ranks = valueRanks(`SELECT ${q(name)} FROM ${table}`, q(name))
    const pct = await run.create(
      `${tag}_pct_${joins.length}`,
      'tuple()',
      `SELECT toNullable(v) AS ${q(name)}, toFloat64(2 * below + ties) / (2 * n) AS ${q(`${name}_pct`)} FROM (${ranks})`,
    )
    joins.push([pct, name])
  }
  let from = table
  for (const [i, [pct, name]] of joins.entries()) {
    const select = `SELECT * FROM ${from} ALL LEFT JOIN ${pct} USING (${q(name)})`
    from = await run.create(i === joins.length - 1 ? tag : `${tag}_${i}`, 'customer_id', select)
  }
  return joins.length === 0 ? run.create(tag, 'customer_id', `SELECT * FROM ${table}`) : from
}
