/**
 * RFM: recency, frequency and monetary scores 1–k (quantile or custom bins, see
 * `quantileScores` for the tie rule), the Chinese eight classes (RFM 八大类) and the common
 * named segments. Recency is "days since the last purchase", so lower recency scores higher.
 */
import {
  assertFinite,
  assertLength,
  invalidInput,
  mean,
  median,
  quantileScores,
  type ModelWarning,
  type QuantileScoring,
} from './quantiles.js'

/** One row per customer: days since last purchase, purchase count, monetary value. */
export interface RfmInput {
  readonly recency: Float64Array
  readonly frequency: Float64Array
  readonly monetary: Float64Array
}

/** Options of {@link rfmScores}. */
export interface RfmOptions {
  /** Scores per indicator, 2–10 (default 5). */
  readonly bins?: number
  /** Custom ascending cut points per indicator (see `QuantileScoring.cuts`). */
  readonly cuts?: {
    readonly recency?: readonly number[]
    readonly frequency?: readonly number[]
    readonly monetary?: readonly number[]
  }
}

/** R, F, M scores per customer plus the combined FM score and how each was binned. */
export interface RfmScores {
  readonly r: Uint8Array
  readonly f: Uint8Array
  readonly m: Uint8Array
  /** round((F + M) / 2), halves rounded up; the column of the named-segment grid. */
  readonly fm: Uint8Array
  readonly recency: QuantileScoring
  readonly frequency: QuantileScoring
  readonly monetary: QuantileScoring
  readonly warnings: readonly ModelWarning[]
}

function checkInput(input: RfmInput): number {
  const n = input.recency.length
  assertLength('frequency', input.frequency, n)
  assertLength('monetary', input.monetary, n)
  return n
}

/**
 * RFM scores 1–k (5 best) per customer, from mid-rank quantiles or custom cut points.
 * @example rfmScores({ recency, frequency, monetary }).r // Uint8Array of 1–5, 5 = most recent
 */
export function rfmScores(input: RfmInput, options: RfmOptions = {}): RfmScores {
  checkInput(input)
  const score = (name: 'recency' | 'frequency' | 'monetary', direction: 'higher' | 'lower') =>
    quantileScores(input[name], { name, direction, bins: options.bins, cuts: options.cuts?.[name] })
  const recency = score('recency', 'lower')
  const frequency = score('frequency', 'higher')
  const monetary = score('monetary', 'higher')
  const fm = new Uint8Array(recency.scores.length)
  for (let i = 0; i < fm.length; i++) {
    fm[i] = ((frequency.scores[i] as number) + (monetary.scores[i] as number) + 1) >> 1
  }
  return {
    r: recency.scores,
    f: frequency.scores,
    m: monetary.scores,
    fm,
    recency,
    frequency,
    monetary,
    warnings: [...recency.warnings, ...frequency.warnings, ...monetary.warnings],
  }
}

type Level = 'high' | 'low'

/** The eight classes (RFM 八大类), indexed by `rfmEightClasses(...).classes`. */
export const RFM_CN8_CLASSES = [
  {
    id: 'important_value',
    zh: '重要价值客户',
    en: 'Important value',
    r: 'high',
    f: 'high',
    m: 'high',
  },
  {
    id: 'important_develop',
    zh: '重要发展客户',
    en: 'Important to develop',
    r: 'high',
    f: 'low',
    m: 'high',
  },
  {
    id: 'important_keep',
    zh: '重要保持客户',
    en: 'Important to keep',
    r: 'low',
    f: 'high',
    m: 'high',
  },
  {
    id: 'important_retain',
    zh: '重要挽留客户',
    en: 'Important to win back',
    r: 'low',
    f: 'low',
    m: 'high',
  },
  { id: 'general_value', zh: '一般价值客户', en: 'General value', r: 'high', f: 'high', m: 'low' },
  {
    id: 'general_develop',
    zh: '一般发展客户',
    en: 'General to develop',
    r: 'high',
    f: 'low',
    m: 'low',
  },
  { id: 'general_keep', zh: '一般保持客户', en: 'General to keep', r: 'low', f: 'high', m: 'low' },
  {
    id: 'general_retain',
    zh: '一般挽留客户',
    en: 'General to win back',
    r: 'low',
    f: 'low',
    m: 'low',
  },
] as const satisfies readonly { id: string; zh: string; en: string; r: Level; f: Level; m: Level }[]

/** Stable id of an eight-class RFM class. */
export type RfmCn8ClassId = (typeof RFM_CN8_CLASSES)[number]['id']

/** Options of {@link rfmEightClasses}. */
export interface RfmEightClassOptions {
  /** Split each indicator at its mean (default) or median. */
  readonly center?: 'mean' | 'median'
  /** `'lower'` (default) when `recency` is days since the last purchase; `'higher'` for R scores. */
  readonly recencyDirection?: 'higher' | 'lower'
}

/** Eight-class result: class index per customer, the split points used and class sizes. */
export interface RfmEightClassResult {
  /** Index into `RFM_CN8_CLASSES` per customer. */
  readonly classes: Uint8Array
  readonly center: 'mean' | 'median'
  readonly thresholds: {
    readonly recency: number
    readonly frequency: number
    readonly monetary: number
  }
  /** Customers per class, in `RFM_CN8_CLASSES` order. */
  readonly counts: readonly number[]
}

/**
 * The Chinese eight RFM classes: an indicator is "high" when strictly better than its mean
 * (or median), so a value equal to the split point counts as low; R high means recent.
 * @example RFM_CN8_CLASSES[rfmEightClasses(input).classes[0]!]!.zh // '重要价值客户'
 */
export function rfmEightClasses(
  input: RfmInput,
  options: RfmEightClassOptions = {},
): RfmEightClassResult {
  const n = checkInput(input)
  if (n === 0) invalidInput('recency is empty')
  assertFinite('recency', input.recency)
  assertFinite('frequency', input.frequency)
  assertFinite('monetary', input.monetary)
  const center = options.center ?? 'mean'
  const split = center === 'mean' ? mean : median
  const thresholds = {
    recency: split(input.recency),
    frequency: split(input.frequency),
    monetary: split(input.monetary),
  }
  const recentIsLow = (options.recencyDirection ?? 'lower') === 'lower'
  const classes = new Uint8Array(n)
  const counts = new Array<number>(8).fill(0)
  for (let i = 0; i < n; i++) {
    const rv = input.recency[i] as number
    const rHigh = recentIsLow ? rv < thresholds.recency : rv > thresholds.recency
    const fHigh = (input.frequency[i] as number) > thresholds.frequency
    const mHigh = (input.monetary[i] as number) > thresholds.monetary
    const c = (mHigh ? 0 : 4) + (rHigh ? 0 : 2) + (fHigh ? 0 : 1)
    classes[i] = c
    counts[c] = (counts[c] as number) + 1
  }
  return { classes, center, thresholds, counts }
}

/** The named RFM segments, indexed by `rfmSegments(...).segments`. */
export const RFM_SEGMENTS = [
  { id: 'champions', zh: '冠军客户', en: 'Champions' },
  { id: 'loyal', zh: '忠诚客户', en: 'Loyal' },
  { id: 'potential_loyalist', zh: '潜在忠诚客户', en: 'Potential loyalist' },
  { id: 'new', zh: '新客户', en: 'New' },
  { id: 'promising', zh: '有潜力客户', en: 'Promising' },
  { id: 'need_attention', zh: '需要关注客户', en: 'Need attention' },
  { id: 'about_to_sleep', zh: '即将沉睡客户', en: 'About to sleep' },
  { id: 'at_risk', zh: '有流失风险客户', en: 'At risk' },
  { id: 'cannot_lose', zh: '不能失去的客户', en: 'Cannot lose them' },
  { id: 'hibernating', zh: '沉睡客户', en: 'Hibernating' },
  { id: 'lost', zh: '流失客户', en: 'Lost' },
] as const

/** Stable id of a named RFM segment. */
export type RfmSegmentId = (typeof RFM_SEGMENTS)[number]['id']

/** A 5 × 5 grid of segment ids: `grid[R - 1][FM - 1]`. */
export type RfmSegmentGrid = readonly (readonly RfmSegmentId[])[]

/**
 * The default R × FM grid, rows R = 1…5, columns FM = 1…5: the widely used R × F segment map
 * (hibernating R1–2/F1–2, at risk R1–2/F3–4, cannot lose R1–2/F5, about to sleep R3/F1–2, need
 * attention R3/F3, loyal R3–4/F4–5, promising R4/F1, new R5/F1, potential loyalist R4–5/F2–3,
 * champions R5/F4–5) read with FM in place of F, and Lost carved out as the bottom cell R1/FM1.
 */
export const RFM_SEGMENT_GRID: RfmSegmentGrid = [
  ['lost', 'hibernating', 'at_risk', 'at_risk', 'cannot_lose'],
  ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cannot_lose'],
  ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
  ['promising', 'potential_loyalist', 'potential_loyalist', 'loyal', 'loyal'],
  ['new', 'potential_loyalist', 'potential_loyalist', 'champions', 'champions'],
]

/** Segment index per customer and segment sizes. */
export interface RfmSegmentResult {
  /** Index into `RFM_SEGMENTS` per customer. */
  readonly segments: Uint8Array
  /** Customers per segment, in `RFM_SEGMENTS` order. */
  readonly counts: readonly number[]
}

/**
 * Named RFM segments from 1–5 R and FM scores (FM = round((F + M) / 2), see `rfmScores`)
 * looked up in `RFM_SEGMENT_GRID` or a custom 5 × 5 grid.
 * @example RFM_SEGMENTS[rfmSegments(s.r, s.fm).segments[0]!]!.id // 'champions' when R = 5, FM = 5
 */
export function rfmSegments(
  r: Uint8Array,
  fm: Uint8Array,
  grid: RfmSegmentGrid = RFM_SEGMENT_GRID,
): RfmSegmentResult {
  assertLength('fm', fm, r.length)
  const lookup = gridIndex(grid)
  const segments = new Uint8Array(r.length)
  const counts = new Array<number>(RFM_SEGMENTS.length).fill(0)
  for (let i = 0; i < r.length; i++) {
    const rs = r[i] as number
    const fs = fm[i] as number
    if (rs < 1 || rs > 5) invalidInput(`r[${i}] must be a score from 1 to 5: got ${rs}`)
    if (fs < 1 || fs > 5) invalidInput(`fm[${i}] must be a score from 1 to 5: got ${fs}`)
    const s = lookup[(rs - 1) * 5 + fs - 1] as number
    segments[i] = s
    counts[s] = (counts[s] as number) + 1
  }
  return { segments, counts }
}

function gridIndex(grid: RfmSegmentGrid): Uint8Array {
  const ids: readonly string[] = RFM_SEGMENTS.map((s) => s.id)
  const out = new Uint8Array(25)
  if (grid.length !== 5) invalidInput(`RFM segment grid has ${grid.length} rows, expected 5`)
  grid.forEach((row, r) => {
    if (row.length !== 5)
      invalidInput(`RFM segment grid row ${r + 1} has ${row.length} cells, expected 5`)
    row.forEach((id, c) => {
      const at = ids.indexOf(id)
      if (at < 0)
        invalidInput(`RFM segment grid cell [${r + 1}][${c + 1}] is not a segment id: ${id}`)
      out[r * 5 + c] = at
    })
  })
  return out
}
