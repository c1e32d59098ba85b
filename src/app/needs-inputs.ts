/**
 * What the needs analysis reads beyond the frame: the KANO answers of each tier's
 * respondents, and for each customer the categories most of its tier buy and it does not.
 * Both are computed from a table of (customer_id, tier) written after assignment; the
 * ClickHouse path (`cluster-needs.ts`) computes the same in the cluster with the share and
 * the KANO classification below.
 */
import type { Engine } from '../engine/index.js'
import { PURCHASE } from '../indicators/index.js'
import { KANO_CATEGORIES, kano, parseKanoAnswer } from '../models/index.js'
import type { Frame, KanoFeature } from '../tiering/index.js'

export const TIERS_TABLE = 'clientele_tiers'
/**
 * A category is "what peers buy" when at least this share (2/5) of the tier bought it,
 * compared in integers so that every engine decides a tie the same way.
 */
export const PEER_SHARE = { buyers: 2, of: 5 } as const

/** Each customer's tier, with `k` its row in the frame, to read per-customer answers back by. */
export async function writeTiers(engine: Engine, frame: Frame, tier: Int32Array): Promise<void> {
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${TIERS_TABLE} (customer_id VARCHAR, tier INTEGER, k INTEGER)`,
  )
  const k = new Int32Array(frame.n)
  for (let i = 0; i < k.length; i++) k[i] = i
  await engine.insertColumns(TIERS_TABLE, [frame.ids, tier, k])
}

const BOUGHT_TABLE = 'clientele_bought'

/** Per frame row (of `customers`), the categories its tier's peers buy and it does not. */
export async function peerCategories(
  engine: Engine,
  asOf: string,
  separator: string,
  customers: number,
): Promise<(string | null)[]> {
  const d = engine.dialect
  // Who bought what, once: the query below reads it twice.
  await engine.run(`CREATE OR REPLACE TEMP TABLE ${BOUGHT_TABLE} AS SELECT DISTINCT customer_id, category FROM transactions
    WHERE ${PURCHASE} AND category IS NOT NULL AND date < ${d.dateLiteral(asOf)}`)
  const bought = BOUGHT_TABLE
  const popular = `SELECT p.tier, p.category FROM (
      SELECT r.tier, b.category, count(*) AS buyers FROM ${bought} AS b JOIN ${TIERS_TABLE} r ON r.customer_id = b.customer_id
      GROUP BY r.tier, b.category) AS p
    JOIN (SELECT tier, count(*) AS n FROM ${TIERS_TABLE} GROUP BY tier) AS s ON s.tier = p.tier
    WHERE p.buyers * ${PEER_SHARE.of} >= ${PEER_SHARE.buyers} * s.n`
  // Only the customers missing something come back, by frame row: most miss nothing, and a
  // row per customer (with its id) cost more than the query itself at a million customers.
  const cols = await engine.columns(
    `SELECT r.k, ${d.stringAgg('pc.category', separator)} AS cats
    FROM ${TIERS_TABLE} r JOIN (${popular}) AS pc ON pc.tier = r.tier
    WHERE NOT EXISTS (SELECT 1 FROM ${bought} AS o WHERE o.customer_id = r.customer_id AND o.category = pc.category)
    GROUP BY r.k`,
  )
  await engine.run(`DROP TABLE ${BOUGHT_TABLE}`)
  const out = new Array<string | null>(customers).fill(null)
  const rows = cols.k ?? []
  for (let j = 0; j < rows.length; j++) out[Number(rows[j])] = cols.cats![j] as string
  return out
}

/** Per tier index, each surveyed feature's KANO category (M, O, A, I, R or Q). */
export async function kanoByTier(
  engine: Engine,
  asOf: string,
): Promise<Map<number, KanoFeature[]>> {
  const rows = await engine.all<KanoCount>(
    `SELECT s.feature, s.functional, s.dysfunctional, r.tier, count(*) AS n
     FROM surveys s JOIN ${TIERS_TABLE} r ON r.customer_id = s.customer_id
     WHERE s.date IS NULL OR s.date < ${engine.dialect.dateLiteral(asOf)}
     GROUP BY s.feature, s.functional, s.dysfunctional, r.tier`,
  )
  return kanoOfCounts(rows)
}

/** Identical survey answers of one tier's respondents, counted in the engine. */
export type KanoCount = {
  readonly feature: string
  readonly functional: string
  readonly dysfunctional: string
  readonly tier: number
  readonly n: number
}

/** The KANO category of each feature per tier, from counted answers; unreadable answers are left out. */
export function kanoOfCounts(rows: readonly KanoCount[]): Map<number, KanoFeature[]> {
  const out = new Map<number, KanoFeature[]>()
  const pairs = rows.flatMap((r) => {
    try {
      return [{ ...r, f: parseKanoAnswer(r.functional), d: parseKanoAnswer(r.dysfunctional) }]
    } catch {
      return []
    }
  })
  if (pairs.length === 0) return out
  const features = [...new Set(pairs.map((p) => p.feature))].sort()
  const result = kano({
    feature: Int32Array.from(pairs, (p) => features.indexOf(p.feature)),
    functional: Uint8Array.from(pairs, (p) => p.f),
    dysfunctional: Uint8Array.from(pairs, (p) => p.d),
    segment: Int32Array.from(pairs, (p) => p.tier),
    count: Int32Array.from(pairs, (p) => p.n),
  })
  result.bySegment.forEach((perFeature, tier) => {
    const list = perFeature
      .filter((r) => r.total > 0 && r.category >= 0)
      .map((r) => ({ feature: features[r.feature]!, category: KANO_CATEGORIES[r.category]!.id }))
    if (list.length > 0) out.set(tier, list)
  })
  return out
}
