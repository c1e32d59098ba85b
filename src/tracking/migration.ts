/**
 * Comparing two snapshots (`clientele compare A B`): the tier migration matrix in customers
 * and value, the customers who moved with the indicator that changed most in the direction
 * of the move, and the customers who are new, lost (bought in the first snapshot's window,
 * not since) or gone from the data. The row work is SQL; only counts and the capped lists
 * come back. The SQL is what DuckDB and ClickHouse 18.16 both run (one join per SELECT, no
 * window functions, no CTEs, values as parameters). The drivers are found for the listed
 * movers only: the engine ranks each indicator's values (the dialect's `valueRanks`) and
 * returns the ranks of the listed movers' values; their percentiles (as `percent_rank()`
 * gives them, in the same double arithmetic) and drivers follow in TypeScript.
 */
import type { Engine, Params } from '../engine/index.js'
import type { Lang } from '../tiering/index.js'
import { getSnapshot, type SnapshotInfo } from './snapshot.js'
import { SNAPSHOT_CUSTOMERS_TABLE } from './tables.js'

/** Indicators a move is explained by, with the direction that is better. */
const DRIVERS: readonly [string, 1 | -1][] = [
  ['recency_days', -1],
  ['frequency', 1],
  ['monetary', 1],
  ['profit', 1],
  ['score', 1],
  ['clv', 1],
  ['p_alive', 1],
  ['churn_risk', -1],
]

export interface SnapshotRef {
  readonly id: number
  readonly asOf: string
  readonly policy: string
  readonly policyHash: string
  readonly customers: number
  readonly tiers: readonly { readonly id: string; readonly name: { zh: string; en: string } }[]
}

export interface MovedCustomer {
  readonly customerId: string
  readonly from: string
  readonly to: string
  /** `up` to an earlier tier of the same policy, `down` to a later one; `changed` across policies. */
  readonly direction: 'up' | 'down' | 'changed'
  /** The policy's value indicator at the first snapshot. */
  readonly value: number | null
  /** The indicator whose percentile moved most in the direction of the move. */
  readonly driver: {
    readonly indicator: string
    readonly from: number | null
    readonly to: number | null
  } | null
  readonly reason: { readonly from: string | null; readonly to: string | null }
}

export interface CustomerList {
  readonly customers: number
  readonly value: number
  /** At most `limit` ids, highest value first. */
  readonly ids: readonly string[]
}

export interface SnapshotComparison {
  readonly from: SnapshotRef
  readonly to: SnapshotRef
  /** Customers present in both snapshots; the matrix sums to this. */
  readonly customers: number
  readonly matrix: Readonly<Record<string, Readonly<Record<string, number>>>>
  /** Sum of the value indicator at the first snapshot, per (from, to) pair. */
  readonly value: Readonly<Record<string, Readonly<Record<string, number>>>>
  readonly stayed: number
  readonly up: number
  readonly down: number
  /** The moved customers (at most `limit`), highest value first; `movedTotal` counts all. */
  readonly moved: readonly MovedCustomer[]
  readonly movedTotal: number
  readonly new: CustomerList
  readonly lost: CustomerList
  readonly gone: CustomerList
}

export interface CompareOptions {
  /** Most customers listed per list; default 1000. */
  readonly limit?: number
  /** Language of the reasons; default zh. */
  readonly lang?: Lang
}

const ref = (s: SnapshotInfo): SnapshotRef => ({
  id: s.id,
  asOf: s.asOf,
  policy: s.policy.id,
  policyHash: s.policy.hash,
  customers: s.customers,
  tiers: s.policy.tiers,
})

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/** The rows of snapshot `id`, each column but the id prefixed with `p_`. */
function side(id: number, p: string, lang: Lang): string {
  const drivers = DRIVERS.map(([c]) => `${c} AS ${p}_${c}`).join(', ')
  return `SELECT customer_id, tier AS ${p}_tier, tier_rank AS ${p}_rank, value AS ${p}_value,
    reason_${lang} AS ${p}_reason, ${drivers}
    FROM ${SNAPSHOT_CUSTOMERS_TABLE} WHERE snapshot_id = ${id}`
}

/** The customers of snapshot `id`, each with `found` = 1 (NULL after a LEFT JOIN that missed). */
const present = (id: number) =>
  `SELECT customer_id, 1 AS found FROM ${SNAPSHOT_CUSTOMERS_TABLE} WHERE snapshot_id = ${id}`

/**
 * The migration between snapshots `a` and `b` (ids, `latest` or `previous`).
 * @example const c = await compareSnapshots(engine, 'previous', 'latest')
 */
export async function compareSnapshots(
  engine: Engine,
  a: string | number,
  b: string | number,
  options: CompareOptions = {},
): Promise<SnapshotComparison> {
  const d = engine.dialect
  const sa = await getSnapshot(engine, a)
  const sb = await getSnapshot(engine, b)
  const limit = Math.max(0, Math.floor(options.limit ?? 1000))
  const lang = options.lang ?? 'zh'
  const samePolicy = sa.policy.id === sb.policy.id
  const both = d.innerJoin(side(sa.id, 'a', lang), side(sb.id, 'b', lang), 'customer_id')
  const cells = await engine.all<{ f: string; t: string; n: number; v: number | null }>(
    `SELECT a_tier AS f, b_tier AS t, count(*) AS n, sum(a_value) AS v FROM ${both}
     GROUP BY a_tier, b_tier`,
  )
  const matrix: Record<string, Record<string, number>> = {}
  const value: Record<string, Record<string, number>> = {}
  for (const t of sa.policy.tiers) {
    matrix[t.id] = Object.fromEntries(sb.policy.tiers.map((u) => [u.id, 0]))
    value[t.id] = Object.fromEntries(sb.policy.tiers.map((u) => [u.id, 0]))
  }
  const rankA = new Map(sa.policy.tiers.map((t, k) => [t.id, k]))
  const rankB = new Map(sb.policy.tiers.map((t, k) => [t.id, k]))
  let customers = 0
  let stayed = 0
  let up = 0
  let down = 0
  for (const c of cells) {
    const n = Number(c.n)
    ;(matrix[c.f] ??= {})[c.t] = n
    ;(value[c.f] ??= {})[c.t] = Number(c.v ?? 0)
    customers += n
    if (c.f === c.t) stayed += n
    else if (samePolicy && rankB.get(c.t)! < rankA.get(c.f)!) up += n
    else if (samePolicy) down += n
  }
  const moved = await movedCustomers(engine, both, [sa.id, sb.id], samePolicy, limit)
  const gapDays = (Date.parse(sb.asOf) - Date.parse(sa.asOf)) / 86_400_000
  const list = (from: string, where: string, params?: Params) =>
    customerList(engine, { from, where, params }, limit)
  return {
    from: ref(sa),
    to: ref(sb),
    customers,
    matrix,
    value,
    stayed,
    up,
    down,
    moved,
    movedTotal: customers - stayed,
    new: await list(
      d.leftJoin(side(sb.id, 'x', lang), present(sa.id), 'customer_id'),
      'found IS NULL',
    ),
    lost: await list(
      d.innerJoin(side(sa.id, 'x', lang), side(sb.id, 'b', lang), 'customer_id'),
      'x_frequency > 0 AND $gap > 0 AND (b_recency_days IS NULL OR b_recency_days >= $gap)',
      { gap: gapDays },
    ),
    gone: await list(
      d.leftJoin(side(sa.id, 'x', lang), present(sb.id), 'customer_id'),
      'found IS NULL',
    ),
  }
}

/** The customers of `from` (a join whose listed side is prefixed `x_`) that match `where`. */
async function customerList(
  engine: Engine,
  { from, where, params }: { from: string; where: string; params?: Params },
  limit: number,
): Promise<CustomerList> {
  const [c] = await engine.all(
    `SELECT count(*) AS n, coalesce(sum(x_value), 0) AS v FROM ${from} WHERE ${where}`,
    params,
  )
  const ids = await engine.all<{ customer_id: string }>(
    `SELECT customer_id FROM ${from} WHERE ${where}
     ORDER BY x_value DESC NULLS LAST, customer_id LIMIT ${limit}`,
    params,
  )
  return {
    customers: Number(c?.n ?? 0),
    value: Number(c?.v ?? 0),
    ids: ids.map((r) => r.customer_id),
  }
}

/**
 * The percentile of each of `values` (of indicator `c` in snapshot `own`) among the customers
 * in both snapshots, as DuckDB's `percent_rank()` over the indicator in its better-first
 * direction gives it: the share of the others ranked before, 0 when alone. The ranks are
 * taken in the engine; only the rows of the values asked for come back.
 */
async function percentiles(
  engine: Engine,
  [c, dir]: (typeof DRIVERS)[number],
  [own, other]: readonly [number, number],
  values: readonly unknown[],
): Promise<Map<number, number>> {
  const wanted = [...new Set(values.filter((v) => v !== null && v !== undefined).map(Number))]
  if (wanted.length === 0) return new Map()
  const inBoth = `SELECT ${c} FROM ${SNAPSHOT_CUSTOMERS_TABLE} WHERE snapshot_id = ${own}
    AND customer_id IN (SELECT customer_id FROM ${SNAPSHOT_CUSTOMERS_TABLE} WHERE snapshot_id = ${other})`
  const ranks = await engine.all(
    `SELECT v, ties, below, n FROM (${engine.dialect.valueRanks(inBoth, c)}) AS k_
     WHERE v IN (${wanted.map((_, i) => `$v${i}`).join(', ')})`,
    Object.fromEntries(wanted.map((v, i) => [`v${i}`, v])),
  )
  return new Map(
    ranks.map((r) => {
      const [ties, below, n] = [Number(r.ties), Number(r.below), Number(r.n)]
      const before = dir === 1 ? below : n - below - ties
      return [Number(r.v), n > 1 ? before / (n - 1) : 0]
    }),
  )
}

/** The listed moves (at most `limit`, highest value first), each with its driver. */
async function movedCustomers(
  engine: Engine,
  both: string,
  [a, b]: readonly [number, number],
  samePolicy: boolean,
  limit: number,
): Promise<MovedCustomer[]> {
  const page = await engine.all(
    `SELECT customer_id, a_tier, b_tier, a_rank, b_rank, a_value, a_reason, b_reason,
       ${DRIVERS.flatMap(([c]) => [`a_${c}`, `b_${c}`]).join(', ')}
     FROM ${both} WHERE a_tier <> b_tier ORDER BY a_value DESC NULLS LAST, customer_id LIMIT ${limit}`,
  )
  const pct = new Map<string, Map<number, number>>()
  for (const driver of DRIVERS) {
    for (const [p, pair] of [
      ['a', [a, b]],
      ['b', [b, a]],
    ] as const) {
      const column = `${p}_${driver[0]}`
      pct.set(
        column,
        await percentiles(
          engine,
          driver,
          pair,
          page.map((r) => r[column]),
        ),
      )
    }
  }
  const at = (r: Record<string, unknown>, column: string) => {
    const v = num(r[column])
    return v === null ? null : (pct.get(column)!.get(v) ?? null)
  }
  return page.map((r) => ({
    customerId: String(r.customer_id),
    from: String(r.a_tier),
    to: String(r.b_tier),
    direction: !samePolicy ? 'changed' : Number(r.b_rank) < Number(r.a_rank) ? 'up' : 'down',
    value: num(r.a_value),
    driver: driverOf(r, samePolicy, at),
    reason: { from: text(r.a_reason), to: text(r.b_reason) },
  }))
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v))

/**
 * The indicator whose percentile moved most in the direction of the move (either way across
 * policies); ties go to the indicator listed first in DRIVERS, by the same 1e-9 steps.
 */
function driverOf(
  r: Record<string, unknown>,
  samePolicy: boolean,
  percentile: (r: Record<string, unknown>, column: string) => number | null,
): MovedCustomer['driver'] {
  const sign = samePolicy && Number(r.b_rank) > Number(r.a_rank) ? -1 : 1
  let best: { score: number; indicator: string } | null = null
  for (const [k, [c]] of DRIVERS.entries()) {
    const [pa, pb] = [percentile(r, `a_${c}`), percentile(r, `b_${c}`)]
    if (pa === null || pb === null) continue
    const delta = (pb - pa) * sign
    if (samePolicy ? !(delta > 0) : delta === 0) continue
    const score = (samePolicy ? delta : Math.abs(delta)) - k * 1e-9
    if (best === null || score > best.score) best = { score, indicator: c }
  }
  return best === null
    ? null
    : {
        indicator: best.indicator,
        from: num(r[`a_${best.indicator}`]),
        to: num(r[`b_${best.indicator}`]),
      }
}
