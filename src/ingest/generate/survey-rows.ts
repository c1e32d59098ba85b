/**
 * KANO survey answers and campaign contacts of one customer.
 *
 * The survey is one wave 75 days before the end. A respondent's answers to a feature follow
 * the feature's main category for its customer type 65 % of the time and another category
 * otherwise, with 3 % reverse or questionable pairs, so the usual KANO evaluation table
 * recovers the main category by majority.
 *
 * A campaign converts a reached customer when the customer buys within 14 days of it.
 */
import { STREAM, type DatasetContext } from './context.js'
import type { Customer } from './customer.js'
import { Rng } from './random.js'
import { KANO_ANSWERS, KANO_FEATURES, type KanoCategory } from './vocab-service.js'
import type { Label } from './vocab-commerce.js'
import type { Cell } from './writers.js'

const SURVEY_BEFORE_END = 75
const MAIN_SHARE = 0.65
const NOISE_SHARE = 0.03
const CONVERSION_DAYS = 14
const CATEGORIES: readonly KanoCategory[] = ['A', 'O', 'M', 'I']
const { like, mustBe, neutral, liveWith, dislike } = KANO_ANSWERS
const MIDDLE: readonly Label[] = [mustBe, neutral, liveWith]

function answers(rng: Rng, category: KanoCategory): [Label, Label, number] {
  if (rng.chance(NOISE_SHARE)) return rng.chance(0.5) ? [dislike, like, 2] : [like, like, 3]
  switch (category) {
    case 'A':
      return [like, rng.pick(MIDDLE), 3 + rng.int(3)]
    case 'O':
      return [like, dislike, 4 + rng.int(2)]
    case 'M':
      return [rng.pick(MIDDLE), dislike, 4 + rng.int(2)]
    case 'I':
      return [rng.pick(MIDDLE), rng.pick(MIDDLE), 1 + rng.int(3)]
  }
}

/** The survey day, days from the start. */
export function surveyDay(length: number): number {
  return Math.max(0, length - SURVEY_BEFORE_END)
}

export function emitSurvey(ctx: DatasetContext, c: Customer, push: (row: Cell[]) => void): void {
  const o = ctx.options
  const rng = new Rng(o.seed, c.index, STREAM.survey)
  const wave = surveyDay(o.length)
  if (c.path.times[0]! > wave || !rng.chance(o.surveyShare)) return
  const date = ctx.day(Math.min(o.length - 1, wave + rng.int(14)))
  const l = ctx.lang
  for (const feature of KANO_FEATURES) {
    const main = c.b2b ? feature.b2b : feature.b2c
    const category = rng.chance(MAIN_SHARE) ? main : rng.pick(CATEGORIES)
    const [functional, dysfunctional, importance] = answers(rng, category)
    push([c.id, feature.label[l], functional[l], dysfunctional[l], importance, date])
  }
}

export function emitCampaigns(ctx: DatasetContext, c: Customer, push: (row: Cell[]) => void): void {
  const rng = new Rng(ctx.options.seed, c.index, STREAM.campaigns)
  const times = c.path.times
  const share = c.b2b ? 0.35 : 0.25
  let next = 0
  for (const campaign of ctx.campaigns) {
    if (campaign.day < times[0]!) continue
    if (!rng.chance(share)) continue
    const exposed = rng.chance(campaign.medium.reach)
    while (next < times.length && times[next]! < campaign.day) next++
    const buys = next < times.length && times[next]! < campaign.day + CONVERSION_DAYS
    const converted = exposed && buys ? 1 : 0
    push([
      campaign.id,
      c.id,
      ctx.day(campaign.day),
      exposed ? 1 : 0,
      converted,
      campaign.medium.cost,
    ])
  }
}
