/**
 * KANO analysis (需求分析, Kano et al. 1984): each answer pair (functional, dysfunctional) is
 * classified with the standard 5 × 5 evaluation table; each feature takes the most frequent
 * category, with Better/Worse coefficients, overall and per segment (e.g. per tier).
 */
import { assertLength, invalidInput } from './quantiles.js'

/** The five answers, coded 1–5 in this order. */
export const KANO_ANSWERS = [
  { code: 1, id: 'like', zh: '喜欢', en: 'Like' },
  { code: 2, id: 'must_be', zh: '理所当然', en: 'Must-be' },
  { code: 3, id: 'neutral', zh: '无所谓', en: 'Neutral' },
  { code: 4, id: 'live_with', zh: '能忍受', en: 'Live with' },
  { code: 5, id: 'dislike', zh: '不喜欢', en: 'Dislike' },
] as const

/** The six KANO categories, indexed by `KanoFeatureResult.category`. */
export const KANO_CATEGORIES = [
  { id: 'A', zh: '魅力属性', en: 'Attractive' },
  { id: 'O', zh: '期望属性', en: 'One-dimensional' },
  { id: 'M', zh: '必备属性', en: 'Must-be' },
  { id: 'I', zh: '无差异属性', en: 'Indifferent' },
  { id: 'R', zh: '反向属性', en: 'Reverse' },
  { id: 'Q', zh: '可疑结果', en: 'Questionable' },
] as const

/** One of A, O, M, I, R, Q. */
export type KanoCategoryId = (typeof KANO_CATEGORIES)[number]['id']

const [A, O, M, I, R, Q] = [0, 1, 2, 3, 4, 5]

/** The evaluation table: `KANO_TABLE[functional − 1][dysfunctional − 1]` is a category index. */
export const KANO_TABLE: readonly (readonly number[])[] = [
  [Q, A, A, A, O],
  [R, I, I, I, M],
  [R, I, I, I, M],
  [R, I, I, I, M],
  [R, R, R, R, Q],
]

/** Tie order for the majority rule, after Berger et al. (1993): M > O > A > I, then R, Q. */
const TIE_PRIORITY = [M, O, A, I, R, Q]

const WORDINGS: Readonly<Record<string, number>> = Object.fromEntries(
  (
    [
      [
        1,
        [
          'like',
          'ilikeit',
          'ilikeitthatway',
          'delighted',
          '喜欢',
          '我喜欢',
          '很喜欢',
          '非常喜欢',
          '满意',
          '非常满意',
        ],
      ],
      [
        2,
        [
          'mustbe',
          'must',
          'iexpectit',
          'expectit',
          'expected',
          'itmustbethatway',
          '理所当然',
          '必须的',
          '必须',
          '应该的',
          '理应如此',
          '它必须是那样',
        ],
      ],
      [
        3,
        [
          'neutral',
          'iamneutral',
          'imneutral',
          'indifferent',
          'idontcare',
          '无所谓',
          '中立',
          '都可以',
          '无所谓的',
          '没感觉',
        ],
      ],
      [
        4,
        [
          'livewith',
          'icanlivewithit',
          'canlivewithit',
          'tolerate',
          'icantolerateit',
          '能忍受',
          '可以忍受',
          '勉强接受',
          '可以接受',
          '能接受',
        ],
      ],
      [
        5,
        [
          'dislike',
          'idislikeit',
          'idislikeitthatway',
          '不喜欢',
          '我不喜欢',
          '很不喜欢',
          '不满意',
          '很不满意',
        ],
      ],
    ] as const
  ).flatMap(([code, words]) => words.map((w) => [w, code] as const)),
)

/**
 * Answer code 1–5 from a code or a common zh/en wording (case, spaces, punctuation ignored).
 * @example parseKanoAnswer('I can live with it') // 4
 */
export function parseKanoAnswer(raw: string | number): number {
  const text = String(raw)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '')
  const code = /^[1-5]$/.test(text) ? Number(text) : WORDINGS[text]
  if (code === undefined) {
    invalidInput(
      `unknown KANO answer "${raw}": expected 1–5 or like / must-be / neutral / live with / dislike (喜欢 / 理所当然 / 无所谓 / 能忍受 / 不喜欢)`,
    )
  }
  return code
}

/** One row per answer pair: the feature asked about, the two answers (1–5), and the respondent's segment. */
export interface KanoInput {
  readonly feature: Int32Array
  readonly functional: Uint8Array
  readonly dysfunctional: Uint8Array
  /** Segment id per row (e.g. the respondent's tier), 0-based; omit for one segment. */
  readonly segment?: Int32Array
  /** How many identical answer pairs each row stands for (default 1), when counted in SQL. */
  readonly count?: Int32Array
}

/** KANO result of one feature within one segment (or overall). */
export interface KanoFeatureResult {
  readonly feature: number
  /** Segment id, or -1 for all respondents. */
  readonly segment: number
  /** Counts by category in `KANO_CATEGORIES` order: A, O, M, I, R, Q. */
  readonly counts: readonly number[]
  readonly total: number
  /** Index into `KANO_CATEGORIES` of the most frequent category; -1 without answers. */
  readonly category: number
  /** (A + O)/(A + O + M + I), 0–1; NaN when A + O + M + I = 0. */
  readonly better: number
  /** −(O + M)/(A + O + M + I), −1–0; NaN when A + O + M + I = 0. */
  readonly worse: number
}

/** Per-feature results overall and per segment. */
export interface KanoResult {
  readonly overall: readonly KanoFeatureResult[]
  /** `bySegment[s][f]` for segment s and feature f. */
  readonly bySegment: readonly (readonly KanoFeatureResult[])[]
}

/**
 * Classifies KANO answer pairs per feature, overall and per segment; the category is the most
 * frequent, ties broken M > O > A > I > R > Q; Better/Worse after Berger et al. (1993).
 * @example KANO_CATEGORIES[kano(input).overall[0]!.category]!.id // 'M'
 */
export function kano(input: KanoInput): KanoResult {
  const rows = input.feature.length
  assertLength('functional', input.functional, rows)
  assertLength('dysfunctional', input.dysfunctional, rows)
  if (input.segment !== undefined) assertLength('segment', input.segment, rows)
  if (input.count !== undefined) assertLength('count', input.count, rows)
  let features = 0
  let segments = input.segment === undefined ? 0 : 1
  for (let i = 0; i < rows; i++) {
    const f = input.feature[i] as number
    const s = input.segment?.[i] ?? 0
    if (f < 0) invalidInput(`feature[${i}] must be ≥ 0: got ${f}`)
    if (s < 0) invalidInput(`segment[${i}] must be ≥ 0: got ${s}`)
    features = Math.max(features, f + 1)
    if (input.segment !== undefined) segments = Math.max(segments, s + 1)
  }
  const overall = new Int32Array(features * 6)
  const seg = new Int32Array(segments * features * 6)
  for (let i = 0; i < rows; i++) {
    const fa = input.functional[i] as number
    const da = input.dysfunctional[i] as number
    if (fa < 1 || fa > 5) invalidInput(`functional[${i}] must be an answer code 1–5: got ${fa}`)
    if (da < 1 || da > 5) invalidInput(`dysfunctional[${i}] must be an answer code 1–5: got ${da}`)
    const c = (KANO_TABLE[fa - 1] as readonly number[])[da - 1] as number
    const f = input.feature[i] as number
    const w = input.count?.[i] ?? 1
    overall[f * 6 + c] = (overall[f * 6 + c] as number) + w
    if (input.segment !== undefined) {
      const at = ((input.segment[i] as number) * features + f) * 6 + c
      seg[at] = (seg[at] as number) + w
    }
  }
  const results = (counts: Int32Array, segment: number, offset: number) =>
    Array.from({ length: features }, (_, f) =>
      summarise(f, segment, counts.subarray(offset + f * 6, offset + f * 6 + 6)),
    )
  return {
    overall: results(overall, -1, 0),
    bySegment: Array.from({ length: segments }, (_, s) => results(seg, s, s * features * 6)),
  }
}

function summarise(feature: number, segment: number, c: Int32Array): KanoFeatureResult {
  const counts = [...c]
  const total = counts.reduce((s, v) => s + v, 0)
  let category = -1
  for (const k of TIE_PRIORITY) {
    if (
      (counts[k] as number) > 0 &&
      (category < 0 || (counts[k] as number) > (counts[category] as number))
    )
      category = k
  }
  const [a, o, m, i] = counts as [number, number, number, number]
  const base = a + o + m + i
  return {
    feature,
    segment,
    counts,
    total,
    category,
    better: base > 0 ? (a + o) / base : NaN,
    worse: base > 0 ? 0 - (o + m) / base : NaN,
  }
}
