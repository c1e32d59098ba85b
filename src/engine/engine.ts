/**
 * The engine seam: the few operations every SQL engine offers to the layers above.
 * Dialect differences stay in `dialect.ts` implementations; callers never branch on engine.
 */
import { ClienteleError, type ErrorCode } from '../schema/index.js'
import type { SqlDialect } from './dialect.js'

export type EngineKind = 'duckdb' | 'clickhouse'
export type SqlValue = string | number | bigint | boolean | null
/** Named parameters, referenced in SQL as `$name`. */
export type Params = Readonly<Record<string, SqlValue>>
export type Row = Record<string, unknown>

/** A query compiled for one engine: testable without running it. */
export interface CompiledQuery {
  readonly sql: string
  readonly params?: Params
}

/** A result as columns: numeric columns are Float64Array, the rest plain arrays. */
export type Columns = Record<string, Float64Array | unknown[]>

/** One column of values to insert: numbers (NaN = NULL) or text (null = NULL). */
export type ColumnValues = Float64Array | Int32Array | readonly (string | null)[]

export interface Engine {
  readonly kind: EngineKind
  readonly dialect: SqlDialect
  /** The store's location as the user gave it (a file path, `:memory:`, a URL). */
  readonly location: string
  /** Runs a statement; resolves to the number of rows it changed (0 for queries). */
  run(sql: string, params?: Params): Promise<number>
  /** Rows as plain objects, for small results (summaries, reports); BIGINT comes back as number. */
  all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>
  /** The result as typed columns, for per-customer data. */
  columns(sql: string, params?: Params): Promise<Columns>
  /**
   * Appends typed columns as rows to an existing table whose columns are in the same order
   * (the engine's bulk path). Numbers NaN and text null are written as NULL.
   */
  insertColumns(table: string, columns: readonly ColumnValues[]): Promise<number>
  /**
   * `insertColumns` for a sequence of batches, as they are made: the rows of many batches
   * in one bulk append. Resolves to the number of rows appended.
   */
  appendBatches(
    table: string,
    batches: Iterable<readonly ColumnValues[]> | AsyncIterable<readonly ColumnValues[]>,
  ): Promise<number>
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: () => Promise<T>): Promise<T>
  tableExists(name: string): Promise<boolean>
  /**
   * Another session on the same store, for work that runs alongside this one: its own
   * transactions and temporary tables, the committed tables of both. Closing it leaves this
   * engine open.
   */
  session(): Promise<Engine>
  close(): Promise<void>
}

/** An error from an engine, keeping the SQL that caused it. */
export class EngineError extends ClienteleError {
  readonly sql: string | undefined

  constructor(code: ErrorCode, message: string, options: { sql?: string; cause?: unknown } = {}) {
    super(code, message, { cause: options.cause })
    this.sql = options.sql
  }
}
