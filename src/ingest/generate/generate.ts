/**
 * The synthetic data generator: customers are drawn one at a time, in order of acquisition,
 * and each one's rows go straight to every table's writers, so memory does not grow with
 * the number of customers. Parquet and xlsx are produced from temporary files afterwards.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { emitFeedback, emitInteractions } from './activity-rows.js'
import { COLUMNS, TRUTH_COLUMNS, headers } from './columns.js'
import { DatasetContext, STREAM } from './context.js'
import { makeCustomer, truthRow } from './customer.js'
import { acquisitionClock, chooseMoved } from './move.js'
import {
  GENERATED_TABLES,
  resolveOptions,
  type DataFormat,
  type GenerateOptions,
  type GeneratedTable,
  type ResolvedOptions,
} from './options.js'
import { emitOrders, type OrderCounts } from './order-rows.js'
import { writeParquet, type ParquetJob } from './parquet-writer.js'
import { samplePath, type PathMove } from './process.js'
import { Rng } from './random.js'
import { emitCampaigns, emitSurvey } from './survey-rows.js'
import { CsvWriter, FLUSH_AT, NdjsonWriter, type Cell, type RowSink } from './writers.js'
import { writeWorkbook, type SheetJob } from './xlsx-writer.js'

export interface GeneratedFile {
  /** A generated table, or `truth`: each customer's true parameters. */
  readonly table: GeneratedTable | 'truth'
  readonly format: DataFormat
  readonly path: string
  readonly rows: number
}

export interface GenerateResult {
  readonly files: readonly GeneratedFile[]
  readonly customers: number
  /** Rows of the orders table, refunds, cancellations and duplicates included. */
  readonly orders: number
  /** The orders rows by kind; `completed` counts each purchase once, without duplicates. */
  readonly orderRows: Readonly<OrderCounts>
  /** Customers the `move` option changed. */
  readonly moved: number
  readonly seconds: number
}

/** The workbook holding every table when `xlsx` is among the formats. */
export const WORKBOOK_NAME = 'dataset.xlsx'
const PROGRESS_EVERY = 10_000

type Outputs = Record<GeneratedTable | 'truth', TableOutput>

class TableOutput {
  rows = 0
  constructor(readonly sinks: readonly RowSink[]) {}

  readonly push = (row: Cell[]): void => {
    this.rows++
    for (const sink of this.sinks) sink.push(row)
  }
}

function openOutputs(o: ResolvedOptions, tmp: string): Outputs {
  const outputs = Object.fromEntries(
    GENERATED_TABLES.map((table) => {
      const columns = COLUMNS[table]
      const names = headers(columns, o.lang)
      const kinds = columns.map((c) => c.kind)
      const sinks: RowSink[] = o.formats.map((format) =>
        format === 'csv'
          ? new CsvWriter(join(o.outDir, `${table}.csv`), names, kinds, o.encodings[table])
          : format === 'parquet'
            ? new CsvWriter(join(tmp, `${table}.csv`), names, kinds, 'utf8')
            : new NdjsonWriter(join(tmp, `${table}.ndjson`)),
      )
      return [table, new TableOutput(sinks)]
    }),
  ) as Outputs
  const truthKinds = TRUTH_COLUMNS.map((c) => c.kind)
  const truthPath = join(o.outDir, 'truth.csv')
  outputs.truth = new TableOutput([
    new CsvWriter(truthPath, headers(TRUTH_COLUMNS, 'en'), truthKinds, 'utf8'),
  ])
  return outputs
}

async function writeCustomers(
  ctx: DatasetContext,
  out: Outputs,
  moved: Uint8Array | null,
  counts: OrderCounts,
): Promise<number> {
  const o = ctx.options
  const move: PathMove | undefined = o.move ?? undefined
  const clock = acquisitionClock(o)
  const sinks = Object.values(out).flatMap((t) => t.sinks)
  let movedCount = 0
  for (let i = 0; i < o.customers; i++) {
    const isMoved = moved !== null && moved[i] === 1
    const pathRng = new Rng(o.seed, i, STREAM.path)
    const path = samplePath(pathRng, clock.next(), o.length, o.purchase, isMoved ? move : undefined)
    const { customer, row } = makeCustomer(ctx, i, path, isMoved)
    out.customers.push(row)
    emitOrders(ctx, customer, out.orders.push, counts)
    emitInteractions(ctx, customer, out.interactions.push)
    emitFeedback(ctx, customer, out.feedback.push)
    emitSurvey(ctx, customer, out.surveys.push)
    emitCampaigns(ctx, customer, out.campaigns.push)
    out.truth.push(truthRow(ctx, customer))
    if (isMoved) movedCount++
    for (const sink of sinks) if (sink.pending > FLUSH_AT) await sink.flush()
    if ((i + 1) % PROGRESS_EVERY === 0) o.onProgress?.(i + 1, o.customers)
  }
  if (o.customers % PROGRESS_EVERY !== 0) o.onProgress?.(o.customers, o.customers)
  await Promise.all(sinks.map((s) => s.close()))
  return movedCount
}

/**
 * Generates a synthetic customer data set (customers, orders, interactions, feedback, KANO
 * survey answers, campaigns) from a BG/NBD purchase process with Gamma-Gamma spend, and
 * writes it to `outDir` with `truth.csv`, each customer's true parameters. The same
 * options give byte-identical files.
 *
 * @example
 * await generateDataset({ customers: 2000, seed: 2024, lang: 'zh', outDir: 'data' })
 */
export async function generateDataset(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now()
  const o = resolveOptions(options)
  await mkdir(o.outDir, { recursive: true })
  const movedFlags = chooseMoved(o)
  const tmp = await mkdtemp(join(o.outDir, '.generate-'))
  const paths = (table: GeneratedTable | 'truth', format: DataFormat) =>
    join(o.outDir, format === 'xlsx' ? WORKBOOK_NAME : `${table}.${format}`)
  let out: Outputs | null = null
  try {
    out = openOutputs(o, tmp)
    const orderRows: OrderCounts = { completed: 0, refunded: 0, cancelled: 0, duplicated: 0 }
    const moved = await writeCustomers(new DatasetContext(o), out, movedFlags, orderRows)
    await convert(o, tmp)
    const rows = out
    const files: GeneratedFile[] = o.formats.flatMap((format) =>
      GENERATED_TABLES.map((table) => ({
        table,
        format,
        path: paths(table, format),
        rows: rows[table].rows,
      })),
    )
    files.push({ table: 'truth', format: 'csv', path: paths('truth', 'csv'), rows: out.truth.rows })
    const seconds = (performance.now() - started) / 1000
    return { files, customers: o.customers, orders: out.orders.rows, orderRows, moved, seconds }
  } catch (e) {
    // A failed run leaves no half-written files behind.
    if (out !== null) for (const t of Object.values(out)) for (const s of t.sinks) s.abort()
    const written = [...GENERATED_TABLES, 'truth' as const].flatMap((table) =>
      [...o.formats, 'csv' as const].map((format) => paths(table, format)),
    )
    await Promise.all(written.map((path) => rm(path, { force: true })))
    throw e
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
}

/** Turns the temporary files into Parquet files and the workbook. */
async function convert(o: ResolvedOptions, tmp: string): Promise<void> {
  const jobs = GENERATED_TABLES.map((table) => ({
    table,
    columns: COLUMNS[table],
    headers: headers(COLUMNS[table], o.lang),
    withTime: o.withTime && table === 'orders',
  }))
  if (o.formats.includes('parquet')) {
    await writeParquet(
      jobs.map((job): ParquetJob => ({
        ...job,
        csv: join(tmp, `${job.table}.csv`),
        parquet: join(o.outDir, `${job.table}.parquet`),
      })),
    )
  }
  if (o.formats.includes('xlsx')) {
    const sheets = jobs.map((job): SheetJob => ({
      ...job,
      name: job.table,
      source: join(tmp, `${job.table}.ndjson`),
    }))
    // The workbook's timestamps are the day after the period, so they depend on the options only.
    const stamp = new Date((o.startDay + o.length) * 86_400_000)
    await writeWorkbook(join(o.outDir, WORKBOOK_NAME), sheets, stamp)
  }
}
