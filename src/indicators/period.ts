/**
 * Dates of an analysis: the as-of date (only what happened before it counts) and the window
 * over which windowed indicators are measured (`365d`, `12m`, `52w`, `1y`, or `all`).
 */
import { ClienteleError } from '../schema/index.js'

export type Window =
  | { readonly kind: 'all' }
  | { readonly kind: 'span'; readonly amount: number; readonly unit: 'd' | 'w' | 'm' | 'y' }

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/

/** Checks an ISO date `yyyy-mm-dd` and returns it. */
export function isoDate(value: string, what = 'date'): string {
  const m = ISO.exec(value)
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined
  if (!m || !d || d.toISOString().slice(0, 10) !== value) {
    throw new ClienteleError('USAGE', `invalid ${what}: ${value} (expected a date like 2024-01-31)`)
  }
  return value
}

export function parseWindow(text: string): Window {
  if (text === 'all') return { kind: 'all' }
  const m = /^(\d+)\s*([dwmy])$/.exec(text.trim())
  if (!m || Number(m[1]) <= 0) {
    throw new ClienteleError(
      'USAGE',
      `invalid window: ${text} (expected all, or a span like 365d, 52w, 12m, 1y)`,
    )
  }
  return { kind: 'span', amount: Number(m[1]), unit: m[2] as 'd' | 'w' | 'm' | 'y' }
}

/** `iso` moved back by `n` of `unit`; months and years move by calendar, clamping the day. */
export function minus(iso: string, n: number, unit: 'd' | 'w' | 'm' | 'y'): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  if (unit === 'd' || unit === 'w') {
    const t = Date.UTC(y, m - 1, d) - n * (unit === 'w' ? 7 : 1) * 86_400_000
    return new Date(t).toISOString().slice(0, 10)
  }
  const months = unit === 'y' ? n * 12 : n
  const total = y * 12 + (m - 1) - months
  const ty = Math.floor(total / 12)
  const tm = total - ty * 12
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate()
  return new Date(Date.UTC(ty, tm, Math.min(d, last))).toISOString().slice(0, 10)
}

/** The first day of the window ending before `asOf`, or undefined for the whole history. */
export function windowStart(asOf: string, window: Window): string | undefined {
  return window.kind === 'all' ? undefined : minus(asOf, window.amount, window.unit)
}

export function addDays(iso: string, n: number): string {
  return minus(iso, -n, 'd')
}
