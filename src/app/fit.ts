/**
 * The `fit` use case: fit one BTYD model to a ready summary file, to transaction files, or
 * to the store, with an optional calibration/holdout split. Only sufficient statistics
 * leave the engine; holdout accuracy is computed per distinct summary row with weights.
 */
import { openEngine, type Engine } from '../engine/index.js'
import {
  UNIT_DAYS,
  addDays,
  compileBtydSummary,
  discreteSufficient,
  holdoutSufficient,
  isoDate,
  recencySufficient,
  spendSufficient,
  type TimeUnit,
} from '../indicators/index.js'
import { importFiles, loadMapping, readSummaryFile } from '../ingest/index.js'
import {
  bgNbdExpectedPurchases,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  fitSbg,
  holdoutAccuracy,
  mbgNbdExpectedPurchases,
  paretoNbdExpectedPurchases,
  sbgFromSurvivors,
  type BtydFit,
  type CustomerSummary,
} from '../models/index.js'
import { ClienteleError } from '../schema/index.js'
import { withStore } from './store.js'

export const MODELS = ['bgnbd', 'pnbd', 'mbgnbd', 'bgbb', 'sbg', 'gg'] as const
export type ModelName = (typeof MODELS)[number]

export interface FitModelOptions {
  readonly model: ModelName
  /** A ready summary CSV (lifetimes/BTYD column names). */
  readonly summary?: string
  /** Transaction files to import into a temporary store. */
  readonly transactions?: readonly string[]
  readonly mapping?: string
  readonly store?: string
  /** Last day of the calibration period; default the last purchase day (no holdout). */
  readonly calibrationEnd?: string
  readonly unit?: TimeUnit
}

export interface FitReport {
  readonly model: ModelName
  readonly unit: string
  readonly customers: number
  readonly distinctRows: number
  readonly params: Record<string, number>
  readonly logLikelihood: number
  readonly converged: boolean
  readonly status: string
  readonly iterations: number
  readonly gradientNorm: number
  readonly standardErrors: Record<string, number>
  readonly holdout?: {
    readonly end: string
    readonly length: number
    readonly actual: number
    readonly predicted: number
    readonly mae: number
    readonly rmse: number
  }
  readonly warnings: readonly string[]
}

const EXPECTED = {
  bgnbd: bgNbdExpectedPurchases,
  pnbd: paretoNbdExpectedPurchases,
  mbgnbd: mbgNbdExpectedPurchases,
} as const
const FITS = { bgnbd: fitBgNbd, pnbd: fitParetoNbd, mbgnbd: fitMbgNbd } as const

function report(
  model: ModelName,
  unit: string,
  fit: BtydFit<object>,
  distinctRows: number,
  extra: Partial<FitReport> = {},
): FitReport {
  return {
    model,
    unit,
    customers: fit.customers,
    distinctRows,
    params: fit.params as Record<string, number>,
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
    status: fit.status,
    iterations: fit.iterations,
    gradientNorm: fit.gradientNorm,
    standardErrors: fit.standardErrors as Record<string, number>,
    warnings: [],
    ...extra,
  }
}

function need(
  file: string,
  cols: Record<string, Float64Array>,
  names: string[],
  model: string,
): Float64Array[] {
  return names.map((n) => {
    const c = cols[n]
    if (c === undefined) {
      throw new ClienteleError(
        'USAGE',
        `${file} has no ${n} column, which ${model} needs (columns: ${Object.keys(cols).join(', ')})`,
      )
    }
    return c
  })
}

async function fromSummaryFile(o: FitModelOptions, file: string): Promise<FitReport> {
  const engine = await openEngine(':memory:')
  try {
    const cols = await readSummaryFile(engine, file)
    const weight = cols.weight
    const unit = o.unit ?? 'week'
    if (o.model === 'gg') {
      const [x, zbar] = need(file, cols, ['x', 'zbar'], 'gg')
      const fit = fitGammaGamma({ x: x!, zbar: zbar!, weight })
      return report('gg', 'currency', fit, x!.length, {
        warnings: fit.warnings.map((w) => w.message),
      })
    }
    if (o.model === 'bgbb') {
      const [frequency, recency, periods] = need(file, cols, ['x', 'tx', 'periods'], 'bgbb')
      return report(
        'bgbb',
        'opportunities',
        fitBgBb({ frequency: frequency!, recency: recency!, periods: periods!, weight }),
        frequency!.length,
      )
    }
    if (o.model === 'sbg') {
      const [surviving] = need(file, cols, ['surviving'], 'sbg')
      const data = sbgFromSurvivors(surviving!)
      return report('sbg', 'periods', fitSbg(data), data.t.length)
    }
    const [x, tx, T] = need(file, cols, ['x', 'tx', 'T'], o.model)
    const data: CustomerSummary = { x: x!, tx: tx!, T: T!, weight }
    return report(o.model, unit, FITS[o.model](data, { unit }), x!.length)
  } finally {
    await engine.close()
  }
}

async function lastPurchaseDay(engine: Engine): Promise<string> {
  const [r] = await engine.all(
    `SELECT CAST(max(date) AS VARCHAR) AS d FROM transactions WHERE status = 'completed'`,
  )
  if (r?.d === null || r?.d === undefined)
    throw new ClienteleError('USAGE', 'the store has no completed orders to fit a model to')
  return String(r.d)
}

async function fromStore(o: FitModelOptions, engine: Engine): Promise<FitReport> {
  const unit = o.unit ?? 'week'
  const last = await lastPurchaseDay(engine)
  const calibrationEnd =
    o.calibrationEnd === undefined ? last : isoDate(o.calibrationEnd, 'calibration end')
  const holdoutEnd = calibrationEnd < last ? addDays(last, 1) : undefined
  const summary = compileBtydSummary(engine.dialect, { calibrationEnd, holdoutEnd, unit })
  if (o.model === 'sbg') {
    throw new ClienteleError(
      'USAGE',
      'sbg fits contract renewals, not orders: give --summary FILE with period and surviving columns',
    )
  }
  if (o.model === 'gg') {
    const s = await spendSufficient(engine, summary)
    const fit = fitGammaGamma(s)
    return report('gg', 'currency', fit, s.x.length, {
      warnings: fit.warnings.map((w) => w.message),
    })
  }
  if (o.model === 'bgbb') {
    const s = await discreteSufficient(engine, { calibrationEnd, unit })
    return report('bgbb', unit, fitBgBb(s), s.frequency.length)
  }
  const s = await recencySufficient(engine, summary)
  const fit = FITS[o.model](s, { unit })
  if (holdoutEnd === undefined) return report(o.model, unit, fit, s.x.length)
  const h = await holdoutSufficient(engine, summary)
  // The holdout runs from the day after calibration to the last day, inclusive.
  const length =
    (Date.parse(holdoutEnd) - Date.parse(calibrationEnd) - 86_400_000) /
    86_400_000 /
    UNIT_DAYS[unit]
  const predicted = (
    EXPECTED[o.model] as (p: unknown, d: CustomerSummary, t: number) => Float64Array
  )(fit.params, h, length)
  const acc = holdoutAccuracy(predicted, h.holdoutX, h.weight)
  return report(o.model, unit, fit, s.x.length, {
    holdout: {
      end: last,
      length,
      actual: acc.actualTotal,
      predicted: acc.predictedTotal,
      mae: acc.mae,
      rmse: acc.rmse,
    },
  })
}

export async function fitModel(o: FitModelOptions): Promise<FitReport> {
  if (o.summary !== undefined) return fromSummaryFile(o, o.summary)
  if (o.transactions !== undefined && o.transactions.length > 0) {
    const engine = await openEngine(':memory:')
    try {
      const mapping = o.mapping === undefined ? undefined : loadMapping(o.mapping)
      const r = await importFiles(engine, o.transactions, { kind: 'transactions', mapping })
      if (!r.ok) {
        throw new ClienteleError('INGEST_INVALID', 'the transaction files cannot be read', {
          issues: r.issues,
          totalIssues: r.totalIssues,
        })
      }
      return await fromStore(o, engine)
    } finally {
      await engine.close()
    }
  }
  return withStore(o.store, (engine) => fromStore(o, engine))
}
