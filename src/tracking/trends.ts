/**
 * Trends per tier across the snapshots of one policy: customers, value and their shares,
 * average indicators, and between consecutive snapshots the retention of each tier (the
 * share of its customers who had bought in the earlier snapshot's window and bought again
 * before the later one) and the share that stayed in the tier; KPIs with their change.
 */
import type { Engine } from '../engine/index.js'
import { ClienteleError } from '../schema/index.js'
import { ALL_TIERS, type Kpi } from './kpis.js'
import { listSnapshots, type SnapshotInfo, type SnapshotPolicy } from './snapshot.js'
import { SNAPSHOT_CUSTOMERS_TABLE, SNAPSHOT_KPIS_TABLE } from './tables.js'

const MEANS = [
  'recency_days',
  'frequency',
  'monetary',
  'profit',
  'clv',
  'p_alive',
  'churn_risk',
  'score',
] as const

export interface TierPoint {
  readonly snapshot: number
  readonly asOf: string
  readonly tier: string
  readonly customers: number
  readonly customerShare: number
  /** Positive value of the policy's value indicator, and its share of the total. */
  readonly value: number
  readonly valueShare: number
  /** Of the tier's customers at the previous snapshot who bought in its window, the share who bought again since; null at the first. */
  readonly retention: number | null
  /** 1 − retention. */
  readonly churnRate: number | null
  /** Of the tier's customers at the previous snapshot, the share still in it. */
  readonly stayed: number | null
  readonly means: Readonly<Record<(typeof MEANS)[number], number | null>>
}

export interface KpiPoint {
  readonly kpi: string
  readonly name: { readonly zh: string; readonly en: string }
  readonly indicator: string
  readonly aggregate: Kpi['aggregate']
  /** A tier id, or `*` for every customer. */
  readonly tier: string
  readonly snapshot: number
  readonly asOf: string
  readonly value: number | null
  /** Change from the previous snapshot; null at the first or when either is missing. */
  readonly change: number | null
}

export interface TierTrends {
  readonly policy: SnapshotPolicy
  /** One per as-of date (the latest snapshot of each date), oldest first. */
  readonly snapshots: readonly { readonly id: number; readonly asOf: string }[]
  /** Snapshot by snapshot, tiers in policy order. */
  readonly tiers: readonly TierPoint[]
  readonly kpis: readonly KpiPoint[]
}

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/** The snapshots trends read: those of `policy` (default the latest's), the last one per date. */
export async function trendSnapshots(engine: Engine, policy?: string): Promise<SnapshotInfo[]> {
  const all = await listSnapshots(engine)
  if (all.length === 0)
    throw new ClienteleError(
      'SNAPSHOT_NOT_FOUND',
      'the store has no snapshots yet: run clientele analyze or clientele backfill first',
    )
  const id = policy ?? all[all.length - 1]!.policy.id
  const byDate = new Map<string, SnapshotInfo>()
  for (const s of all) if (s.policy.id === id) byDate.set(s.asOf, s)
  if (byDate.size === 0)
    throw new ClienteleError(
      'SNAPSHOT_NOT_FOUND',
      `no snapshots of policy ${id} (policies: ${[...new Set(all.map((s) => s.policy.id))].join(', ')})`,
    )
  return [...byDate.values()]
}

/** Tier and KPI trends over `snapshots` (as from {@link trendSnapshots}). */
export async function tierTrends(
  engine: Engine,
  snapshots: readonly SnapshotInfo[],
): Promise<TierTrends> {
  const policy = snapshots[snapshots.length - 1]!.policy
  const ids = snapshots.map((s) => s.id).join(', ')
  const rows = await engine.all(
    `SELECT snapshot_id, tier, count(*) AS n, sum(CASE WHEN value > 0 THEN value ELSE 0 END) AS v,
       ${MEANS.map((m) => `avg(${m}) AS ${m}`).join(', ')}
     FROM ${SNAPSHOT_CUSTOMERS_TABLE} WHERE snapshot_id IN (${ids}) GROUP BY snapshot_id, tier`,
  )
  const cell = new Map(rows.map((r) => [`${r.snapshot_id}|${r.tier}`, r]))
  const tiers: TierPoint[] = []
  for (const [k, s] of snapshots.entries()) {
    const own = rows.filter((r) => Number(r.snapshot_id) === s.id)
    const total = own.reduce((a, r) => a + Number(r.n), 0)
    const totalValue = own.reduce((a, r) => a + Number(r.v ?? 0), 0)
    const moves = k === 0 ? new Map() : await retention(engine, snapshots[k - 1]!, s)
    for (const t of policy.tiers) {
      const r = cell.get(`${s.id}|${t.id}`)
      const m = moves.get(t.id)
      tiers.push({
        snapshot: s.id,
        asOf: s.asOf,
        tier: t.id,
        customers: Number(r?.n ?? 0),
        customerShare: total === 0 ? 0 : Number(r?.n ?? 0) / total,
        value: Number(r?.v ?? 0),
        valueShare: totalValue === 0 ? 0 : Number(r?.v ?? 0) / totalValue,
        retention: m?.retention ?? null,
        churnRate: m?.retention === null || m === undefined ? null : 1 - m.retention,
        stayed: m?.stayed ?? null,
        means: Object.fromEntries(MEANS.map((c) => [c, n(r?.[c])])) as TierPoint['means'],
      })
    }
  }
  return {
    policy,
    snapshots: snapshots.map((s) => ({ id: s.id, asOf: s.asOf })),
    tiers,
    kpis: await kpiTrends(engine, snapshots, policy),
  }
}

async function retention(
  engine: Engine,
  a: SnapshotInfo,
  b: SnapshotInfo,
): Promise<Map<string, { retention: number | null; stayed: number | null }>> {
  const gap = (Date.parse(b.asOf) - Date.parse(a.asOf)) / 86_400_000
  const rows = await engine.all(
    `SELECT a.tier, count(*) AS n, sum(CASE WHEN a.frequency > 0 THEN 1 ELSE 0 END) AS active,
       sum(CASE WHEN a.frequency > 0 AND b.recency_days < ${gap} THEN 1 ELSE 0 END) AS retained,
       sum(CASE WHEN b.tier = a.tier THEN 1 ELSE 0 END) AS stayed
     FROM ${SNAPSHOT_CUSTOMERS_TABLE} a JOIN ${SNAPSHOT_CUSTOMERS_TABLE} b
       ON b.customer_id = a.customer_id AND b.snapshot_id = ${b.id}
     WHERE a.snapshot_id = ${a.id} GROUP BY a.tier`,
  )
  return new Map(
    rows.map((r) => {
      const active = Number(r.active)
      return [
        String(r.tier),
        {
          retention: active === 0 ? null : Number(r.retained) / active,
          stayed: Number(r.n) === 0 ? null : Number(r.stayed) / Number(r.n),
        },
      ]
    }),
  )
}

async function kpiTrends(
  engine: Engine,
  snapshots: readonly SnapshotInfo[],
  policy: SnapshotPolicy,
): Promise<KpiPoint[]> {
  const rows = await engine.all(
    `SELECT snapshot_id, kpi_id, tier, value FROM ${SNAPSHOT_KPIS_TABLE}
     WHERE snapshot_id IN (${snapshots.map((s) => s.id).join(', ')})`,
  )
  const at = new Map(rows.map((r) => [`${r.snapshot_id}|${r.kpi_id}|${r.tier}`, n(r.value)]))
  const out: KpiPoint[] = []
  for (const k of policy.kpis) {
    const tiers = k.tier !== undefined ? [k.tier] : [...policy.tiers.map((t) => t.id), ALL_TIERS]
    for (const tier of tiers) {
      let previous: number | null = null
      for (const [i, s] of snapshots.entries()) {
        const value = at.get(`${s.id}|${k.id}|${tier}`) ?? null
        out.push({
          kpi: k.id,
          name: k.name,
          indicator: k.indicator,
          aggregate: k.aggregate,
          tier,
          snapshot: s.id,
          asOf: s.asOf,
          value,
          change: i === 0 || value === null || previous === null ? null : value - previous,
        })
        previous = value
      }
    }
  }
  return out
}
