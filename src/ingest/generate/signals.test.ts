// The side tables carry the signals they are meant to: KANO answers that classify features,
// contact volume by type and value, satisfaction that falls with dropout risk, campaign
// conversions that are real purchases.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDataset } from './generate.js'
import { KANO_FEATURES } from './vocab-service.js'

const dir = mkdtempSync(join(tmpdir(), 'generate-signals-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeAll(() => generateDataset({ customers: 2000, seed: 11, outDir: dir, lang: 'en' }))

// Only unquoted columns are read, so splitting on commas is safe for these tables.
const rows = (name: string) =>
  readFileSync(join(dir, name), 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length

/** The KANO evaluation table: functional answer (row) × dysfunctional answer (column). */
const ANSWERS = ['like', 'must-be', 'neutral', 'live with', 'dislike']
const KANO_TABLE = ['QAAAO', 'RIIIM', 'RIIIM', 'RIIIM', 'RRRRQ']

describe('generated signals', () => {
  it('KANO answers put each feature in its main category for B2B and for B2C respondents', () => {
    const type = new Map(rows('truth.csv').map((t) => [t[0]!, t[1]!]))
    const votes = new Map<string, Map<string, number>>()
    for (const [id, feature, functional, dysfunctional] of rows('surveys.csv')) {
      const category = KANO_TABLE[ANSWERS.indexOf(functional!)]![ANSWERS.indexOf(dysfunctional!)]!
      const key = `${feature}/${type.get(id!)}`
      const tally = votes.get(key) ?? new Map<string, number>()
      tally.set(category, (tally.get(category) ?? 0) + 1)
      votes.set(key, tally)
    }
    for (const f of KANO_FEATURES) {
      for (const [kind, main] of [
        ['B2B', f.b2b],
        ['B2C', f.b2c],
      ] as const) {
        const tally = [...(votes.get(`${f.label[1]}/${kind}`) ?? new Map<string, number>())]
        const winner = tally.sort((a, b) => b[1] - a[1])[0]?.[0]
        expect(winner, `${f.label[1]} ${kind}`).toBe(main)
      }
    }
  })

  it('contacts company customers and customers worth more more often', () => {
    const contacts = new Map<string, number>()
    for (const [id] of rows('interactions.csv')) contacts.set(id!, (contacts.get(id!) ?? 0) + 1)
    const truth = rows('truth.csv').map((t) => ({
      type: t[1],
      value: Number(t[2]) * Number(t[4]),
      contacts: contacts.get(t[0]!) ?? 0,
    }))
    const b2b = truth.filter((t) => t.type === 'B2B')
    const b2c = truth.filter((t) => t.type === 'B2C')
    expect(mean(b2b.map((t) => t.contacts))).toBeGreaterThan(3 * mean(b2c.map((t) => t.contacts)))
    const byValue = [...b2b].sort((a, b) => a.value - b.value)
    const quarter = Math.floor(byValue.length / 4)
    const low = mean(byValue.slice(0, quarter).map((t) => t.contacts))
    const high = mean(byValue.slice(-quarter).map((t) => t.contacts))
    expect(high).toBeGreaterThan(1.5 * low)
  })

  it('gives customers likely to drop out lower satisfaction scores', () => {
    const dropout = new Map(rows('truth.csv').map((t) => [t[0]!, Number(t[3])]))
    const sorted = [...dropout.values()].sort((a, b) => a - b)
    const [q1, q3] = [
      sorted[Math.floor(sorted.length / 4)]!,
      sorted[Math.floor((3 * sorted.length) / 4)]!,
    ]
    const csat = rows('feedback.csv').filter((f) => f[2] === 'csat')
    const scores = (keep: (p: number) => boolean) =>
      csat.filter((f) => keep(dropout.get(f[0]!)!)).map((f) => Number(f[4]))
    expect(mean(scores((p) => p <= q1)) - mean(scores((p) => p >= q3))).toBeGreaterThan(0.1)
  })

  it('counts a campaign converted only when a reached customer bought within 14 days', () => {
    const purchases = new Map<string, string[]>()
    for (const o of rows('orders.csv')) {
      if (o[9] === 'completed') purchases.set(o[1]!, [...(purchases.get(o[1]!) ?? []), o[2]!])
    }
    const campaigns = rows('campaigns.csv')
    const bought = (id: string, date: string) => {
      const until = new Date(Date.parse(date) + 14 * 86_400_000).toISOString().slice(0, 10)
      return (purchases.get(id) ?? []).some((d) => d >= date && d < until)
    }
    const converted = campaigns.filter((c) => c[4] === '1')
    expect(converted.length).toBeGreaterThan(50)
    expect(converted.every((c) => c[3] === '1' && bought(c[1]!, c[2]!))).toBe(true)
    const missed = campaigns.filter((c) => c[3] === '1' && c[4] === '0')
    expect(missed.some((c) => bought(c[1]!, c[2]!))).toBe(false)
  })
})
