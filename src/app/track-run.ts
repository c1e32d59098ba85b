/**
 * What `runAnalysis` hands to tracking when it finishes: the run becomes a snapshot, and
 * the actions it planned are followed in the action log (not for backfilled history).
 */
import type { Engine } from '../engine/index.js'
import type { Policy } from '../tiering/index.js'
import { createSnapshot, followActions } from '../tracking/index.js'
import { ACTIONS_TABLE, ANALYSIS_TABLE } from './analysis-tables.js'

export interface RunRecord {
  /** The id of the snapshot the run was kept as. */
  readonly id: number
  readonly fingerprint: string
  /** Actions opened in the action log, and planned actions already open there; null when not followed. */
  readonly actions: { readonly opened: number; readonly alreadyOpen: number } | null
  readonly warnings: readonly string[]
}

export async function trackRun(
  engine: Engine,
  run: { asOf: string; window: string; policy: Policy; followActions?: boolean },
): Promise<RunRecord> {
  const { snapshot, warnings } = await createSnapshot(engine, {
    table: ANALYSIS_TABLE,
    asOf: run.asOf,
    window: run.window,
    policy: run.policy,
  })
  const actions =
    run.followActions === false
      ? null
      : await followActions(engine, ACTIONS_TABLE, snapshot.id, run.asOf)
  return { id: snapshot.id, fingerprint: snapshot.fingerprint, actions, warnings }
}
