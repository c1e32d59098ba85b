/**
 * The generator's options, their defaults, and their validation into the resolved form the
 * generator works with (days from the start of the period, one encoding per table).
 */
import { z } from 'zod'
import { ClienteleError } from '../../schema/index.js'
import type { PurchaseParams, SpendParams } from './process.js'

export const GENERATED_TABLES = [
  'customers',
  'orders',
  'interactions',
  'feedback',
  'surveys',
  'campaigns',
] as const
export type GeneratedTable = (typeof GENERATED_TABLES)[number]
export type DataFormat = 'csv' | 'parquet' | 'xlsx'
export type CsvEncoding = 'utf8' | 'gbk'
export type Lang = 'zh' | 'en'

/** Moves a known group of customers from a day on, to test tracking against the truth. */
export interface MoveOptions {
  /** How many customers move; chosen at random among those acquired and alive on `fromDay`. */
  readonly customers: number
  /** First day of the new behaviour, `YYYY-MM-DD`, inside the period. */
  readonly fromDay: string
  /** `churn`: no purchases from `fromDay` on; `grow`: the purchase rate times `factor`. */
  readonly effect: 'churn' | 'grow'
  /** Factor on the purchase rate for `grow`; default 2. */
  readonly factor?: number
}

/** Options of {@link generateDataset}. Rates are shares in 0 … 1. */
export interface GenerateOptions {
  /** Number of customers, 1 … 100,000,000. */
  readonly customers: number
  /** Seed of every random draw; the same options give byte-identical files. Default 1. */
  readonly seed?: number
  readonly outDir: string
  /** One format or several written in the same pass; default `csv`. */
  readonly format?: DataFormat | readonly DataFormat[]
  /** CSV encoding for every table, or per table (tables left out are UTF-8). Default `utf8`. */
  readonly encoding?: CsvEncoding | Partial<Record<GeneratedTable, CsvEncoding>>
  /** Language of headers and values; default `zh`. */
  readonly lang?: Lang
  /** First day, `YYYY-MM-DD`; default three years before `end`. */
  readonly start?: string
  /** Last day, `YYYY-MM-DD`; default 2025-12-31. */
  readonly end?: string
  /** BG/NBD parameters, λ per day; default r 0.6, α 30 (mean 0.02/day), a 0.5, b 5. */
  readonly purchase?: Partial<PurchaseParams>
  /** Gamma-Gamma spend of B2C orders in CNY; default p 4, q 3.5, γ 220 (mean ≈ 352). */
  readonly spend?: Partial<SpendParams>
  /** Share of company (B2B) customers; default 0.4. */
  readonly b2bShare?: number
  /** B2B order values are B2C's times this; default 20. */
  readonly b2bSpendScale?: number
  /** Share of completed orders later refunded (fully or in part); default 0.03. */
  readonly refundRate?: number
  /** Cancelled orders per completed order; default 0.02. */
  readonly cancelRate?: number
  /** Share of order rows written twice (same order id); default 0.005. */
  readonly duplicateRate?: number
  /** Share of orders paid in USD instead of CNY; default 0. */
  readonly usdShare?: number
  /** Share of customers answering the KANO survey; default 0.15. */
  readonly surveyShare?: number
  /** Write order times (`YYYY-MM-DD HH:MM:SS`) rather than dates; default false. */
  readonly withTime?: boolean
  readonly move?: MoveOptions
  /** Called every 10,000 customers and at the end. */
  readonly onProgress?: (done: number, total: number) => void
}

const share = z.number().min(0).max(1)
const positive = z.number().positive().finite()
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isRealDay, {
    message: 'not a calendar day',
  })
const format = z.enum(['csv', 'parquet', 'xlsx'])
const encoding = z.enum(['utf8', 'gbk'])

const SCHEMA = z.strictObject({
  customers: z.number().int().min(1).max(1e8),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  outDir: z.string().min(1),
  format: z.union([format, z.array(format).min(1)]).default('csv'),
  encoding: z
    .union([encoding, z.partialRecord(z.enum(GENERATED_TABLES), encoding)])
    .default('utf8'),
  lang: z.enum(['zh', 'en']).default('zh'),
  start: day.optional(),
  end: day.default('2025-12-31'),
  purchase: z
    .strictObject({ r: positive, alpha: positive, a: positive, b: positive })
    .partial()
    .default({}),
  spend: z
    .strictObject({
      p: positive,
      q: positive.refine((q) => q > 1, 'q must exceed 1'),
      gamma: positive,
    })
    .partial()
    .default({}),
  b2bShare: share.default(0.4),
  b2bSpendScale: positive.default(20),
  refundRate: share.default(0.03),
  cancelRate: share.default(0.02),
  duplicateRate: share.default(0.005),
  usdShare: share.default(0),
  surveyShare: share.default(0.15),
  withTime: z.boolean().default(false),
  move: z
    .strictObject({
      customers: z.number().int().min(1),
      fromDay: day,
      effect: z.enum(['churn', 'grow']),
      factor: positive.default(2),
    })
    .optional(),
  onProgress: z
    .custom<(done: number, total: number) => void>((v) => typeof v === 'function')
    .optional(),
})

export interface ResolvedOptions {
  readonly customers: number
  readonly seed: number
  readonly outDir: string
  readonly formats: readonly DataFormat[]
  readonly encodings: Readonly<Record<GeneratedTable, CsvEncoding>>
  readonly lang: Lang
  /** The start as days since 1970-01-01. */
  readonly startDay: number
  /** Days in the period, both ends included. */
  readonly length: number
  readonly purchase: PurchaseParams
  readonly spend: SpendParams
  readonly b2bShare: number
  readonly b2bSpendScale: number
  readonly refundRate: number
  readonly cancelRate: number
  readonly duplicateRate: number
  readonly usdShare: number
  readonly surveyShare: number
  readonly withTime: boolean
  /** The move with `at` in days from the start. */
  readonly move: {
    readonly customers: number
    readonly fromDay: string
    readonly at: number
    readonly effect: 'churn' | 'grow'
    readonly factor: number
  } | null
  readonly onProgress?: (done: number, total: number) => void
}

/** Validates and completes the options; throws a USAGE error listing every problem. */
export function resolveOptions(options: GenerateOptions): ResolvedOptions {
  const parsed = SCHEMA.safeParse(options)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      code: 'USAGE' as const,
      path: i.path.join('.'),
      message: i.message,
    }))
    const first = issues[0]!
    const where = first.path === '' ? '' : `${first.path}: `
    throw new ClienteleError('USAGE', `invalid generate options: ${where}${first.message}`, {
      issues,
    })
  }
  const o = parsed.data
  const endDay = toDay(o.end)
  const startDay = o.start === undefined ? threeYearsBefore(o.end) : toDay(o.start)
  const length = endDay - startDay + 1
  if (length < 1) usage(`invalid start: ${o.start} is after end ${o.end}`)
  const move = o.move === undefined ? null : { ...o.move, at: toDay(o.move.fromDay) - startDay }
  if (move !== null && (move.at <= 0 || move.at >= length)) {
    usage(`invalid move.fromDay: ${o.move?.fromDay} is not inside the period`)
  }
  const encodings = Object.fromEntries(
    GENERATED_TABLES.map((t) => [
      t,
      typeof o.encoding === 'string' ? o.encoding : (o.encoding[t] ?? 'utf8'),
    ]),
  ) as Record<GeneratedTable, CsvEncoding>
  return {
    ...o,
    formats: [...new Set(typeof o.format === 'string' ? [o.format] : o.format)],
    encodings,
    startDay,
    length,
    purchase: { r: 0.6, alpha: 30, a: 0.5, b: 5, ...o.purchase },
    spend: { p: 4, q: 3.5, gamma: 220, ...o.spend },
    move,
  }
}

function usage(message: string): never {
  throw new ClienteleError('USAGE', message)
}

function isRealDay(text: string): boolean {
  const ms = Date.parse(`${text}T00:00:00Z`)
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text
}

function toDay(text: string): number {
  return Date.parse(`${text}T00:00:00Z`) / 86_400_000
}

function threeYearsBefore(end: string): number {
  const [y, m, d] = end.split('-').map(Number) as [number, number, number]
  return Date.UTC(y - 3, m - 1, d + 1) / 86_400_000
}
