/**
 * One customer: the attributes drawn for it (type, place, industry, size, manager,
 * preferred categories and channel, latent satisfaction) and its customers and truth rows.
 * Size follows the customer's true expected order value, and satisfaction falls as the true
 * dropout probability rises, so that the attributes carry signal for the models.
 */
import { STREAM, type DatasetContext } from './context.js'
import { companyName, mobile, personName, personalEmail, workEmail } from './names.js'
import { sampleSpendRate, type PurchasePath } from './process.js'
import { Rng } from './random.js'
import {
  B2B_ACQUISITION,
  B2B_CATEGORIES,
  B2B_SALES_CHANNELS,
  B2C_ACQUISITION,
  B2C_CATEGORIES,
  B2C_SALES_CHANNELS,
  CUSTOMER_TYPES,
  SIZES,
  type Category,
  type Industry,
  type Label,
} from './vocab-commerce.js'
import type { Cell } from './writers.js'

export interface Customer {
  readonly index: number
  readonly id: string
  readonly b2b: boolean
  readonly path: PurchasePath
  readonly moved: boolean
  /** Gamma-Gamma ν; orders are Gamma(p, ν) times `scale`. */
  readonly nu: number
  readonly scale: number
  /** True expected order value in CNY. */
  readonly meanSpend: number
  /** Expected revenue per day relative to the population of its type, clamped to 0.3 … 3. */
  readonly valueFactor: number
  /** Latent satisfaction, about N(0, 1); lower for customers likely to drop out. */
  readonly satisfaction: number
  /** Day the customer record was created, days from the start (may be negative for B2B). */
  readonly createdDay: number
  readonly industry: Industry | null
  readonly categories: readonly Category[]
  readonly preferred: readonly Category[]
  readonly channels: readonly Label[]
  readonly channel: Label
}

export function makeCustomer(
  ctx: DatasetContext,
  index: number,
  path: PurchasePath,
  moved: boolean,
): { customer: Customer; row: Cell[] } {
  const o = ctx.options
  const rng = new Rng(o.seed, index, STREAM.profile)
  const b2b = rng.chance(o.b2bShare)
  const nu = sampleSpendRate(rng, o.spend)
  const scale = b2b ? o.b2bSpendScale : 1
  const meanSpend = (o.spend.p / nu) * scale
  const relative = (path.lambda * meanSpend) / (ctx.meanLambda * ctx.meanSpend * scale)
  const meanDropout = o.purchase.a / (o.purchase.a + o.purchase.b)
  const satisfaction = 0.8 * rng.normal() - 3 * (path.dropout - meanDropout)
  const t0 = path.times[0]!
  const createdDay = Math.floor(b2b ? t0 - rng.between(0, 45) : t0)
  const categories = b2b ? B2B_CATEGORIES : B2C_CATEGORIES
  const preferred = [rng.pick(categories)]
  if (rng.chance(0.5)) preferred.push(rng.pick(categories))
  const channels = b2b ? B2B_SALES_CHANNELS : B2C_SALES_CHANNELS

  const regionIndex = ctx.regions.pick(rng)
  const region = ctx.region(regionIndex)
  const province = rng.pick(region.provinces)
  const city = rng.pick(province.cities)
  const person = personName(rng)
  const l = ctx.lang
  let industry: Industry | null = null
  let name = person[l === 0 ? 'zh' : 'en']
  let company: string | null = null
  let email = personalEmail(rng, person)
  let size: string | null = null
  let manager: string | null = null
  if (b2b) {
    industry = ctx.industries.pick(rng)
    const firm = companyName(rng, city, industry)
    name = company = l === 0 ? firm.zh : firm.en
    email = workEmail(person, firm)
    const z = Math.log(meanSpend / (ctx.meanSpend * scale)) + 0.5 * rng.normal()
    size = SIZES[z < -0.7 ? 0 : z < 0 ? 1 : z < 0.7 ? 2 : 3]![l]
    manager = ctx.managerFor(rng, regionIndex)
  }
  const acquisition = rng.pick(b2b ? B2B_ACQUISITION : B2C_ACQUISITION)
  const id = `C${String(index + 1).padStart(7, '0')}`
  const customer: Customer = {
    index,
    id,
    b2b,
    path,
    moved,
    nu,
    scale,
    meanSpend,
    valueFactor: Math.min(3, Math.max(0.3, Math.sqrt(relative))),
    satisfaction,
    createdDay,
    industry,
    categories,
    preferred,
    channels,
    channel: rng.pick(channels),
  }
  const row: Cell[] = [
    id,
    name,
    company,
    mobile(rng),
    email,
    region.label[l],
    province.label[l],
    city[l],
    industry === null ? null : industry.label[l],
    size,
    (b2b ? CUSTOMER_TYPES.b2b : CUSTOMER_TYPES.b2c)[l],
    manager,
    acquisition[l],
    ctx.day(createdDay),
  ]
  return { customer, row }
}

export function truthRow(ctx: DatasetContext, c: Customer): Cell[] {
  const { path } = c
  return [
    c.id,
    c.b2b ? 'B2B' : 'B2C',
    path.lambda.toFixed(8),
    path.dropout.toFixed(6),
    c.meanSpend,
    ctx.day(Math.floor(path.times[0]!)),
    path.times.length,
    path.diedAt === null ? 1 : 0,
    path.diedAt === null ? null : ctx.day(Math.floor(path.diedAt)),
    c.moved ? 1 : 0,
  ]
}
