export {
  closeAction,
  followActions,
  listActions,
  type ActionFilter,
  type ActionState,
  type OwnerStats,
  type TrackedAction,
} from './actions.js'
export { importActionStates, type ActionImportResult } from './action-import.js'
export {
  cohortChurn,
  type ChurnByPeriod,
  type CohortChurn,
  type CohortGrain,
  type CohortRow,
} from './cohorts.js'
export {
  SUBJECTS_TABLE,
  actionEffect,
  doneSubjects,
  loadSubjects,
  type EffectReport,
  type GroupOutcome,
  type OutcomeEffect,
} from './effect.js'
export {
  meanInterval,
  studentTCdf,
  studentTQuantile,
  welchInterval,
  type Interval,
} from './effect-stats.js'
export { dataFingerprint, type DataParts } from './fingerprint.js'
export { ALL_TIERS, DEFAULT_KPIS, type Kpi } from './kpis.js'
export {
  compareSnapshots,
  type CompareOptions,
  type CustomerList,
  type MovedCustomer,
  type SnapshotComparison,
  type SnapshotRef,
} from './migration.js'
export {
  STORE_SNAPSHOT_TABLES,
  createSnapshot,
  forgetSnapshot,
  getSnapshot,
  listSnapshots,
  writeSnapshot,
  type SnapshotInfo,
  type SnapshotPolicy,
  type SnapshotSource,
  type SnapshotTables,
} from './snapshot.js'
export {
  ACTION_LOG_TABLE,
  CUSTOMER_TIERS_VIEW,
  SNAPSHOTS_TABLE,
  SNAPSHOT_CUSTOMERS_TABLE,
  SNAPSHOT_KPIS_TABLE,
  ensureSnapshotTables,
} from './tables.js'
export {
  tierTrends,
  trendSnapshots,
  type KpiPoint,
  type TierPoint,
  type TierTrends,
} from './trends.js'
