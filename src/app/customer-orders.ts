/**
 * One customer's orders as the store holds them (every status, refunds included), newest first,
 * a page at a time: what the dashboard draws as the customer's timeline. Who may see which
 * customer is the caller's business.
 */
import type { Engine } from '../engine/index.js'

export interface CustomerOrder {
  /** ISO date. */
  readonly date: string
  readonly orderId: string | null
  /** As imported: refunds are usually negative. */
  readonly amount: number
  readonly category: string | null
  /** completed, refunded or cancelled. */
  readonly status: string | null
}

export interface CustomerOrders {
  /** All the customer's order rows, not only this page's. */
  readonly total: number
  readonly page: number
  readonly pageSize: number
  readonly orders: readonly CustomerOrder[]
}

export interface CustomerOrdersOptions {
  /** From 1; default 1. */
  readonly page?: number
  /** Default 100. */
  readonly pageSize?: number
}

/**
 * A page of `customerId`'s rows of the transactions table, newest first (ties by order id).
 * @example const { total, orders } = await customerOrders(engine, 'C0000042', { pageSize: 50 })
 */
export async function customerOrders(
  engine: Engine,
  customerId: string,
  options: CustomerOrdersOptions = {},
): Promise<CustomerOrders> {
  const page = options.page ?? 1
  const pageSize = options.pageSize ?? 100
  if (!(Number.isInteger(page) && page >= 1)) throw new Error(`invalid page: ${page}`)
  if (!(Number.isInteger(pageSize) && pageSize >= 1))
    throw new Error(`invalid pageSize: ${pageSize}`)
  const [count] = await engine.all(
    `SELECT count(*) AS n FROM transactions WHERE customer_id = $id`,
    { id: customerId },
  )
  const rows = await engine.all(
    `SELECT CAST(date AS VARCHAR) AS date, order_id, amount, category, status
     FROM transactions WHERE customer_id = $id
     ORDER BY date DESC, order_id DESC NULLS LAST, row_key
     LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    { id: customerId },
  )
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v))
  return {
    total: Number(count?.n ?? 0),
    page,
    pageSize,
    orders: rows.map((r) => ({
      date: String(r.date),
      orderId: text(r.order_id),
      amount: Number(r.amount),
      category: text(r.category),
      status: text(r.status),
    })),
  }
}
