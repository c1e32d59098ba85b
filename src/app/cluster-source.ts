/**
 * What the per-customer text and action plans of a cluster analysis read, as one narrow
 * working table `src`: the tier and whether a rule decided it, every column the tier and
 * action rules cite, the percentile of each column a tier rule cites (the reasons quote it:
 * "前 10%") and of each percentile an action rule compares, the needs indicators, the owner
 * and value-at-stake inputs of the action plan, and the categories the customer's tier peers
 * buy and it does not.
 *
 * Rows are sorted by page: `cityHash64(customer_id) % pages`, with pages of about 50,000
 * customers, so that Node reads one page with one range read. 18.16 cannot read a sorted
 * table in order, so a page taken with `WHERE customer_id > last ORDER BY customer_id LIMIT n`
 * would read every later row again and the whole pass would grow with the square of the
 * customers; a page key in the sort key keeps it linear. Each page is ordered by customer id.
 */
import { columnsOf, type ColumnKind, type Policy } from '../tiering/index.js'
import { columnKinds, withPercentiles } from './cluster-features.js'
import type { ClusterRun } from './cluster-run.js'

/** Customers per page: the batch the DuckDB path builds its sentences in. */
export const PAGE = 50_000

const NEEDS = ['satisfaction_latest', 'days_since_contact', 'complaints', 'churn_risk']
const PLAN = ['account_manager', 'clv', 'churn_risk']

const baseOf = (c: string) => (c.endsWith('_pct') ? c.slice(0, -4) : c)

/** The columns the text and plans read, and the columns whose percentiles they need. */
function wanted(policy: Policy): { columns: Set<string>; percentiles: Set<string> } {
  const columns = new Set([...NEEDS, ...PLAN, policy.value])
  const percentiles = new Set<string>()
  for (const r of policy.rules) {
    for (const c of r ? columnsOf(r) : []) {
      columns
        .add(c)
        .add(baseOf(c))
        .add(`${baseOf(c)}_pct`)
      percentiles.add(baseOf(c))
    }
  }
  for (const r of policy.actionRules.flat()) {
    for (const c of r ? columnsOf(r) : []) {
      columns.add(c).add(baseOf(c))
      if (c.endsWith('_pct')) percentiles.add(baseOf(c))
    }
  }
  return { columns, percentiles }
}

export interface TextSource {
  /** The quoted name of the working table. */
  readonly table: string
  readonly kinds: ReadonlyMap<string, ColumnKind>
  /** Pages are numbered 0 to `pages - 1`. */
  readonly pages: number
  /** The customers a page holds on average, and the most rows Node reads at a time elsewhere. */
  readonly pageSize: number
}

/**
 * Builds `src` from the tiered working table, whose columns are `have` with `tier_index` and
 * `matched`, and the `peers` table (see the module comment).
 */
export async function textSource(
  run: ClusterRun,
  tiered: string,
  have: ReadonlyMap<string, ColumnKind>,
  policy: Policy,
  peers: string,
  customers: number,
  pageSize = PAGE,
): Promise<TextSource> {
  const { columns, percentiles } = wanted(policy)
  const picked = [...columns].filter((c) => have.has(c) && c !== 'customer_id').sort()
  await run.create(
    'src_cols',
    'customer_id',
    `SELECT customer_id, tier_index, matched${picked.map((c) => `, ${run.q(c)}`).join('')} FROM ${tiered}`,
  )
  const missing = [...percentiles].filter((c) => have.get(c) === 'number' && !have.has(`${c}_pct`))
  const ranked =
    missing.length === 0
      ? run.q(run.name('src_cols'))
      : await withPercentiles(run, 'src_cols', missing, 'src_pct')
  const pages = Math.max(1, Math.ceil(customers / pageSize))
  await run.create(
    'src',
    '(page, customer_id)',
    `SELECT *, cityHash64(customer_id) % ${pages} AS page FROM ${ranked} ALL LEFT JOIN ${peers} USING (customer_id)`,
  )
  return {
    table: run.q(run.name('src')),
    kinds: await columnKinds(run, run.name('src')),
    pages,
    pageSize,
  }
}
