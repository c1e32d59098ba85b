/**
 * The models a policy computes from the per-customer table rather than from the orders —
 * lifecycle states and the value scorecard — taken in the cluster after RFM and ABC, as
 * `addModelFeatures` takes them after those on the DuckDB path (so a scorecard may weigh any
 * indicator or model column before it), and joined to the working table by customer.
 */
import type { ModelDiagnostics, Policy } from '../tiering/index.js'
import { joinInto } from './cluster-features.js'
import { clusterLifecycle } from './cluster-lifecycle.js'
import type { ClusterRun } from './cluster-run.js'
import { clusterScorecard } from './cluster-scorecard.js'

export interface ClusterModels {
  /** The tag of the working table with `lifecycle` and `score` added where the policy has them. */
  readonly tag: string
  readonly scorecard?: ModelDiagnostics['scorecard']
}

/** Adds the policy's lifecycle and scorecard columns to the working table `tag`. */
export async function withModels(
  run: ClusterRun,
  tag: string,
  policy: Policy,
  warnings: string[],
): Promise<ClusterModels> {
  const { lifecycle, scorecard } = policy.models
  const base = run.q(run.name(tag))
  const tables = lifecycle ? [await clusterLifecycle(run, base, lifecycle)] : []
  const sc = scorecard ? await clusterScorecard(run, tag, scorecard, warnings) : undefined
  if (sc) tables.push(sc.table)
  if (tables.length === 0) return { tag }
  await joinInto(run, 'modelled', base, tables)
  return { tag: 'modelled', scorecard: sc?.diagnostics }
}
