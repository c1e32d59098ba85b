/**
 * Header matching: which source column feeds which canonical field, in Chinese or English,
 * case-, width- and punctuation-insensitive, and which table a file holds when not told.
 */
import { TABLE_KINDS, TABLES, type TableKind } from '../schema/index.js'

/** `" Customer_ID (客户) "` → `"customerid"`: NFKC, lower case, no units in brackets, no separators. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[\s_\-.:/\\#*]+/g, '')
}

interface Candidate {
  readonly field: string
  readonly rank: number
}

const SYNONYMS: Record<TableKind, Map<string, Candidate>> = Object.fromEntries(
  TABLE_KINDS.map((kind) => {
    const map = new Map<string, Candidate>()
    for (const f of TABLES[kind]) {
      f.synonyms.forEach((s, rank) => {
        const key = normaliseHeader(s)
        const seen = map.get(key)
        if (seen === undefined || seen.rank > rank) map.set(key, { field: f.name, rank })
      })
      const own = normaliseHeader(f.name)
      map.set(own, { field: f.name, rank: -1 })
    }
    return [kind, map]
  }),
) as Record<TableKind, Map<string, Candidate>>

export interface HeaderMatch {
  readonly kind: TableKind
  /** Canonical field → index of the source column. */
  readonly fields: ReadonlyMap<string, number>
  /** Indices of source columns kept as attributes. */
  readonly attributes: readonly number[]
  /** Required fields with no column. */
  readonly missing: readonly string[]
}

/** Matches `headers` to the fields of `kind`; `explicit` maps a field to a column index first. */
export function matchHeaders(
  kind: TableKind,
  headers: readonly string[],
  explicit: ReadonlyMap<string, number> = new Map(),
): HeaderMatch {
  const fields = new Map<string, number>(explicit)
  const taken = new Set(explicit.values())
  const best = new Map<string, number>()
  headers.forEach((h, i) => {
    if (taken.has(i)) return
    const c = SYNONYMS[kind].get(normaliseHeader(h))
    if (c === undefined || fields.has(c.field)) return
    const prev = best.get(c.field)
    const prevRank =
      prev === undefined ? Infinity : SYNONYMS[kind].get(normaliseHeader(headers[prev]!))!.rank
    if (c.rank < prevRank) best.set(c.field, i)
  })
  for (const [field, i] of best) {
    fields.set(field, i)
    taken.add(i)
  }
  const attributes = headers.map((_, i) => i).filter((i) => !taken.has(i))
  const missing = TABLES[kind].filter((f) => f.required && !fields.has(f.name)).map((f) => f.name)
  return { kind, fields, attributes, missing }
}

const FILE_HINTS: Record<TableKind, RegExp> = {
  customers: /customer|client|member|account|客户|会员/i,
  transactions: /order|transaction|sales|invoice|purchase|订单|交易|销售|流水/i,
  interactions: /interaction|contact|activit|visit|call|接触|跟进|拜访|沟通/i,
  feedback: /feedback|satisfaction|nps|review|complain|反馈|满意|评价|投诉/i,
  surveys: /survey|kano|questionnaire|问卷|调查|调研/i,
  campaigns: /campaign|marketing|promotion|活动|营销/i,
}

/**
 * The table a file most likely holds: among kinds whose required fields all match, the one
 * matching most columns; the file name breaks ties. Undefined when no kind fits.
 */
export function detectKind(headers: readonly string[], fileName = ''): HeaderMatch | undefined {
  const scored = TABLE_KINDS.map((kind) => {
    const m = matchHeaders(kind, headers)
    const hint = FILE_HINTS[kind].test(fileName) ? 0.5 : 0
    const required = TABLES[kind].filter((f) => f.required).length
    return { m, score: m.fields.size + hint + required * 0.01 }
  }).filter((s) => s.m.missing.length === 0)
  scored.sort((a, b) => b.score - a.score)
  return scored[0]?.m
}

/**
 * Headers that appear more than once ignoring case, width and spaces, with their positions,
 * named as first written. Units in brackets still count: `Amount (USD)` ≠ `Amount (CNY)`.
 * Empty headers are not repeats: spreadsheets export trailing empty columns as `a,b,,`.
 */
export function duplicateHeaders(
  headers: readonly string[],
): { name: string; columns: number[] }[] {
  const seen = new Map<string, { name: string; columns: number[] }>()
  headers.forEach((h, i) => {
    const key = h.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
    if (key === '') return
    const dup = seen.get(key)
    if (dup) dup.columns.push(i)
    else seen.set(key, { name: h.trim(), columns: [i] })
  })
  return [...seen.values()].filter((d) => d.columns.length > 1)
}
