/**
 * The HTTP API under load: `clientele serve` in a child process over a store of about 10^6
 * analysed customers, hit by autocannon (10 connections, 10 s each) on pages of the customer
 * list, sorted and searched, beside `GET /api/health` in the same run — the same server and
 * socket with no store work — as the reference. The store is built once under bench/data.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { analyze, importData, withStore } from '../src/app/index.js'
import { generateDataset } from '../src/ingest/index.js'
import { addUser, createToken } from '../src/server/index.js'
import { DATA, ROOT, fmt, time } from './lib.js'

export const API_CUSTOMERS = 1_000_000
const USER = 'bench'

/** A store of `customers` analysed customers with about 2.7 orders each, made once. */
async function apiStore(customers: number): Promise<string> {
  const dir = join(DATA, `api-${customers}`)
  const store = join(dir, 'store.duckdb')
  if (existsSync(join(dir, 'ready'))) return store
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const data = join(dir, 'data')
  // six months keep it quick: 2.7 orders per customer instead of the default 7.7 over three years
  const g = await time(() =>
    generateDataset({ customers, seed: 7, outDir: data, lang: 'en', start: '2025-07-01' }),
  )
  const files = ['orders', 'customers'].map((t) => join(data, `${t}.csv`))
  const i = await time(() => importData({ store, files }))
  if (!i.value.ok) throw new Error(JSON.stringify(i.value.issues))
  const a = await time(() => analyze({ store, policy: 'rfm-cn8', formats: [] }))
  await withStore(store, (e) => addUser(e, USER, 'analyst', 'bench password'))
  rmSync(data, { recursive: true, force: true })
  writeFileSync(join(dir, 'ready'), '')
  console.log(
    `  (built the API store: generated ${fmt(g.value.orders, 0)} orders in ${fmt(g.seconds)} s, imported in ${fmt(i.seconds)} s, analysed ${fmt(a.value.customers, 0)} customers in ${fmt(a.seconds)} s)`,
  )
  return store
}

/** `clientele serve` on a free loopback port; resolves with its URL once it listens. */
function serve(store: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'clientele.js'), 'serve', '--store', store, '--port', '0'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  return new Promise((resolve, reject) => {
    let err = ''
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString()
      const m = /Clientele API at (http:\/\/\S+)\/api/.exec(err)
      if (m) resolve({ url: m[1]!, child })
    })
    child.once('exit', (code) => reject(new Error(`clientele serve exited ${code}: ${err}`)))
  })
}

interface Load {
  readonly name: string
  readonly path: string
  /** Latencies in ms, kept to the microsecond: health answers in well under 1 ms. */
  readonly p50: number
  readonly p99: number
  readonly rps: number
  readonly requests: number
}

const ratio = (x: number) => (x >= 0.1 ? fmt(x, x >= 10 ? 0 : 2) : x.toExponential(1))
const quantile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!

async function load(url: string, name: string, path: string, token: string): Promise<Load> {
  const headers = { authorization: `Bearer ${token}` }
  // one request first: it waits out any work left queued by the run before and warms up
  const warm = await fetch(`${url}${path}`, { headers })
  if (warm.status !== 200) throw new Error(`${path}: ${warm.status} ${await warm.text()}`)
  const times: number[] = []
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      { url: `${url}${path}`, connections: 10, duration: 10, timeout: 60, headers },
      (e, result) => (e ? reject(e) : resolve(result)),
    )
    // autocannon's own histogram keeps whole milliseconds; its response events do not
    run.on('response', (_c, status, _b, ms) => {
      if (status === 200) times.push(ms)
    })
  })
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`${path}: ${r.non2xx} non-2xx answers, ${r.errors} errors`)
  const sorted = Float64Array.from(times).sort()
  return {
    name,
    path,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    rps: times.length / r.duration,
    requests: times.length,
  }
}

/** Latency and throughput of the customer list beside health; returns the results to save. */
export async function benchApi(): Promise<unknown[]> {
  const store = await apiStore(API_CUSTOMERS)
  const token = await withStore(store, (e) => createToken(e, USER))
  const { url, child } = await serve(store)
  try {
    const pages = [
      ['health (reference)', '/api/health'],
      ['customers page 1', '/api/customers?page=1&pageSize=50'],
      ['customers page 10,000', '/api/customers?page=10000&pageSize=50'],
      ['sorted by recency', '/api/customers?sort=recency_days&order=asc&page=200&pageSize=50'],
      ['searched', '/api/customers?q=C00123&page=1&pageSize=50'],
    ] as const
    const out: Load[] = []
    for (const [name, path] of pages) out.push(await load(url, name, path, token))
    const ref = out[0]!
    const results = out.map((r) => ({
      ...r,
      customers: API_CUSTOMERS,
      p50Ratio: r.p50 / ref.p50,
      p99Ratio: r.p99 / ref.p99,
      rpsRatio: r.rps / ref.rps,
    }))
    for (const r of results)
      console.log(
        `api ${r.name.padEnd(22)} p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms, ${fmt(r.rps, r.rps < 10 ? 2 : 0)} req/s | vs health: p50 ${ratio(r.p50Ratio)}×, p99 ${ratio(r.p99Ratio)}×, req/s ${ratio(r.rpsRatio)}×`,
      )
    return results
  } finally {
    child.kill('SIGTERM')
  }
}
