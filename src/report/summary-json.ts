/** summary.json: the run in a few numbers, for scripts and dashboards. */
import type { AnalysisSummary, Language } from './types.js'

export interface SummaryJson {
  readonly asOf: string
  readonly policy: string
  readonly customers: number
  readonly tiers: readonly {
    readonly id: string
    readonly name: string
    readonly customers: number
    readonly valueShare: number
    readonly customerShare: number
    readonly value: number
    readonly expected?: AnalysisSummary['tiers'][number]['expected']
    readonly withinExpected: boolean
  }[]
  /** The summary's warnings, then the writers' own. */
  readonly warnings: readonly string[]
  readonly policyHash: string
  readonly valueIndicator: string
}

/** The summary.json object: the agreed fields first, in their order, then extras. */
export function summaryJson(
  summary: AnalysisSummary,
  lang: Language,
  writerWarnings: readonly string[],
): SummaryJson {
  return {
    asOf: summary.asOf,
    policy: summary.policy,
    customers: summary.customers,
    tiers: summary.tiers.map((t) => ({
      id: t.id,
      name: t.name[lang],
      customers: t.customers,
      valueShare: t.valueShare,
      customerShare: t.customerShare,
      value: t.value,
      ...(t.expected === undefined ? {} : { expected: t.expected }),
      withinExpected: t.withinExpected,
    })),
    warnings: [...summary.warnings, ...writerWarnings],
    policyHash: summary.policyHash,
    valueIndicator: summary.valueIndicator,
  }
}
