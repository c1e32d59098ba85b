/**
 * A ClickHouse server (or the entry server of a cluster) over its HTTP interface, with
 * node's fetch: no client library. Results come back as `TabSeparatedWithNamesAndTypes`,
 * rows go in as `INSERT … FORMAT TabSeparated` in batches. The store is named by a URL:
 * `clickhouse://[user[:password]@]host[:port]/database[?table=orders&timeout=600]`.
 *
 * ClickHouse has no multi-statement transactions: `transaction()` runs its work directly, so
 * a failure part-way leaves what was already written; callers that need all-or-nothing
 * writes must make them idempotent (write to a fresh table, then swap).
 */
import { ClienteleError } from '../../schema/index.js'
import type { ColumnValues, Columns, Engine, Params, Row } from '../engine.js'
import { ClickHouseDialect } from './clickhouse-dialect.js'
import {
  request,
  requestToFile,
  type ClickHouseEndpoint,
  type RequestOptions,
} from './clickhouse-http.js'
import { bind } from './clickhouse-params.js'
import {
  decodeNumber,
  decodeValue,
  encodeRows,
  isNumericType,
  parseTsv,
} from './clickhouse-types.js'

export interface ClickHouseEngineOptions {
  /** Longest wait for one query, in milliseconds (default 10 minutes, or `?timeout=` seconds). */
  readonly timeoutMs?: number
  /** Rows per INSERT request (default 100,000). */
  readonly batchRows?: number
}

const RESULT_FORMAT = 'TabSeparatedWithNamesAndTypes'
const DEFAULT_PORT = 8123

export class ClickHouseEngine implements Engine {
  readonly kind = 'clickhouse' as const
  readonly dialect = new ClickHouseDialect()

  private constructor(
    readonly location: string,
    readonly endpoint: ClickHouseEndpoint,
    /** The orders table the store was opened for (`?table=`; default `transactions`). */
    readonly ordersTable: string,
    private readonly batchRows: number,
  ) {}

  /** Connects to the server named by `location`, checking that it answers. */
  static async open(
    location: string,
    options: ClickHouseEngineOptions = {},
  ): Promise<ClickHouseEngine> {
    const { endpoint, table } = parseLocation(location, options)
    const shown =
      endpoint.password === undefined ? location : location.replace(/:[^:@/]*@/, ':***@')
    const engine = new ClickHouseEngine(shown, endpoint, table, options.batchRows ?? 100_000)
    await request(endpoint, 'SELECT 1', { database: null })
    return engine
  }

  get database(): string {
    return this.endpoint.database
  }

  async run(sql: string, params?: Params): Promise<number> {
    return (await this.send(sql, params)).writtenRows
  }

  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    const { names, types, rows } = parseTsv(
      (await this.send(sql, params, { format: RESULT_FORMAT })).body,
    )
    return rows.map((fields) => {
      const row: Row = {}
      names.forEach((name, i) => (row[name] = decodeValue(fields[i]!, types[i]!)))
      return row as T
    })
  }

  async columns(sql: string, params?: Params): Promise<Columns> {
    const { names, types, rows } = parseTsv(
      (await this.send(sql, params, { format: RESULT_FORMAT })).body,
    )
    const out: Columns = {}
    names.forEach((name, i) => {
      out[name] = isNumericType(types[i]!)
        ? Float64Array.from(rows, (r) => decodeNumber(r[i]!))
        : rows.map((r) => decodeValue(r[i]!, types[i]!))
    })
    return out
  }

  async insertColumns(table: string, columns: readonly ColumnValues[]): Promise<number> {
    const n = columns[0]?.length ?? 0
    if (columns.some((c) => c.length !== n))
      throw new Error(`invalid columns: lengths differ for ${table}`)
    const sql = `INSERT INTO ${this.dialect.quoteIdentifier(table)} FORMAT TabSeparated`
    for (let from = 0; from < n; from += this.batchRows) {
      const data = encodeRows(columns, from, Math.min(n, from + this.batchRows))
      await request(this.endpoint, sql, { data })
    }
    return n
  }

  async appendBatches(
    table: string,
    batches: Iterable<readonly ColumnValues[]> | AsyncIterable<readonly ColumnValues[]>,
  ): Promise<number> {
    let total = 0
    for await (const columns of batches) total += await this.insertColumns(table, columns)
    return total
  }

  /** Runs `work` directly: ClickHouse has no multi-statement transactions (see above). */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    return work()
  }

  async tableExists(name: string): Promise<boolean> {
    const rows = await this.all(
      `SELECT 1 AS found FROM system.tables WHERE database = currentDatabase() AND name = $name`,
      { name },
    )
    return rows.length > 0
  }

  /** Creates the store's database where missing. */
  async ensureDatabase(): Promise<void> {
    await request(
      this.endpoint,
      `CREATE DATABASE IF NOT EXISTS ${this.dialect.quoteIdentifier(this.database)}`,
      { database: null },
    )
  }

  /**
   * Writes the result of `sql` to the file `path` in a ClickHouse output `format` (e.g.
   * `CSVWithNames`), streamed from the server; resolves to the bytes written.
   */
  async exportTo(
    sql: string,
    format: string,
    path: string,
    options: { params?: Params; prefix?: string } = {},
  ): Promise<number> {
    const bound = `${bind(this.dialect, sql, options.params)} FORMAT ${format}`
    return requestToFile(this.endpoint, bound, {}, path, options.prefix)
  }

  /** The server's version, e.g. `18.16.1`. */
  async version(): Promise<string> {
    const [r] = await this.all<{ v: string }>('SELECT version() AS v')
    return String(r?.v)
  }

  /** Nothing to release: requests share node's HTTP connection pool. */
  /** Requests over HTTP are independent already: a session is this engine itself. */
  async session(): Promise<ClickHouseEngine> {
    return this
  }

  async close(): Promise<void> {}

  private send(sql: string, params: Params | undefined, options: RequestOptions = {}) {
    return request(this.endpoint, bind(this.dialect, sql, params), options)
  }
}

function parseLocation(
  location: string,
  options: ClickHouseEngineOptions,
): { endpoint: ClickHouseEndpoint; table: string } {
  let url: URL
  try {
    url = new URL(location)
  } catch {
    throw new ClienteleError('USAGE', `invalid ClickHouse store: ${location}`)
  }
  let timeoutMs = options.timeoutMs ?? 600_000
  let table = 'transactions'
  for (const [key, value] of url.searchParams) {
    if (key === 'table' && value !== '') table = value
    else if (key === 'timeout' && Number(value) > 0) timeoutMs = Number(value) * 1000
    else {
      throw new ClienteleError(
        'USAGE',
        `invalid ClickHouse store option: ${key}=${value} (expected table=NAME or timeout=SECONDS)`,
      )
    }
  }
  const decode = (s: string) => (s === '' ? undefined : decodeURIComponent(s))
  return {
    endpoint: {
      host: url.hostname,
      port: url.port === '' ? DEFAULT_PORT : Number(url.port),
      database: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'default',
      user: decode(url.username),
      password: decode(url.password),
      timeoutMs,
    },
    table,
  }
}
