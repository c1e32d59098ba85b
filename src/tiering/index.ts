export {
  ACTION_SEPARATOR,
  CapacityPlanner,
  PRIORITY_RANK,
  UNASSIGNED,
  actionItem,
  actionSlots,
  planActions,
  type ActionPlan,
  type ActionRows,
  type ActionSlot,
  type OwnerLoad,
} from './actions.js'
export {
  assignTiers,
  migrationMatrix,
  shareWarnings,
  sharesOf,
  tierShares,
  type Assignment,
  type Overlap,
  type TierShare,
} from './assign.js'
export { checkRule, evaluate } from './evaluate.js'
export { columnsOf, leaves, parseExpression, type CompareOp, type Expr } from './expression.js'
export {
  BIN_ABOVE,
  PREDICT,
  WEEKS_PER_YEAR,
  addModelFeatures,
  addPercentiles,
  directionOf,
  recencyPredictions,
  scorecardDiagnostics,
  spanWeeks,
  spendPredictions,
  weightSpec,
  type ModelDiagnostics,
} from './features.js'
export { wholeFrame, type Batch, type Frame } from './frame.js'
export {
  criteriaImpact,
  policyCriteria,
  type CriterionImpact,
  type PolicyCriterion,
} from './impact.js'
export {
  FEATURE_LABELS,
  formatValue,
  labelOf,
  type ColumnLabel,
  type Unit,
  type FormatContext,
  type Lang,
} from './labels.js'
export { customerNeeds, type KanoFeature, type NeedsInput } from './needs.js'
export {
  POLICY_SCHEMA,
  loadPolicyFile,
  parsePolicy,
  parsePolicyText,
  type Policy,
  type PolicySpec,
} from './policy.js'
export { PRESETS, presetText, resolvePolicy, type PresetName } from './presets.js'
export { explainTiers, type ReasonOptions, type Reasons } from './reasons.js'
export { compileRule, compileTierRules, type ColumnKind, type CompiledTierRules } from './sql.js'
