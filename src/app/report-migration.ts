/**
 * The hook for tier migration in the report (SPEC §6 "migration flow"): the tracking work fills
 * this in once a run can be compared with an earlier snapshot of the same policy. Until then it
 * finds nothing, and the report leaves the migration chapter out.
 */
import type { Engine } from '../engine/index.js'
import type { MigrationFlowData } from '../report/index.js'
import type { Policy } from '../tiering/index.js'

/** Tier flows from the latest earlier snapshot of `policy` to the run as of `asOf`; none yet. */
export async function migrationSinceLastSnapshot(
  _engine: Engine,
  _run: { readonly asOf: string; readonly policy: Policy },
): Promise<MigrationFlowData | undefined> {
  return undefined
}
