/**
 * Interactions and feedback of one customer, over its life plus four months. Company
 * customers and customers worth more are contacted more; a customer's latent satisfaction
 * sets its CSAT and NPS scores and how often it complains or refers others; contacts after
 * a customer dropped out mostly go unanswered.
 */
import { STREAM, type DatasetContext } from './context.js'
import type { Customer } from './customer.js'
import { Rng, WeightedPicker } from './random.js'
import {
  B2B_INTERACTIONS,
  B2C_INTERACTIONS,
  FEEDBACK_KINDS,
  INTERACTION_TYPES,
  REFERRALS,
  REVIEWS,
  SALES_OUTCOMES,
  SERVICE_AREAS,
  SUPPORT_OUTCOMES,
  type InteractionKind,
} from './vocab-service.js'
import type { Cell } from './writers.js'

const B2B_TYPES = picker(B2B_INTERACTIONS)
const B2C_TYPES = picker(B2C_INTERACTIONS)
/** Contacts per year for an average customer. */
const CONTACTS_PER_YEAR = { b2b: 8, b2c: 1.2 }
/** Days after dropout during which contacts and feedback still happen. */
const AFTERLIFE_DAYS = 120

function picker(weights: readonly [InteractionKind, number][]) {
  return new WeightedPicker(
    weights.map(([k]) => k),
    weights.map(([, w]) => w),
  )
}

function window(ctx: DatasetContext, c: Customer): [number, number] {
  const end = Math.min(ctx.options.length, (c.path.diedAt ?? ctx.options.length) + AFTERLIFE_DAYS)
  return [Math.max(0, c.createdDay), end]
}

function sortedTimes(rng: Rng, count: number, from: number, to: number): number[] {
  const times = Array.from({ length: count }, () => Math.floor(rng.between(from, to)))
  return times.sort((a, b) => a - b)
}

export function emitInteractions(
  ctx: DatasetContext,
  c: Customer,
  push: (row: Cell[]) => void,
): void {
  const rng = new Rng(ctx.options.seed, c.index, STREAM.interactions)
  const l = ctx.lang
  const [from, to] = window(ctx, c)
  const rate = (c.b2b ? CONTACTS_PER_YEAR.b2b : CONTACTS_PER_YEAR.b2c) * c.valueFactor
  const count = rng.poisson((rate * (to - from)) / 365)
  const dead = c.path.diedAt ?? Infinity
  for (const day of sortedTimes(rng, count, from, to)) {
    const kind = (c.b2b ? B2B_TYPES : B2C_TYPES).pick(rng)
    const type = INTERACTION_TYPES[kind]
    const u = rng.uniform()
    let outcome
    if (type.support) {
      const good = 0.75 + 0.1 * c.satisfaction
      outcome = SUPPORT_OUTCOMES[u < good ? 0 : u < good + (1 - good) / 2 ? 1 : 2]!
    } else {
      // After dropout most contacts go unanswered; before it they spread over all outcomes.
      const index = day > dead ? Math.min(4, 2 + Math.floor(u * 3.5)) : Math.floor(u * 5)
      outcome = SALES_OUTCOMES[index]!
    }
    push([c.id, ctx.day(day), type.label[l], rng.pick(type.channels)[l], outcome[l]])
  }
}

interface FeedbackRow {
  day: number
  row: Cell[]
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)))

export function emitFeedback(ctx: DatasetContext, c: Customer, push: (row: Cell[]) => void): void {
  const rng = new Rng(ctx.options.seed, c.index, STREAM.feedback)
  const l = ctx.lang
  const s = c.satisfaction
  const [, to] = window(ctx, c)
  const from = Math.floor(c.path.times[0]!)
  const years = (to - from) / 365
  const rows: FeedbackRow[] = []
  const add = (
    kind: keyof typeof FEEDBACK_KINDS,
    day: number,
    area: Cell,
    score: Cell,
    text: Cell,
  ) => rows.push({ day, row: [c.id, ctx.day(day), FEEDBACK_KINDS[kind][l], area, score, text] })
  const when = () => Math.floor(rng.between(from, to))

  for (let k = rng.poisson(0.6 * years * (c.b2b ? 1.5 : 1)); k > 0; k--) {
    const area = rng.pick(SERVICE_AREAS)
    add('csat', when(), area.label[l], clamp(area.mean + 0.6 * s + 0.7 * rng.normal(), 1, 5), null)
  }
  for (let k = rng.poisson(0.3 * years); k > 0; k--) {
    add('nps', when(), null, clamp(7.5 + 1.4 * s + 1.5 * rng.normal(), 0, 10), null)
  }
  for (let k = rng.poisson(0.15 * years * Math.exp(-0.8 * s)); k > 0; k--) {
    const area = rng.pick(SERVICE_AREAS)
    add('complaint', when(), area.label[l], null, rng.pick(area.complaints)[l])
  }
  for (let k = rng.poisson(0.15 * years * Math.exp(0.8 * s)); k > 0; k--) {
    add('referral', when(), null, null, (c.b2b ? REFERRALS.b2b : REFERRALS.b2c)[l])
  }
  if (!c.b2b) {
    for (const t of c.path.times) {
      if (!rng.chance(0.08)) continue
      const day = Math.min(ctx.options.length - 1, Math.floor(t) + 3 + rng.int(8))
      const score = clamp(4 + 0.7 * s + 0.8 * rng.normal(), 1, 5)
      add('review', day, null, score, rng.pick(score >= 4 ? REVIEWS.good : REVIEWS.bad)[l])
    }
  }
  rows.sort((a, b) => a.day - b.day)
  for (const r of rows) push(r.row)
}
