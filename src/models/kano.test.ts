import { describe, expect, it } from 'vitest'
import { KANO_CATEGORIES, KANO_TABLE, kano, parseKanoAnswer } from './kano.js'

// Six respondents (r0–r2 in segment 0, r3–r5 in segment 1) rate two features.
// Answers: 1 like, 2 must-be, 3 neutral, 4 live with, 5 dislike; (functional, dysfunctional).
// Feature 0: r0 (1,5) O, r1 (2,5) M, r2 (3,5) M, r3 (1,3) A, r4 (1,5) O, r5 (4,5) M
// Feature 1: r0 (1,3) A, r1 (1,4) A, r2 (3,3) I, r3 (3,4) I, r4 (1,1) Q, r5 (5,1) R
const pairs = [
  [0, 1, 5, 0],
  [0, 2, 5, 0],
  [0, 3, 5, 0],
  [0, 1, 3, 1],
  [0, 1, 5, 1],
  [0, 4, 5, 1],
  [1, 1, 3, 0],
  [1, 1, 4, 0],
  [1, 3, 3, 0],
  [1, 3, 4, 1],
  [1, 1, 1, 1],
  [1, 5, 1, 1],
] as const
const input = {
  feature: Int32Array.from(pairs, (p) => p[0]),
  functional: Uint8Array.from(pairs, (p) => p[1]),
  dysfunctional: Uint8Array.from(pairs, (p) => p[2]),
  segment: Int32Array.from(pairs, (p) => p[3]),
}
const id = (category: number) => KANO_CATEGORIES[category]?.id

describe('kano', () => {
  const r = kano(input)

  it('counts categories per feature with the standard evaluation table', () => {
    // A, O, M, I, R, Q
    expect(r.overall[0]?.counts).toEqual([1, 2, 3, 0, 0, 0])
    expect(r.overall[1]?.counts).toEqual([2, 0, 0, 2, 1, 1])
    expect(r.overall.map((f) => f.total)).toEqual([6, 6])
  })

  it('takes the majority category: feature 0 is Must-be (3 of 6)', () => {
    expect(id(r.overall[0]!.category)).toBe('M')
  })

  it('breaks a 2–2 tie between A and I in favour of A (M > O > A > I)', () => {
    expect(id(r.overall[1]!.category)).toBe('A')
  })

  it('computes Better and Worse over A + O + M + I only', () => {
    // feature 0: Better (1 + 2)/6 = 0.5, Worse −(2 + 3)/6 = −0.8333
    expect(r.overall[0]?.better).toBe(0.5)
    expect(r.overall[0]?.worse).toBeCloseTo(-5 / 6, 14)
    // feature 1: R and Q left out → base 4; Better 2/4, Worse 0/4
    expect([r.overall[1]?.better, r.overall[1]?.worse]).toEqual([0.5, 0])
  })

  it('classifies per segment, a three-way tie in segment 1 going to M', () => {
    const s = r.bySegment
    // segment 0, feature 0: O 1, M 2 → M; Better 1/3, Worse −3/3
    expect([id(s[0]![0]!.category), s[0]![0]!.better, s[0]![0]!.worse]).toEqual(['M', 1 / 3, -1])
    // segment 1, feature 0: A, O, M one each → M by priority; Better 2/3
    expect([id(s[1]![0]!.category), s[1]![0]!.better]).toEqual(['M', 2 / 3])
    // segment 1, feature 1: I, Q, R one each → I; Better 0/1
    expect([id(s[1]![1]!.category), s[1]![1]!.better]).toEqual(['I', 0])
    expect(s[0]![1]!.segment).toBe(0)
  })

  it('returns NaN coefficients and no category for a feature nobody answered', () => {
    const r2 = kano({
      feature: Int32Array.of(1),
      functional: Uint8Array.of(1),
      dysfunctional: Uint8Array.of(1),
    })
    expect(r2.overall[0]).toMatchObject({ category: -1, total: 0, better: NaN, worse: NaN })
    expect(r2.bySegment).toEqual([])
  })

  it('gives the same result for answer pairs counted beforehand (as the cluster counts them)', () => {
    const repeated = [...pairs, ...pairs.slice(0, 4), pairs[0]]
    const of = (rows: readonly (readonly number[])[]) => ({
      feature: Int32Array.from(rows, (p) => p[0]!),
      functional: Uint8Array.from(rows, (p) => p[1]!),
      dysfunctional: Uint8Array.from(rows, (p) => p[2]!),
      segment: Int32Array.from(rows, (p) => p[3]!),
    })
    const counts = Int32Array.from(pairs, (_, i) => (i === 0 ? 3 : i < 4 ? 2 : 1))
    expect(kano({ ...of(pairs), count: counts })).toEqual(kano(of(repeated)))
    expect(kano(of(repeated)).overall[0]?.counts).toEqual([2, 4, 5, 0, 0, 0])
  })

  it('rejects an answer code outside 1–5', () => {
    expect(() =>
      kano({ ...input, dysfunctional: Uint8Array.of(5, 5, 5, 3, 5, 5, 3, 4, 3, 4, 1, 0) }),
    ).toThrow('dysfunctional[11] must be an answer code 1–5: got 0')
  })

  it('matches the standard evaluation table (rows functional, columns dysfunctional)', () => {
    const letters = KANO_TABLE.map((row) => row.map((c) => id(c)).join(''))
    // Like row: Q A A A O; Must-be, Neutral, Live-with rows: R I I I M; Dislike row: R R R R Q
    expect(letters).toEqual(['QAAAO', 'RIIIM', 'RIIIM', 'RIIIM', 'RRRRQ'])
  })
})

describe('parseKanoAnswer', () => {
  it('reads codes, full-width digits and common Chinese and English wordings', () => {
    const raw = [
      '喜欢',
      '理所当然',
      'I am neutral',
      'I can live with it',
      ' Dislike ',
      '５',
      3,
      'Must-be',
      '可以忍受',
      '不喜欢',
    ]
    expect(raw.map(parseKanoAnswer)).toEqual([1, 2, 3, 4, 5, 5, 3, 2, 4, 5])
  })

  it('rejects an unknown wording and lists what is accepted', () => {
    expect(() => parseKanoAnswer('maybe')).toThrow(
      'unknown KANO answer "maybe": expected 1–5 or like / must-be / neutral / live with / dislike (喜欢 / 理所当然 / 无所谓 / 能忍受 / 不喜欢)',
    )
  })
})
