/**
 * Comparing two snapshots (`clientele compare A B`): the tier migration matrix in customers
 * and value, the customers who moved with the indicator that changed most in the direction
 * of the move, and the customers who are new, lost (bought in the first snapshot's window,
 * not since) or gone from the data. The row work is SQL; only the capped lists come back.
 */
import type { Engine } from '../engine/index.js'
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
  const sa = await getSnapshot(engine, a)
  const sb = await getSnapshot(engine, b)
  const limit = Math.max(0, Math.floor(options.limit ?? 1000))
  const samePolicy = sa.policy.id === sb.policy.id
  const A = `(SELECT * FROM ${SNAPSHOT_CUSTOMERS_TABLE} WHERE snapshot_id = ${sa.id})`
  const B = `(SELECT * FROM ${SNAPSHOT_CUSTOMERS_TABLE} WHERE snapshot_id = ${sb.id})`
  const cells = await engine.all<{ f: string; t: string; n: number; v: number | null }>(
    `SELECT a.tier AS f, b.tier AS t, count(*) AS n, sum(a.value) AS v
     FROM ${A} a JOIN ${B} b ON b.customer_id = a.customer_id GROUP BY a.tier, b.tier`,
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
  const lang = options.lang ?? 'zh'
  const moved = await movedCustomers(engine, A, B, samePolicy, lang, limit)
  const gapDays = (Date.parse(sb.asOf) - Date.parse(sa.asOf)) / 86_400_000
  const list = (from: string, where: string) => customerList(engine, from, where, limit)
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
      `${B} x LEFT JOIN ${A} a ON a.customer_id = x.customer_id`,
      'a.customer_id IS NULL',
    ),
    lost: await list(
      `${A} x JOIN ${B} b ON b.customer_id = x.customer_id`,
      `x.frequency > 0 AND ${gapDays} > 0 AND (b.recency_days IS NULL OR b.recency_days >= ${gapDays})`,
    ),
    gone: await list(
      `${A} x LEFT JOIN ${B} b ON b.customer_id = x.customer_id`,
      'b.customer_id IS NULL',
    ),
  }
}

async function customerList(
  engine: Engine,
  from: string,
  where: string,
  limit: number,
): Promise<CustomerList> {
  const [c] = await engine.all(
    `SELECT count(*) AS n, coalesce(sum(x.value), 0) AS v FROM ${from} WHERE ${where}`,
  )
  const ids = await engine.all<{ customer_id: string }>(
    `SELECT x.customer_id FROM ${from} WHERE ${where}
     ORDER BY x.value DESC NULLS LAST, x.customer_id LIMIT ${limit}`,
  )
  return {
    customers: Number(c?.n ?? 0),
    value: Number(c?.v ?? 0),
    ids: ids.map((r) => r.customer_id),
  }
}

async function movedCustomers(
  engine: Engine,
  A: string,
  B: string,
  samePolicy: boolean,
  lang: Lang,
  limit: number,
): Promise<MovedCustomer[]> {
  const d = engine.dialect
  const pr = (side: string, c: string, dir: number) =>
    `CASE WHEN ${side}.${c} IS NULL THEN NULL ELSE percent_rank() OVER (PARTITION BY ${side}.${c} IS NULL ORDER BY ${dir} * ${side}.${c}) END`
  const joined = `SELECT a.customer_id, a.tier AS f, b.tier AS t, a.tier_rank AS fr, b.tier_rank AS tr,
      a.value AS value, a.reason_${lang} AS reason_f, b.reason_${lang} AS reason_t,
      ${DRIVERS.map(([c, dir]) => `a.${c} AS a_${c}, b.${c} AS b_${c}, ${pr('a', c, dir)} AS pa_${c}, ${pr('b', c, dir)} AS pb_${c}`).join(',\n      ')}
    FROM ${A} a JOIN ${B} b ON b.customer_id = a.customer_id`
  // A move down is explained by the indicator whose percentile fell most, up by the one that
  // rose most; ties go to the indicator listed first in DRIVERS.
  const sign = samePolicy ? 'CASE WHEN tr > fr THEN -1 ELSE 1 END' : '1'
  const deltas = DRIVERS.map(
    ([c], k) =>
      `SELECT customer_id, '${c}' AS indicator, a_${c} AS va, b_${c} AS vb,
        ${samePolicy ? '' : 'abs'}((pb_${c} - pa_${c}) * ${sign}) - ${k} * 1e-9 AS score
       FROM j WHERE f <> t AND (pb_${c} - pa_${c}) * ${sign} ${samePolicy ? '>' : '<>'} 0`,
  ).join('\nUNION ALL\n')
  const rows = await engine.all(
    `WITH j AS (${joined}),
     drivers AS (SELECT customer_id, ${d.argMax('indicator', 'score')} AS indicator,
       ${d.argMax('va', 'score')} AS va, ${d.argMax('vb', 'score')} AS vb
       FROM (${deltas}) AS x GROUP BY customer_id)
     SELECT j.customer_id, j.f, j.t, j.fr, j.tr, j.value, j.reason_f, j.reason_t,
       drivers.indicator, drivers.va, drivers.vb
     FROM j LEFT JOIN drivers ON drivers.customer_id = j.customer_id
     WHERE j.f <> j.t ORDER BY j.value DESC NULLS LAST, j.customer_id LIMIT ${limit}`,
  )
  return rows.map((r) => ({
    customerId: String(r.customer_id),
    from: String(r.f),
    to: String(r.t),
    direction: !samePolicy ? 'changed' : Number(r.tr) < Number(r.fr) ? 'up' : 'down',
    value: num(r.value),
    driver:
      r.indicator === null || r.indicator === undefined
        ? null
        : { indicator: String(r.indicator), from: num(r.va), to: num(r.vb) },
    reason: {
      from: r.reason_f === null ? null : String(r.reason_f),
      to: r.reason_t === null ? null : String(r.reason_t),
    },
  }))
}
