/**
 * One request to ClickHouse's HTTP interface, with its failures turned into `EngineError`s
 * a user can act on: the server that cannot be reached (`ENGINE_UNREACHABLE`, naming
 * host:port, or the shard a distributed query could not reach) or the query that failed
 * (`ENGINE_QUERY_FAILED`, keeping the SQL and ClickHouse's own message).
 */
import { createWriteStream } from 'node:fs'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { pipeline } from 'node:stream/promises'
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

function parts(e: ClickHouseEndpoint, sql: string, options: RequestOptions) {
  const url = new URL(`http://${e.host}:${e.port}/`)
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
  return { url, headers, body }
}

function post(e: ClickHouseEndpoint, sql: string, options: RequestOptions): Promise<Response> {
  const { url, headers, body } = parts(e, sql, options)
  return fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(e.timeoutMs) })
}

function unreachable(e: ClickHouseEndpoint, sql: string, err: unknown): EngineError {
  const message = `ClickHouse at ${e.host}:${e.port} is unreachable: ${why(err, e)}`
  return new EngineError('ENGINE_UNREACHABLE', message, { sql, cause: err })
}

export async function request(
  e: ClickHouseEndpoint,
  sql: string,
  options: RequestOptions = {},
): Promise<Answer> {
  let res: Response | undefined
  let text = ''
  for (let attempt = 1; res === undefined; attempt++) {
    try {
      res = await post(e, sql, options)
      text = await res.text()
    } catch (err) {
      // A kept-alive connection the server closed meanwhile (keep_alive_timeout, 3 s by
      // default) fails before the request is read: send it once more on a new one.
      if (attempt === 1 && stale(err)) continue
      throw unreachable(e, sql, err)
    }
  }
  if (!res.ok) throw serverError(`${e.host}:${e.port}`, sql, text)
  return { body: text, writtenRows: writtenRows(res.headers.get('x-clickhouse-summary')) }
}

/**
 * Sends `sql` and streams the answer into the file `path` after `prefix` (e.g. a BOM), so
 * a large result never sits in Node's memory. Resolves to the bytes written. Over node:http:
 * a fetch body piped to a file crawled at about 100 kB/s with the CPU busy (measured on a
 * 1 GB CSV), while node:http streams at disk speed.
 */
export async function requestToFile(
  e: ClickHouseEndpoint,
  sql: string,
  options: RequestOptions,
  path: string,
  prefix = '',
): Promise<number> {
  const { url, headers, body } = parts(e, sql, options)
  let res: IncomingMessage
  try {
    res = await new Promise<IncomingMessage>((ok, fail) => {
      const req = httpRequest(url, { method: 'POST', headers, timeout: e.timeoutMs }, ok)
      req.on('timeout', () =>
        req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })),
      )
      req.on('error', fail)
      req.end(body)
    })
  } catch (err) {
    throw unreachable(e, sql, err)
  }
  if (res.statusCode !== 200) {
    let text = ''
    for await (const chunk of res) text += String(chunk)
    throw serverError(`${e.host}:${e.port}`, sql, text)
  }
  const out = createWriteStream(path)
  out.write(prefix)
  try {
    await pipeline(res, out)
  } catch (err) {
    throw unreachable(e, sql, err)
  }
  return out.bytesWritten
}

function stale(err: unknown): boolean {
  const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined
  return cause?.code === 'UND_ERR_SOCKET'
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
