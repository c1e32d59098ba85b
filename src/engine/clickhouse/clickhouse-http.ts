/**
 * One request to ClickHouse's HTTP interface, with its failures turned into `EngineError`s
 * a user can act on: the server that cannot be reached (`ENGINE_UNREACHABLE`, naming
 * host:port, or the shard a distributed query could not reach) or the query that failed
 * (`ENGINE_QUERY_FAILED`, keeping the SQL and ClickHouse's own message).
 */
import { EngineError } from '../engine.js'

export interface ClickHouseEndpoint {
  readonly host: string
  readonly port: number
  readonly database: string
  readonly user?: string
  readonly password?: string
  /** Longest wait for one query, in milliseconds. */
  readonly timeoutMs: number
}

/**
 * Sent with every query. `join_use_nulls`: standard LEFT JOIN NULLs; `distributed_product_mode`:
 * an IN subquery over a Distributed table inside a query over another one runs once on the
 * initiator (the default denies it); `insert_distributed_sync`: an INSERT into a Distributed
 * table returns once every shard has the rows; `count_distinct_implementation`: exact
 * `count(DISTINCT)` even where a server defaults to an approximate one; `wait_end_of_query`:
 * an error after the first rows still gives an HTTP error status. All exist in 18.16.
 */
const SETTINGS: Readonly<Record<string, string>> = {
  join_use_nulls: '1',
  distributed_product_mode: 'global',
  insert_distributed_sync: '1',
  count_distinct_implementation: 'uniqExact',
  wait_end_of_query: '1',
}

// Codes of failures to reach another server (NETWORK_ERROR, SOCKET_TIMEOUT,
// ALL_CONNECTION_TRIES_FAILED, ALL_REPLICAS_ARE_STALE, CANNOT_READ_FROM_SOCKET…).
const NETWORK_CODES = new Set([23, 24, 32, 209, 210, 279, 369, 394])

export interface RequestOptions {
  /** Sent instead of the endpoint's database; null sends none (for CREATE DATABASE). */
  readonly database?: string | null
  /** Text sent after the SQL, e.g. the rows of an INSERT … FORMAT. */
  readonly data?: string
  readonly format?: string
}

export interface Answer {
  readonly body: string
  readonly writtenRows: number
}

export async function request(
  e: ClickHouseEndpoint,
  sql: string,
  options: RequestOptions = {},
): Promise<Answer> {
  const where = `${e.host}:${e.port}`
  const url = new URL(`http://${where}/`)
  for (const [k, v] of Object.entries(SETTINGS)) url.searchParams.set(k, v)
  const database = options.database === undefined ? e.database : options.database
  if (database !== null) url.searchParams.set('database', database)
  if (options.format !== undefined) url.searchParams.set('default_format', options.format)
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' }
  if (e.user !== undefined) {
    const auth = Buffer.from(`${e.user}:${e.password ?? ''}`).toString('base64')
    headers.authorization = `Basic ${auth}`
  }
  const body = options.data === undefined ? sql : `${sql}\n${options.data}`
  let res: Response
  let text: string
  try {
    res = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(e.timeoutMs),
    })
    text = await res.text()
  } catch (err) {
    const message = `ClickHouse at ${where} is unreachable: ${why(err, e)}`
    throw new EngineError('ENGINE_UNREACHABLE', message, { sql, cause: err })
  }
  if (!res.ok) throw serverError(where, sql, text)
  return { body: text, writtenRows: writtenRows(res.headers.get('x-clickhouse-summary')) }
}

function why(err: unknown, e: ClickHouseEndpoint): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return `no answer within ${e.timeoutMs / 1000} s`
  const cause =
    err instanceof Error ? (err.cause as { code?: string; message?: string }) : undefined
  const message = cause?.message ?? (err instanceof Error ? err.message : String(err))
  return cause?.code === undefined || message.includes(cause.code)
    ? message
    : `${message} (${cause.code})`
}

/** ClickHouse's message without the code prefix and the exception class and version suffixes. */
export function serverMessage(text: string): { code: number | undefined; message: string } {
  const code = /^Code: (\d+)/.exec(text.trim())?.[1]
  const message = text
    .trim()
    .replace(/^Code: \d+[.,]\s*(e\.displayText\(\) = )?/, '')
    .replace(/, e\.what\(\) = [\w:]+$/, '')
    .replace(/ \(version [^)]*\)$/, '')
    .replace(/\. \([A-Z_]+\)$/, '')
  return { code: code === undefined ? undefined : Number(code), message }
}

function serverError(where: string, sql: string, text: string): EngineError {
  const { code, message } = serverMessage(text)
  if (code === undefined || !NETWORK_CODES.has(code)) {
    return new EngineError('ENGINE_QUERY_FAILED', `ClickHouse: ${message}`, { sql })
  }
  // A distributed query names the shard it could not reach in each attempt's log line.
  const shard = /\(([\w.:[\]-]+:\d+)\)/.exec(message)?.[1]
  const lines = message.split('\n').map((l) => l.trim())
  const line = lines.find((l) => shard !== undefined && l.includes(shard)) ?? lines[0] ?? ''
  const reason = serverMessage(line)
    .message.replace(/^DB::\w+: /, '')
    .replace(` (${shard})`, '')
  const what = shard === undefined ? reason : `cannot reach the shard at ${shard}: ${reason}`
  return new EngineError('ENGINE_UNREACHABLE', `ClickHouse at ${where} ${what}`, { sql })
}

function writtenRows(summary: string | null): number {
  if (summary === null) return 0
  try {
    return Number((JSON.parse(summary) as { written_rows?: string }).written_rows ?? 0)
  } catch {
    return 0
  }
}
