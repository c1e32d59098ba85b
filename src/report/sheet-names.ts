/**
 * Excel sheet names: at most 31 characters, none of `[ ] : * ? / \`, no apostrophe at either
 * end, not `History` (Excel reserves it), and unique without regard to case.
 */

/** Excel's longest sheet name, in UTF-16 code units as Excel counts them. */
export const SHEET_NAME_MAX = 31

const FORBIDDEN = /[[\]:*?/\\]/g

/** `name` cut to `max` UTF-16 units without splitting a surrogate pair. */
function cut(name: string, max: number): string {
  let out = ''
  for (const ch of name) {
    if (out.length + ch.length > max) break
    out += ch
  }
  return out
}

/**
 * A valid sheet name made from `name`, or `fallback` when nothing is left of it.
 * @example sanitiseSheetName('A/B: 优质?') // 'AB 优质'
 */
export function sanitiseSheetName(name: string, fallback = 'Sheet'): string {
  // Control characters break the workbook XML; apostrophes may not open or close a name.
  const cleaned = name
    .replace(FORBIDDEN, '')
    .replace(/\p{Cc}/gu, '')
    .trim()
    .replace(/^'+|'+$/g, '')
  const short = cut(cleaned, SHEET_NAME_MAX).trim()
  if (short === '' || short.toLowerCase() === 'history') return fallback
  return short
}

/** Hands out sanitised sheet names, adding ` (2)`, ` (3)` … to repeats. */
export class SheetNamer {
  private readonly taken = new Set<string>()

  /** A unique valid name for a sheet meant to be called `name`. */
  name(name: string, fallback?: string): string {
    const base = sanitiseSheetName(name, fallback)
    let candidate = base
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) {
      const suffix = ` (${n})`
      candidate = cut(base, SHEET_NAME_MAX - suffix.length) + suffix
    }
    this.taken.add(candidate.toLowerCase())
    return candidate
  }
}
