/**
 * A customer's orders, newest first and paged, under the rules of the customer's own page: an
 * account manager gets 404 for another manager's customer; a viewer sees orders, which carry no
 * contact data.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { customerOrders } from '../app/index.js'
import type { Env, ServerDeps } from './context.js'
import { visibleCustomer } from './customers.js'
import { parse } from './errors.js'

/** The largest page of orders one request may ask for. */
export const MAX_ORDERS_PAGE = 500

const OrdersPage = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_ORDERS_PAGE).default(100),
})

export function orderRoutes(deps: ServerDeps): Hono<Env> {
  const app = new Hono<Env>()
  app.get('/customers/:id/orders', async (c) => {
    const id = c.req.param('id')
    const q = parse(OrdersPage, c.req.query(), 'query')
    const user = c.get('user')
    return c.json(
      await deps.gate.withEngine(async (e) => {
        await visibleCustomer(e, user, id)
        return { customerId: id, ...(await customerOrders(e, id, q)) }
      }),
    )
  })
  return app
}
