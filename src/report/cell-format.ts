/** Number formats, column widths and cell values for the Excel sheets. */
import type { ColumnUnit, Language } from './types.js'

/** Excel number format per unit; `text` and `flag` cells keep the General format. */
export const NUM_FMT = {
  currency: '#,##0.00',
  ratio: '0.0%',
  probability: '0.0%',
  count: '#,##0',
  days: '#,##0',
  score: '0.00',
  date: 'yyyy-mm-dd',
  flag: undefined,
  text: undefined,
} as const satisfies Readonly<Record<ColumnUnit, string | undefined>>

/** Excel's longest cell text; a longer string makes Excel "repair" the workbook. */
const CELL_TEXT_MAX = 32_767

const MIN_WIDTH = 8
const MAX_WIDTH = 60

/** What a SQL type holds, as far as a spreadsheet cares. */
export function kindOfType(sqlType: string): 'integer' | 'number' | 'date' | 'flag' | 'text' {
  const t = sqlType.toUpperCase()
  if (t === 'DATE' || t.startsWith('TIMESTAMP')) return 'date'
  if (t === 'BOOLEAN') return 'flag'
  if (/^U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?$/.test(t)) return 'integer'
  if (/^(DOUBLE|FLOAT|REAL|DECIMAL)/.test(t)) return 'number'
  return 'text'
}

/** The unit of a column no `ColumnSpec` describes, from its SQL type. */
export function unitOfType(sqlType: string): ColumnUnit {
  const kind = kindOfType(sqlType)
  return kind === 'integer' ? 'count' : kind === 'number' ? 'score' : kind
}

/** Columns a string takes on screen: East Asian wide characters count double. */
export function displayWidth(text: string): number {
  let width = 0
  for (const ch of text) width += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1
  return width
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
}

/**
 * A column width in Excel character units: the wider of the header and the widest value
 * (`dataWidth`, already in display columns), with room for the filter button.
 */
export function columnWidth(header: string, dataWidth: number): number {
  const width = Math.max(displayWidth(header) + 3, dataWidth + 2)
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width))
}

/**
 * Display width of a formatted number, minus sign included, whose largest magnitude has
 * `digits` integer digits.
 */
export function numberWidth(unit: ColumnUnit, digits: number): number {
  const grouped = digits + Math.floor((Math.max(digits, 1) - 1) / 3)
  switch (unit) {
    case 'currency':
      return grouped + 4
    case 'ratio':
    case 'probability':
      return 7
    case 'date':
      return 10
    case 'score':
      return digits + 4
    default:
      return grouped + 1
  }
}

const YES_NO: Readonly<Record<Language, readonly [string, string]>> = {
  zh: ['是', '否'],
  en: ['Yes', 'No'],
}

/** A value from the engine as an Excel cell value. */
export function cellValue(value: unknown, lang: Language): string | number | Date | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'boolean') return yesNo(value, lang)
  if (value instanceof Date) return value
  const text =
    typeof value === 'string'
      ? value
      : JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))
  return text.length > CELL_TEXT_MAX ? text.slice(0, CELL_TEXT_MAX - 1) + '…' : text
}

/** `yes`/`no` in the output language. */
export function yesNo(value: boolean, lang: Language): string {
  return YES_NO[lang][value ? 0 : 1]
}
