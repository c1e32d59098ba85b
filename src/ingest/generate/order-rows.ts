/**
 * The orders of one customer. Each purchase of the process is one completed order; around
 * them come the rows that exercise cleaning: cancelled orders (extra rows, not purchases),
 * refunds (a second row `<order id>-R` with a negative amount, negative quantity and the
 * refunded status, dated 1–20 days later), exact duplicate rows and, optionally, USD orders.
 * Every optional row draws its random numbers whether or not it is written, so changing one
 * rate leaves the other columns unchanged.
 */
import { STREAM, type DatasetContext } from './context.js'
import type { Customer } from './customer.js'
import { Rng } from './random.js'
import { ORDER_STATUS_LABELS } from './vocab-commerce.js'
import { cents, type Cell } from './writers.js'

/** CNY per USD for the USD orders. */
export const USD_RATE = 7.1

export interface OrderCounts {
  completed: number
  refunded: number
  cancelled: number
  duplicated: number
}

export function emitOrders(
  ctx: DatasetContext,
  c: Customer,
  push: (row: Cell[]) => void,
  counts: OrderCounts,
): void {
  const o = ctx.options
  const l = ctx.lang
  const rng = new Rng(o.seed, c.index, STREAM.orders)
  const margin = c.industry?.marginFactor ?? 1
  const status = {
    completed: ORDER_STATUS_LABELS.completed[l],
    refunded: ORDER_STATUS_LABELS.refunded[l],
    cancelled: ORDER_STATUS_LABELS.cancelled[l],
  }
  for (const t of c.path.times) {
    const category = rng.chance(0.8) ? rng.pick(c.preferred) : rng.pick(c.categories)
    const product = rng.pick(category.products)
    const value = rng.gamma(o.spend.p, c.nu) * c.scale
    const channel = (rng.chance(0.85) ? c.channel : rng.pick(c.channels))[l]
    const profitShare = category.margin * margin * rng.between(0.7, 1.3)
    const usd = rng.uniform() < o.usdShare
    const cancelled = rng.uniform() < o.cancelRate
    const cancelledValue = rng.gamma(o.spend.p, c.nu) * c.scale
    const duplicated = rng.uniform() < o.duplicateRate
    const refunded = rng.uniform() < o.refundRate
    const refundDelay = 1 + rng.int(20)
    const refundShare = rng.chance(0.6) ? 1 : rng.between(0.2, 0.9)
    const refundTime = rng.uniform()

    const fx = usd ? 1 / USD_RATE : 1
    const currency = usd ? 'USD' : 'CNY'
    const amount = Math.max(0.01, cents(value * fx))
    const profit = cents(amount * profitShare)
    const quantity = Math.max(1, Math.round(value / product.price))
    const date = ctx.orderTime(t)
    if (cancelled) {
      const cancelledAmount = Math.max(0.01, cents(cancelledValue * fx))
      const q = Math.max(1, Math.round(cancelledValue / product.price))
      push([
        ctx.orderId(),
        c.id,
        date,
        cancelledAmount,
        0,
        q,
        product.label[l],
        category.label[l],
        channel,
        status.cancelled,
        currency,
      ])
      counts.cancelled++
    }
    const id = ctx.orderId()
    const row: Cell[] = [
      id,
      c.id,
      date,
      amount,
      profit,
      quantity,
      product.label[l],
      category.label[l],
      channel,
      status.completed,
      currency,
    ]
    push(row)
    counts.completed++
    if (duplicated) {
      push(row)
      counts.duplicated++
    }
    if (refunded) {
      const day = Math.min(o.length - 1, Math.floor(t) + refundDelay)
      const back = refundShare === 1 ? quantity : Math.max(1, Math.round(quantity * refundShare))
      push([
        `${id}-R`,
        c.id,
        ctx.orderTime(day + refundTime),
        -Math.max(0.01, cents(amount * refundShare)),
        -cents(profit * refundShare),
        -back,
        product.label[l],
        category.label[l],
        channel,
        status.refunded,
        currency,
      ])
      counts.refunded++
    }
  }
}
