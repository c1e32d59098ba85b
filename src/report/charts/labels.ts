/**
 * Language, label and number-formatting helpers shared by the charts. Each chart keeps its own
 * small label table; this module only holds the types and the formatting every chart agrees on.
 * Formatting is hand-rolled rather than `Intl` so that snapshots do not depend on Node's ICU build.
 */

/** The report's languages. */
export type Lang = 'zh' | 'en'

/** A text in both report languages. */
export interface Bilingual {
  readonly zh: string
  readonly en: string
}

/** Options every chart takes: the language, and the size in CSS pixels. */
export interface ChartOptions {
  readonly lang: Lang
  readonly width?: number
  readonly height?: number
}

/** A tier as charts see it: its id (stable across snapshots) and its display name. */
export interface ChartTier {
  readonly id: string
  readonly name: Bilingual
}

/** A chart's label table: the same keys in both languages. */
export type LabelTable<K extends string> = Readonly<Record<Lang, Readonly<Record<K, string>>>>

export function pick(text: Bilingual, lang: Lang): string {
  return text[lang]
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s
}

function grouped(n: number, digits: number): string {
  const [int = '0', frac] = Math.abs(n).toFixed(digits).split('.')
  const withCommas = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const body = frac === undefined ? withCommas : trimZeros(`${withCommas}.${frac}`)
  return (n < 0 && body !== '0' ? '-' : '') + body
}

const COMPACT: Record<Lang, readonly (readonly [number, string])[]> = {
  zh: [
    [1e8, '亿'],
    [1e4, '万'],
  ],
  en: [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ],
}

/**
 * A number in a few characters: `12,345` → `1.23万` (zh) or `12.3k` (en); numbers under 100 keep
 * up to `digits` decimals, and fractions under 1 at least two (`0.32`).
 */
export function formatCompact(n: number, lang: Lang, digits = 1): string {
  if (!Number.isFinite(n)) return '–'
  for (const [scale, suffix] of COMPACT[lang]) {
    if (Math.abs(n) >= scale) {
      const scaled = n / scale
      const d = Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2
      return grouped(scaled, d) + suffix
    }
  }
  return grouped(n, Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 1 ? digits : Math.max(digits, 2))
}

/** An integer count with thousands separators: `12345` → `12,345`. */
export function formatCount(n: number): string {
  return grouped(Math.round(n), 0)
}

/** A share in [0, 1] as a percentage: `0.1234` → `12%` (or `12.3%` with `digits` 1). */
export function formatPercent(share: number, digits = 0): string {
  if (!Number.isFinite(share)) return '–'
  return `${grouped(share * 100, digits)}%`
}
