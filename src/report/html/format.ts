/**
 * Building HTML safely: the `html` template escapes every interpolated value unless it is
 * already `Html` (a fragment built the same way, or a chart's SVG marked with `raw`), so a
 * customer name can never become markup. Also the number formats the page shares.
 */
import { formatCompact, formatCount, formatPercent } from '../charts/labels.js'
import type { Bilingual, Lang } from './types.js'

export { formatCompact, formatCount, formatPercent }

/** A fragment of markup that is already safe to insert. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

/** Trusted markup, inserted as is: only for SVG the charts rendered. */
export function raw(markup: string): Html {
  return new Html(markup)
}

type Part = Html | string | number | null | undefined | false | readonly Part[]

function partText(v: Part): string {
  if (v === null || v === undefined || v === false) return ''
  if (v instanceof Html) return v.text
  if (Array.isArray(v)) return v.map(partText).join('')
  return escapeHtml(String(v))
}

/**
 * Prettier lays out `html` templates over several indented lines. Line breaks in the template's
 * own text are dropped next to a tag and read as one space elsewhere, as a browser would read
 * them, so the page is compact and `<code>` (white-space: pre-wrap) gets no stray lines.
 */
function compact(literal: string): string {
  return literal
    .replace(/>\s*\n\s*</g, '><')
    .replace(/>\s*\n\s*$/, '>')
    .replace(/^\s*\n\s*</, '<')
    .replace(/\s*\n\s*/g, ' ')
}

/** A template whose interpolations are escaped; arrays are joined, `null`/`undefined`/`false` dropped. */
export function html(strings: TemplateStringsArray, ...values: readonly Part[]): Html {
  let out = compact(strings[0] ?? '')
  values.forEach((v, i) => {
    out += partText(v) + compact(strings[i + 1] ?? '')
  })
  return new Html(out)
}

export function pick(text: Bilingual, lang: Lang): string {
  return text[lang]
}

function grouped(n: number, digits: number): string {
  const [int = '0', frac] = Math.abs(n).toFixed(digits).split('.')
  const body = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac === undefined ? '' : `.${frac}`)
  return (n < 0 && Number(body.replaceAll(',', '')) !== 0 ? '-' : '') + body
}

/** An amount with its currency sign: `¥12,345`, `¥86.50`; `–` when not a number. */
export function formatMoney(n: number, currency: string): string {
  if (!Number.isFinite(n)) return '–'
  const body = grouped(Math.abs(n), Math.abs(n) >= 100 ? 0 : 2)
  return `${n < 0 ? '-' : ''}${currency}${body}`
}

/** An amount in a few characters for headline figures: `¥1.23万`, `$12.3k`. */
export function formatMoneyCompact(n: number, currency: string, lang: Lang): string {
  if (!Number.isFinite(n)) return '–'
  return `${n < 0 ? '-' : ''}${currency}${formatCompact(Math.abs(n), lang)}`
}

/** A model parameter: four significant digits, plain or in exponent form for extremes. */
export function formatParam(n: number): string {
  if (!Number.isFinite(n)) return '–'
  const a = Math.abs(n)
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return n.toExponential(3)
  return String(Number(n.toPrecision(4)))
}

/** A share with one fixed decimal, for columns of figures: `0.15` → `15.0%`. */
export function formatShare(share: number): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : '–'
}

/** A share range such as `10–20%`. */
export function formatRange(range: readonly [number, number]): string {
  return `${Math.round(range[0] * 100)}–${Math.round(range[1] * 100)}%`
}
