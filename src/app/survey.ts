/**
 * The questionnaire use cases: write a ready-to-send survey, pre-filled with the customers
 * of a file or of tiers in the store, and summarise the KANO answers imported back.
 */
import type { Engine } from '../engine/index.js'
import { openEngine } from '../engine/index.js'
import { importFiles } from '../ingest/index.js'
import { KANO_CATEGORIES, kano, parseKanoAnswer, type KanoCategoryId } from '../models/index.js'
import {
  writeSurvey,
  type Language,
  type SurveyFile,
  type SurveyKind,
  type SurveyRespondent,
} from '../report/index.js'
import { ClienteleError } from '../schema/index.js'
import { ANALYSIS_TABLE } from './analysis-tables.js'
import { withStore } from './store.js'

export interface MakeSurveyOptions {
  readonly kind: SurveyKind
  /** The questionnaire file: `.xlsx` (drop-downs, instructions) or `.csv`. */
  readonly out: string
  readonly lang?: Language
  /** KANO features (required for KANO), or satisfaction areas. */
  readonly features?: readonly string[]
  readonly importance?: boolean
  /** ISO date of the survey; default today (UTC). */
  readonly date?: string
  /** A CSV or Excel file with a customer id column, to pre-fill the respondents. */
  readonly customersFile?: string
  /** With `tiers`: pre-fill the customers of these tiers of the store's latest analysis. */
  readonly store?: string
  readonly tiers?: readonly string[]
}

async function respondentsOfFile(file: string): Promise<SurveyRespondent[]> {
  const engine = await openEngine(':memory:')
  try {
    const r = await importFiles(engine, [file], { kind: 'customers' })
    if (!r.ok)
      throw new ClienteleError('INGEST_INVALID', `${file} cannot be read as a list of customers`, {
        issues: r.issues,
        totalIssues: r.totalIssues,
      })
    const rows = await engine.all<{ customer_id: string; name: string | null }>(
      `SELECT customer_id, name FROM customers ORDER BY source_line`,
    )
    return rows.map((row) => ({ id: row.customer_id, name: row.name }))
  } finally {
    await engine.close()
  }
}

async function respondentsOfTiers(engine: Engine, tiers: readonly string[]) {
  if (!(await engine.tableExists(ANALYSIS_TABLE)))
    throw new ClienteleError(
      'USAGE',
      `${engine.location} has no analysis: run clientele analyze first`,
    )
  const list = tiers.map((t) => engine.dialect.quoteString(t)).join(', ')
  const rows = await engine.all<{ customer_id: string; name: string | null }>(
    `SELECT customer_id, name FROM ${ANALYSIS_TABLE} WHERE tier IN (${list}) ORDER BY customer_id`,
  )
  if (rows.length === 0) {
    const known = await engine.all<{ tier: string }>(
      `SELECT DISTINCT tier FROM ${ANALYSIS_TABLE} WHERE tier IS NOT NULL ORDER BY tier`,
    )
    throw new ClienteleError(
      'USAGE',
      `no customers in tier ${tiers.join(', ')}; the tiers of the latest analysis are ${known.map((k) => k.tier).join(', ')}`,
    )
  }
  return rows.map((row) => ({ id: row.customer_id, name: row.name }))
}

/**
 * Writes a satisfaction, NPS or KANO questionnaire that imports back as `feedback` or
 * `surveys` once filled in.
 * @example await makeSurvey({ kind: 'kano', features: ['电子发票', '次日达配送'], out: 'kano.xlsx' })
 */
export async function makeSurvey(o: MakeSurveyOptions): Promise<SurveyFile> {
  if (o.customersFile !== undefined && o.tiers !== undefined)
    throw new ClienteleError('USAGE', 'give --customers or --tier, not both')
  const respondents =
    o.customersFile !== undefined
      ? await respondentsOfFile(o.customersFile)
      : o.tiers !== undefined && o.tiers.length > 0
        ? await withStore(o.store, (engine) => respondentsOfTiers(engine, o.tiers!))
        : undefined
  return writeSurvey(o.out, {
    kind: o.kind,
    lang: o.lang ?? 'zh',
    features: o.features,
    importance: o.importance,
    date: o.date ?? new Date().toISOString().slice(0, 10),
    respondents,
  })
}

/** The KANO result of one surveyed feature. */
export interface KanoFeatureSummary {
  readonly feature: string
  /** A, O, M, I, R or Q: the most frequent category. */
  readonly category: KanoCategoryId
  readonly name: { readonly zh: string; readonly en: string }
  /** Answer pairs per category, in the order A, O, M, I, R, Q. */
  readonly counts: readonly number[]
  readonly respondents: number
  /** Better coefficient 0–1 and Worse coefficient −1–0 (Berger et al. 1993). */
  readonly better: number
  readonly worse: number
}

/** Each surveyed feature's KANO category from the store's `surveys` table; bad answers are skipped. */
export async function kanoSummary(options: {
  readonly store?: string
}): Promise<{ features: KanoFeatureSummary[]; skipped: number }> {
  return withStore(options.store, async (engine) => {
    const rows = (await engine.tableExists('surveys'))
      ? await engine.all<{ feature: string; functional: string; dysfunctional: string }>(
          `SELECT feature, functional, dysfunctional FROM surveys ORDER BY feature`,
        )
      : []
    const pairs = rows.flatMap((r) => {
      try {
        return [
          {
            feature: r.feature,
            f: parseKanoAnswer(r.functional),
            d: parseKanoAnswer(r.dysfunctional),
          },
        ]
      } catch {
        return []
      }
    })
    const names = [...new Set(pairs.map((p) => p.feature))]
    const result = kano({
      feature: Int32Array.from(pairs, (p) => names.indexOf(p.feature)),
      functional: Uint8Array.from(pairs, (p) => p.f),
      dysfunctional: Uint8Array.from(pairs, (p) => p.d),
    })
    const features = result.overall.map((r) => {
      const c = KANO_CATEGORIES[r.category]!
      return {
        feature: names[r.feature]!,
        category: c.id,
        name: { zh: c.zh, en: c.en },
        counts: r.counts,
        respondents: r.total,
        better: r.better,
        worse: r.worse,
      }
    })
    return { features, skipped: rows.length - pairs.length }
  })
}
