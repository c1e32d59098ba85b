/**
 * What every customer's rows share: the resolved options, the day formatter, the account
 * managers and campaigns of the whole data set, and the order-number counter.
 */
import { meanOrderValue } from './process.js'
import { Rng, WeightedPicker } from './random.js'
import { personName } from './names.js'
import type { ResolvedOptions } from './options.js'
import { INDUSTRIES, INDUSTRY_WEIGHTS } from './vocab-commerce.js'
import { REGIONS, type Region } from './vocab-places.js'
import { CAMPAIGN_MEDIA, type CampaignMedium } from './vocab-service.js'

/** Stream numbers of `new Rng(seed, index, stream)`, one per purpose. */
export const STREAM = {
  path: 0,
  profile: 1,
  orders: 2,
  interactions: 3,
  feedback: 4,
  survey: 5,
  campaigns: 6,
  managers: 7,
  acquisition: 8,
  move: 9,
} as const

export interface Campaign {
  readonly id: string
  /** Day of the campaign, days from the start. */
  readonly day: number
  readonly medium: CampaignMedium
}

export interface Manager {
  readonly name: string
  readonly region: number
}

/** Customers per account manager, roughly. */
const BOOK_SIZE = 120
const CAMPAIGN_EVERY = 45

export class DatasetContext {
  /** 0 for Chinese values, 1 for English. */
  readonly lang: 0 | 1
  readonly regions = new WeightedPicker(
    REGIONS.map((_, i) => i),
    REGIONS.map((r) => r.weight),
  )
  readonly industries = new WeightedPicker(INDUSTRIES, INDUSTRY_WEIGHTS)
  readonly managers: readonly Manager[]
  readonly managersByRegion: readonly (readonly Manager[])[]
  readonly campaigns: readonly Campaign[]
  /** Mean order value of B2C customers in CNY (B2B: times the scale). */
  readonly meanSpend: number
  readonly meanLambda: number
  private readonly days: string[] = []
  private readonly dayOffset = 400
  private nextOrder = 1

  constructor(readonly options: ResolvedOptions) {
    this.lang = options.lang === 'zh' ? 0 : 1
    this.meanSpend = meanOrderValue(options.spend)
    this.meanLambda = options.purchase.r / options.purchase.alpha
    this.managers = makeManagers(options, this.lang)
    this.managersByRegion = REGIONS.map((_, r) => this.managers.filter((m) => m.region === r))
    this.campaigns = makeCampaigns(this)
  }

  /** `YYYY-MM-DD` of a day counted from the start (any sign). */
  day(offset: number): string {
    const i = offset + this.dayOffset
    const cached = this.days[i]
    if (cached !== undefined) return cached
    const text = new Date((this.options.startDay + offset) * 86_400_000).toISOString().slice(0, 10)
    if (i >= 0 && i < this.options.length + 2 * this.dayOffset) this.days[i] = text
    return text
  }

  /** The order date of a time in days: a date, or a date and time with `withTime`. */
  orderTime(t: number): string {
    const d = Math.floor(t)
    if (!this.options.withTime) return this.day(d)
    const seconds = Math.floor((t - d) * 86_400)
    const hh = String(Math.floor(seconds / 3600)).padStart(2, '0')
    const mm = String(Math.floor(seconds / 60) % 60).padStart(2, '0')
    const ss = String(seconds % 60).padStart(2, '0')
    return `${this.day(d)} ${hh}:${mm}:${ss}`
  }

  orderId(): string {
    return `SO${String(this.nextOrder++).padStart(9, '0')}`
  }

  managerFor(rng: Rng, region: number): string {
    const local = this.managersByRegion[region] ?? []
    return rng.pick(local.length > 0 ? local : this.managers).name
  }

  region(index: number): Region {
    return REGIONS[index]!
  }
}

function makeManagers(options: ResolvedOptions, lang: 0 | 1): Manager[] {
  const expected = options.customers * options.b2bShare
  const count = Math.min(500, Math.max(3, Math.round(expected / BOOK_SIZE)))
  const seen = new Set<string>()
  const managers: Manager[] = []
  const perRegion = REGIONS.map(() => 0)
  for (let j = 0; managers.length < count; j++) {
    const rng = new Rng(options.seed, j, STREAM.managers)
    const name = personName(rng)
    const text = lang === 0 ? name.zh : name.en
    if (seen.has(text)) continue
    seen.add(text)
    // D'Hondt: each new manager goes where customers per manager would otherwise be highest.
    let region = 0
    REGIONS.forEach((r, i) => {
      if (r.weight / (perRegion[i]! + 1) > REGIONS[region]!.weight / (perRegion[region]! + 1)) {
        region = i
      }
    })
    perRegion[region]!++
    managers.push({ name: text, region })
  }
  return managers
}

function makeCampaigns(ctx: DatasetContext): Campaign[] {
  const campaigns: Campaign[] = []
  for (let day = 30, k = 0; day < ctx.options.length; day += CAMPAIGN_EVERY, k++) {
    const medium = CAMPAIGN_MEDIA[k % CAMPAIGN_MEDIA.length]!
    campaigns.push({ id: `CMP-${ctx.day(day).replaceAll('-', '')}-${medium.code}`, day, medium })
  }
  return campaigns
}
