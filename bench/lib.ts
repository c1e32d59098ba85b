/**
 * Shared pieces of the benchmarks: generated data sets cached under bench/data, timing,
 * peak memory of child processes, and the results file. Every figure is reported beside a
 * reference measured in the same run on the same machine, as a ratio.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateDataset } from '../src/ingest/index.js'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const DATA = join(ROOT, 'bench', 'data')

/** Orders per customer of the generator's defaults over three years (measured: 1,019,465 / 133,000). */
const ORDERS_PER_CUSTOMER = 7.67

/** A generated data set with about `orders` order rows (orders.csv, customers.csv …), made once. */
export async function dataset(
  orders: number,
): Promise<{ dir: string; orders: string; customers: number }> {
  const customers = Math.max(100, Math.round(orders / ORDERS_PER_CUSTOMER))
  const dir = join(DATA, `orders-${orders}`)
  if (!existsSync(join(dir, 'orders.csv'))) {
    mkdirSync(dir, { recursive: true })
    const t = performance.now()
    await generateDataset({ customers, seed: 7, outDir: dir, lang: 'en' })
    console.log(
      `  (generated ${orders.toLocaleString('en-US')} orders in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    )
  }
  return { dir, orders: join(dir, 'orders.csv'), customers }
}

export async function time<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const t = performance.now()
  const value = await work()
  return { seconds: (performance.now() - t) / 1000, value }
}

/** Runs a TypeScript script in a child Node process; its last stdout line is JSON, plus its peak RSS. */
export function child(
  script: string,
  args: readonly string[],
): { result: Record<string, unknown>; peakMb: number; seconds: number } {
  const t = performance.now()
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  })
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`)
  const lines = r.stdout.trim().split('\n')
  const result = JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>
  return { result, peakMb: Number(result.peakMb), seconds: (performance.now() - t) / 1000 }
}

export const fmt = (n: number, digits = 2) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits })

export function saveResults(name: string, results: unknown): string {
  const dir = join(ROOT, 'bench', 'results')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${name}.json`)
  writeFileSync(
    path,
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`,
  )
  return path
}
