/**
 * The HTML report's charts, rendered server-side to SVG strings with ECharts. Each chart is a pure
 * function of small summary data and `{ lang, width?, height? }`; none reads per-customer rows
 * except the value map, which takes a capped sample. Nothing is fetched at run time.
 */
export { btydFitChart, type BtydFitData } from './btyd-fit.js'
export { channelChart, type ChannelData, type ChannelSummary } from './channel.js'
export type { Bilingual, ChartOptions, ChartTier, Lang } from './labels.js'
export {
  lifecycleFunnel,
  type LifecycleFunnelData,
  type LifecycleStage,
  type LifecycleStageId,
} from './lifecycle-funnel.js'
export { migrationFlowChart, type MigrationFlow, type MigrationFlowData } from './migration-flow.js'
export { normaliseSvg } from './normalise.js'
export { FONT_FAMILY, TIER_PALETTE, tierColors } from './palette.js'
export { paretoChart, type ParetoCut, type ParetoData, type ParetoPoint } from './pareto.js'
export { productMixChart, type ProductMixData } from './product-mix.js'
export { rfmHeatmap, type RfmCell, type RfmHeatmapData } from './rfm-heatmap.js'
export {
  tierDistributionChart,
  type TierDistributionData,
  type TierDistributionTier,
} from './tier-distribution.js'
export {
  tierProfileChart,
  type TierProfileData,
  type TierProfileIndicator,
} from './tier-profile.js'
export {
  VALUE_MAP_MAX_POINTS,
  valueMapChart,
  type ValueMapData,
  type ValueMapPoint,
} from './value-map.js'
