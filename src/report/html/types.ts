/**
 * The plain data the HTML report is rendered from. The app layer gathers it from the store with
 * SQL (small aggregates and a capped sample); nothing here refers to the engine, so the page can
 * be rendered and tested from a literal. Texts meant for readers come in both languages.
 */
import type {
  Bilingual,
  BtydFitData,
  ChannelData,
  Lang,
  LifecycleFunnelData,
  MigrationFlowData,
  ParetoData,
  ProductMixData,
  RfmHeatmapData,
  TierProfileData,
  ValueMapData,
} from '../charts/index.js'

export type { Bilingual, Lang }

/** A channel or product category standing for all the smaller ones; the renderer names it. */
export const OTHER = '\u0000other'

/** One of the tier's planned actions, with how many customers it was planned or left out for. */
export interface ReportAction {
  readonly id: string
  readonly text: Bilingual
  /** The condition on the customer, as written in the policy. */
  readonly when?: string
  /** The condition in words. */
  readonly whenText?: Bilingual
  readonly owner: string
  readonly priority: 'high' | 'medium' | 'low'
  /** A span such as `30d`. */
  readonly due: string
  readonly planned: number
  readonly leftOut: number
}

/** One of a tier's highest-value customers and why it is in the tier. */
export interface ReportCustomer {
  readonly id: string
  readonly name: string | null
  /** The policy's value indicator, in currency. */
  readonly value: number
  readonly reason: Bilingual
  /** The customer's actions (ids of {@link ReportAction}), planned or left out for lack of capacity. */
  readonly actions: readonly { readonly id: string; readonly planned: boolean }[]
}

export interface ReportTier {
  readonly id: string
  readonly name: Bilingual
  readonly description?: Bilingual
  /** The tier's rule as written in the policy; absent for the default tier. */
  readonly rule?: string
  /** The rule in words. */
  readonly ruleText?: Bilingual
  readonly isDefault: boolean
  readonly customers: number
  /** Fractions 0–1. */
  readonly customerShare: number
  readonly value: number
  readonly valueShare: number
  readonly expected?: {
    readonly customers?: readonly [number, number]
    readonly value?: readonly [number, number]
  }
  readonly actions: readonly ReportAction[]
  readonly top: readonly ReportCustomer[]
}

/** What would happen if one criterion of a tier rule were dropped. */
export interface ReportImpact {
  readonly tier: string
  /** The criterion as written in the policy. */
  readonly criterion: string
  /** The criterion in words. */
  readonly criterionText?: Bilingual
  readonly changed: number
  /** Tier id → customers who would move there. */
  readonly to: Readonly<Record<string, number>>
}

export interface ReportQuality {
  readonly tables: readonly {
    readonly table: string
    readonly rows: number
    readonly customers: number
    readonly from: string | null
    readonly to: string | null
  }[]
  /** Checks and actions in English as the quality report words them; the renderer translates known ones. */
  readonly findings: readonly {
    readonly check: string
    readonly severity: 'info' | 'warning'
    readonly count: number
    readonly examples: readonly string[]
    readonly action: string
  }[]
}

/** A model the analysis used, with its parameters. */
export interface ReportModel {
  readonly name: Bilingual
  readonly detail: Bilingual
  readonly params?: Readonly<Record<string, number>>
}

/** The BG/NBD fit behind the model-fit chart: calibration, holdout and their accuracy. */
export interface ReportFit {
  /** ISO dates: the first order, the last day of calibration, the first of the holdout, the last order. */
  readonly start: string
  readonly calibrationEnd: string
  readonly holdoutStart: string
  readonly end: string
  readonly customers: number
  readonly distinctRows: number
  readonly params: Readonly<Record<string, number>>
  readonly logLikelihood: number
  readonly converged: boolean
  /** Holdout repeat purchases, actual and predicted, and per-customer errors. */
  readonly holdout: {
    readonly actual: number
    readonly predicted: number
    readonly mae: number
    readonly rmse: number
  }
}

export interface ReportIndicator {
  readonly name: string
  readonly label: Bilingual
  readonly description: Bilingual
}

export interface ReportCharts {
  readonly pareto?: ParetoData
  readonly rfm?: RfmHeatmapData
  readonly valueMap?: ValueMapData
  readonly lifecycle?: LifecycleFunnelData
  readonly profile?: TierProfileData
  readonly channels?: ChannelData
  readonly productMix?: ProductMixData
  readonly btydFit?: BtydFitData
  /** Tier migration since an earlier snapshot; absent until snapshots are tracked. */
  readonly migration?: MigrationFlowData
}

export type ChartKey = keyof ReportCharts

export interface ReportData {
  /** ISO date: only what happened before it counts. */
  readonly asOf: string
  /** The indicator window, e.g. `365d` or `all`. */
  readonly window: string
  /** Currency sign for amounts, e.g. `¥`. */
  readonly currency: string
  readonly policy: {
    readonly id: string
    readonly name: Bilingual
    readonly description?: Bilingual
    readonly hash: string
  }
  /** The indicator tiers are valued by (e.g. `contribution`), with its name. */
  readonly value: { readonly name: string; readonly label: Bilingual }
  readonly customers: number
  /** Sum of the positive values of all customers. */
  readonly totalValue: number
  /** In policy order, best first. */
  readonly tiers: readonly ReportTier[]
  /** Warnings of the models, in English as they reported them. */
  readonly modelWarnings: readonly string[]
  readonly charts: ReportCharts
  /** Why a chart is missing or what it shows instead, shown in its place. */
  readonly chartNotes: Readonly<Partial<Record<ChartKey, Bilingual>>>
  readonly impact: readonly ReportImpact[]
  /** Tier shares across the snapshots of the policy, oldest first; absent with fewer than two. */
  readonly trends?: {
    readonly asOf: readonly string[]
    readonly tiers: readonly {
      readonly id: string
      readonly customerShare: readonly number[]
      readonly valueShare: readonly number[]
    }[]
  }
  readonly quality: ReportQuality
  readonly method: {
    readonly models: readonly ReportModel[]
    readonly fit?: ReportFit
    readonly indicators: readonly ReportIndicator[]
  }
}
