// A ClickHouse cluster on loopback for one test file: `scripts/clickhouse-cluster.mjs run`
// as a child process, which stops its servers and removes their directories when its stdin
// closes, so they go away with this process even when afterAll never runs.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ClickHouseEngine, type Engine } from '../../src/engine/index.js'
import { TABLE_KINDS, TABLES, type FieldType } from '../../src/schema/index.js'
import { ROOT } from './cli.js'

const SCRIPT = resolve(ROOT, 'scripts', 'clickhouse-cluster.mjs')
const START_MS = 45_000
const STOP_MS = 20_000
const NOT_INSTALLED = 3

export interface Shard {
  readonly http: number
  readonly tcp: number
  readonly pid: number
}

export interface ClickHouseCluster {
  readonly dir: string
  /** The cluster's name in `remote_servers`. */
  readonly cluster: string
  readonly shards: readonly Shard[]
  /** The store URL of `database` on shard `shard` (0-based). */
  url(database: string, shard?: number): string
  /** An engine on `database` for each shard. */
  engines(database: string): Promise<ClickHouseEngine[]>
  readonly child: ChildProcess
}

function notInstalled(stderr: string): Error {
  const why = /no .* binary found/.exec(stderr)?.[0] ?? stderr.trim()
  return new Error(
    process.env.CI === 'true'
      ? `ClickHouse not installed (CI=true, so this fails): install Debian's clickhouse-server and clickhouse-client packages, as .ci/run does (${why})`
      : `ClickHouse not installed: a failed precondition of these tests, which need a real server (apt-get install clickhouse-server clickhouse-client; ${why})`,
  )
}

export interface ClusterOptions {
  /** Servers, one shard each; default 2. */
  readonly shards?: number
  /** The server binary, instead of the one the script finds. */
  readonly server?: string
}

/** Starts a cluster and resolves once each server answers. */
export function startCluster(options: ClusterOptions = {}): Promise<ClickHouseCluster> {
  const env = { ...process.env }
  if (options.server !== undefined) env.CLICKHOUSE_SERVER = options.server
  const child = spawn(process.execPath, [SCRIPT, 'run', '--shards', String(options.shards ?? 2)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env,
  })
  let out = ''
  let err = ''
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM')
      fail(new Error(`ClickHouse cluster did not start within ${START_MS / 1000} s: ${err}`))
    }, START_MS)
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()))
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString()
      const line = out.split('\n')[0]
      if (!out.includes('\n') || line === undefined) return
      clearTimeout(timer)
      const started = JSON.parse(line) as Omit<ClickHouseCluster, 'url' | 'engines' | 'child'>
      const url = (database: string, shard = 0) =>
        `clickhouse://127.0.0.1:${started.shards[shard]!.http}/${database}`
      ok({
        ...started,
        child,
        url,
        engines: (database) =>
          Promise.all(started.shards.map((_, i) => ClickHouseEngine.open(url(database, i)))),
      })
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      fail(
        code === NOT_INSTALLED
          ? notInstalled(err)
          : new Error(`ClickHouse cluster failed (${code}): ${err}`),
      )
    })
  })
}

/** Stops the cluster's servers and removes their files; safe to call with undefined. */
export async function stopCluster(cluster: ClickHouseCluster | undefined): Promise<void> {
  if (cluster === undefined) return
  const { child } = cluster
  if (child.exitCode === null) {
    const exited = new Promise<void>((ok) => child.once('exit', () => ok()))
    child.stdin!.end()
    const timeout = new Promise<'timeout'>((ok) => setTimeout(() => ok('timeout'), STOP_MS).unref())
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      for (const s of cluster.shards) {
        try {
          process.kill(s.pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }
      child.kill('SIGKILL')
    }
  }
  rmSync(cluster.dir, { recursive: true, force: true })
}

/** Copies every canonical table of a DuckDB store into the cluster's Distributed tables. */
export async function copyStore(from: Engine, to: ClickHouseEngine): Promise<void> {
  for (const kind of TABLE_KINDS) {
    const numeric = (type: FieldType) => type === 'number' || type === 'integer'
    const columns = [
      ...TABLES[kind].map((f) => [f.name, numeric(f.type) ? 'DOUBLE' : 'VARCHAR'] as const),
      ...(['attributes', 'row_key', 'row_hash'] as const).map((c) => [c, 'VARCHAR'] as const),
      ...(['import_id', 'source_line'] as const).map((c) => [c, 'DOUBLE'] as const),
    ]
    // Columns in the order of the ClickHouse tables; dates and 128-bit keys as text.
    const data = await from.columns(
      `SELECT ${columns.map(([c, t]) => `CAST(${c} AS ${t}) AS ${c}`).join(', ')} FROM ${kind}`,
    )
    await to.insertColumns(
      kind,
      columns.map(([c]) => data[c] as Float64Array | (string | null)[]),
    )
  }
}

/** Kills shard `i`'s server at once (SIGKILL), as a crash would. */
export function killShard(cluster: ClickHouseCluster, i: number): string[] {
  const pid = cluster.shards[i]!.pid
  const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
  process.kill(pid, 'SIGKILL')
  return command
}

/**
 * Starts shard `i`'s server again with the command `killShard` returned, waits until it
 * answers, and records its new pid in the cluster file so the cluster stops it at the end.
 */
export async function restartShard(
  cluster: ClickHouseCluster,
  i: number,
  command: readonly string[],
): Promise<void> {
  const old = cluster.shards[i]!.pid
  for (let t = 0; t < 100 && existsSync(`/proc/${old}`); t++) await sleep(50)
  const [bin, ...args] = command
  const child = spawn(bin!, args, {
    cwd: join(cluster.dir, `shard${i + 1}`),
    detached: true,
    stdio: 'ignore',
  })
  child.unref()
  const shards = cluster.shards.map((s, k) => (k === i ? { ...s, pid: child.pid! } : s))
  ;(cluster as { shards: readonly Shard[] }).shards = shards
  const file = join(cluster.dir, 'cluster.json')
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), shards }))
  const until = Date.now() + START_MS
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${shards[i]!.http}/?query=SELECT%201`)
      if (r.ok) return
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`ClickHouse shard ${i + 1} did not restart`)
    await sleep(100)
  }
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms))
