/**
 * Tier migration in the report (SPEC §6 "migration flow"): from the latest earlier snapshot
 * of the same policy to this run's own snapshot. Nothing when there is no earlier one.
 */
import type { Engine } from '../engine/index.js'
import type { MigrationFlowData, ReportData } from '../report/index.js'
import type { Policy } from '../tiering/index.js'
import { compareSnapshots, listSnapshots, tierTrends, trendSnapshots } from '../tracking/index.js'

/** Tier flows from the latest earlier snapshot of `policy` to the run as of `asOf`. */
export async function migrationSinceLastSnapshot(
  engine: Engine,
  run: { readonly asOf: string; readonly policy: Policy },
): Promise<MigrationFlowData | undefined> {
  const same = (await listSnapshots(engine)).filter((s) => s.policy.id === run.policy.id)
  const current = same.filter((s) => s.asOf === run.asOf).sort((a, b) => b.id - a.id)[0]
  const earlier = same
    .filter((s) => s.asOf < run.asOf)
    .sort((a, b) => b.asOf.localeCompare(a.asOf) || b.id - a.id)[0]
  if (current === undefined || earlier === undefined) return undefined
  const c = await compareSnapshots(engine, earlier.id, current.id, { limit: 0 })
  const flows = Object.entries(c.matrix).flatMap(([from, row]) =>
    Object.entries(row)
      .filter(([, n]) => n > 0)
      .map(([to, customers]) => ({ from, to, customers })),
  )
  return { from: earlier.asOf, to: current.asOf, tiers: current.policy.tiers, flows }
}

/** Customer and value share per tier across the policy's snapshots up to `asOf`, with two or more. */
export async function shareTrends(
  engine: Engine,
  run: { readonly asOf: string; readonly policy: Policy },
): Promise<ReportData['trends']> {
  const snaps = (await trendSnapshots(engine, run.policy.id)).filter((s) => s.asOf <= run.asOf)
  if (snaps.length < 2) return undefined
  const t = await tierTrends(engine, snaps)
  const asOf = t.snapshots.map((s) => s.asOf)
  return {
    asOf,
    tiers: t.policy.tiers.map((tier) => {
      const points = asOf.map((d) => t.tiers.find((p) => p.tier === tier.id && p.asOf === d))
      return {
        id: tier.id,
        customerShare: points.map((p) => p?.customerShare ?? 0),
        valueShare: points.map((p) => p?.valueShare ?? 0),
      }
    }),
  }
}
