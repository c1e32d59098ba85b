/**
 * The embedded store: one DuckDB file (or `:memory:`), one connection per session (the
 * engine opened is the first, `session()` adds more). Runs SQL, returns rows or typed
 * columns, and wraps work in transactions so an import is all or nothing.
 */
import {
  DuckDBDataChunk,
  DuckDBInstance,
  JSDuckDBValueConverter,
  type DuckDBConnection,
} from '@duckdb/node-api'
import bindings, { type Vector } from '@duckdb/node-bindings'
import type { ColumnValues, Columns, Engine, Params, Row } from '../engine.js'
import { EngineError } from '../engine.js'
import { DuckDBDialect } from './duckdb-dialect.js'
import { DUCKDB_MACROS } from './duckdb-macros.js'
import { isNumericType, toPlain } from './duckdb-types.js'

export interface DuckDBEngineOptions {
  /** DuckDB settings, e.g. `{ threads: '2', memory_limit: '4GB' }`. */
  readonly config?: Record<string, string>
}

export class DuckDBEngine implements Engine {
  readonly kind = 'duckdb' as const
  readonly dialect = new DuckDBDialect()
  private inTransaction = false

  private constructor(
    readonly location: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** Whether closing this engine closes the database (the first session) too. */
    private readonly ownsInstance = true,
  ) {}

  static async open(location: string, options: DuckDBEngineOptions = {}): Promise<DuckDBEngine> {
    try {
      const instance = await DuckDBInstance.create(location, options.config)
      return new DuckDBEngine(location, instance, await connect(instance))
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      if (/lock/i.test(message)) {
        throw new EngineError(
          'ENGINE_STORE_LOCKED',
          `the store ${location} is in use by another process (${firstLine(message)}); close it and try again`,
          { cause: e },
        )
      }
      throw new EngineError(
        'ENGINE_UNREACHABLE',
        `cannot open the store ${location}: ${firstLine(message)}`,
        { cause: e },
      )
    }
  }

  async run(sql: string, params?: Params): Promise<number> {
    const t = TRACE ? performance.now() : 0
    try {
      const result = await this.connection.run(sql, params as Record<string, never>)
      if (TRACE) trace(sql, t)
      return Number(result.rowsChanged)
    } catch (e) {
      throw queryError(sql, e)
    }
  }

  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.exec(sql, params, (reader) => {
      const rows = reader.getRowObjectsJS() as Row[]
      for (const row of rows) for (const key of Object.keys(row)) row[key] = toPlain(row[key])
      return rows as T[]
    })
  }

  /**
   * The result as typed columns, read a chunk at a time: numbers go straight into
   * Float64Array parts, so a million-row result never exists as boxed JS values.
   */
  async columns(sql: string, params?: Params): Promise<Columns> {
    const t = TRACE ? performance.now() : 0
    try {
      const result = await this.connection.stream(sql, params as Record<string, never>)
      const names = result.columnNames()
      const numeric = result.columnTypes().map(isNumericType)
      const numbers: Float64Array[][] = names.map(() => [])
      const texts: unknown[][] = names.map(() => [])
      for (let chunk = await result.fetchChunk(); chunk; chunk = await result.fetchChunk()) {
        const rows = chunk.rowCount
        if (rows === 0) break
        names.forEach((_, c) => {
          const values = chunk.convertColumnValues(c, JSDuckDBValueConverter)
          if (numeric[c]) {
            const part = new Float64Array(rows)
            for (let i = 0; i < rows; i++) {
              const v = values[i]
              part[i] = v === null || v === undefined ? NaN : Number(v)
            }
            numbers[c]!.push(part)
          } else {
            const out = texts[c]!
            for (const v of values) out.push(toPlain(v))
          }
        })
      }
      if (TRACE) trace(sql, t)
      const out: Columns = {}
      names.forEach((name, c) => {
        out[name] = numeric[c] ? concat(numbers[c]!) : (texts[c] as Columns[string])
      })
      return out
    } catch (e) {
      throw queryError(sql, e)
    }
  }

  async insertColumns(table: string, columns: readonly ColumnValues[]): Promise<number> {
    return this.appendBatches(table, [columns])
  }

  async appendBatches(
    table: string,
    batches: Iterable<readonly ColumnValues[]> | AsyncIterable<readonly ColumnValues[]>,
  ): Promise<number> {
    // One appender for every batch: each flush of an appender costs as much as appending
    // tens of thousands of rows, so a batch per flush made the appends several times slower.
    const appender = await this.connection.createAppender(table)
    let total = 0
    try {
      const types = Array.from({ length: appender.columnCount }, (_, j) => appender.columnType(j))
      const chunk = DuckDBDataChunk.create(types)
      const vectors = types.map((_, j) => bindings.data_chunk_get_vector(chunk.chunk, j))
      for await (const columns of batches) {
        const n = columns[0]?.length ?? 0
        if (columns.some((c) => c.length !== n))
          throw new Error(`invalid columns: lengths differ for ${table}`)
        if (columns.length !== types.length)
          throw new Error(`${table} has ${types.length} columns, ${columns.length} given`)
        columns.forEach((c, j) => {
          const want =
            c instanceof Float64Array ? 'DOUBLE' : c instanceof Int32Array ? 'INTEGER' : 'VARCHAR'
          if (types[j]!.toString() !== want)
            throw new Error(
              `column ${j + 1} of ${table} is ${types[j]!.toString()}, given ${want} values`,
            )
        })
        for (let start = 0; start < n; start += CHUNK_ROWS) {
          const rows = Math.min(CHUNK_ROWS, n - start)
          chunk.reset()
          chunk.rowCount = rows
          columns.forEach((c, j) => fillVector(vectors[j]!, c, start, rows))
          appender.appendDataChunk(chunk)
        }
        total += n
      }
      appender.flushSync()
    } catch (e) {
      throw queryError(`append to ${table}`, e)
    } finally {
      appender.closeSync()
    }
    return total
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work()
    await this.run('BEGIN TRANSACTION')
    this.inTransaction = true
    try {
      const result = await work()
      await this.run('COMMIT')
      return result
    } catch (e) {
      await this.run('ROLLBACK').catch(() => undefined)
      throw e
    } finally {
      this.inTransaction = false
    }
  }

  async tableExists(name: string): Promise<boolean> {
    const rows = await this.all(
      `SELECT 1 FROM information_schema.tables WHERE table_name = $name`,
      { name },
    )
    return rows.length > 0
  }

  async session(): Promise<DuckDBEngine> {
    return new DuckDBEngine(this.location, this.instance, await connect(this.instance), false)
  }

  async close(): Promise<void> {
    this.connection.closeSync()
    if (this.ownsInstance) this.instance.closeSync()
  }

  private async exec<T>(
    sql: string,
    params: Params | undefined,
    read: (reader: Awaited<ReturnType<DuckDBConnection['runAndReadAll']>>) => T,
  ): Promise<T> {
    const t = TRACE ? performance.now() : 0
    try {
      const reader = await this.connection.runAndReadAll(sql, params as Record<string, never>)
      if (TRACE) trace(sql, t)
      return read(reader)
    } catch (e) {
      throw queryError(sql, e)
    }
  }
}

function concat(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** Rows per appended chunk: DuckDB's vector size. */
const CHUNK_ROWS = bindings.vector_size()
/** Validity bits of one chunk, reused: bit i of byte i >> 3 is row i's (little-endian uint64s). */
const validity = new Uint8Array(CHUNK_ROWS / 8)

/**
 * Rows `start` to `start + rows` of `values` into `vector` of a reset chunk: numbers are
 * copied into the vector's memory in one call, strings one call each; NaN and null are NULL.
 * A call per value through the row appender cost several times as much for numbers.
 */
function fillVector(vector: Vector, values: ColumnValues, start: number, rows: number): void {
  let nulls = false
  validity.fill(0xff)
  const nullAt = (i: number) => {
    nulls = true
    validity[i >> 3]! &= ~(1 << (i & 7))
  }
  if (values instanceof Float64Array || values instanceof Int32Array) {
    const part = values.subarray(start, start + rows)
    bindings.copy_data_to_vector(
      vector,
      0,
      part.buffer as ArrayBuffer,
      part.byteOffset,
      part.byteLength,
    )
    if (values instanceof Float64Array)
      for (let i = 0; i < rows; i++) if (Number.isNaN(part[i])) nullAt(i)
  } else {
    for (let i = 0; i < rows; i++) {
      const v = values[start + i]
      if (v === null || v === undefined) nullAt(i)
      else bindings.vector_assign_string_element(vector, i, v)
    }
  }
  if (nulls) {
    bindings.vector_ensure_validity_writable(vector)
    bindings.copy_data_to_vector_validity(vector, 0, validity.buffer, 0, Math.ceil(rows / 8))
  }
}

/** A connection with the parsing macros, which are temporary: each connection has its own. */
async function connect(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const connection = await instance.connect()
  for (const macro of DUCKDB_MACROS) await connection.run(macro)
  return connection
}

/** `CLIENTELE_TRACE_SQL=1` prints each statement's time to stderr, for profiling. */
const TRACE = process.env.CLIENTELE_TRACE_SQL === '1'

function trace(sql: string, start: number): void {
  const ms = (performance.now() - start).toFixed(0).padStart(7)
  process.stderr.write(
    `[sql ${ms} ms] ${sql.replace(/\s+/g, ' ').slice(0, process.env.CLIENTELE_TRACE_FULL ? undefined : 140)}\n`,
  )
}

function queryError(sql: string, e: unknown): EngineError {
  if (e instanceof EngineError) return e
  const message = e instanceof Error ? e.message : String(e)
  return new EngineError('ENGINE_QUERY_FAILED', `DuckDB: ${message}`, { sql, cause: e })
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s
}
