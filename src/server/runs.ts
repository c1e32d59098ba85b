/**
 * Running an analysis and following it up: snapshots, the migration between two, the action
 * list and recording what was done, and the audit log for admins. Each route calls the same
 * use case of `app/` as the CLI command of the same name.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { actions, analyzeNamed, closeActionState, compare, history } from '../app/index.js'
import { ClienteleError } from '../schema/index.js'
import { audit, auditEntries, auditRefusal } from './audit.js'
import { clientIp, requireRole, type Env, type ServerDeps } from './context.js'
import { jsonBody, parse } from './errors.js'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
const snapshotRef = z
  .string()
  .regex(/^(\d+|latest|previous)$/, 'expected an id, latest or previous')

const Analysis = z.object({
  policy: z.string().min(1).max(200).default('rfm-cn8'),
  asOf: isoDate.optional(),
})
const Compare = z.object({
  from: snapshotRef.optional(),
  to: snapshotRef.optional(),
  lang: z.enum(['zh', 'en']).optional(),
})
const ActionsQuery = z.object({
  owner: z.string().max(200).optional(),
  state: z.enum(['open', 'done', 'skipped']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
})
const CloseAction = z.object({
  state: z.enum(['done', 'skipped']),
  note: z.string().max(2000).optional(),
})
const AuditQuery = z.object({
  user: z.string().max(200).optional(),
  action: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})

export function runRoutes(deps: ServerDeps): Hono<Env> {
  const { gate } = deps
  const store = gate.store
  const app = new Hono<Env>()

  app.post('/analyses', async (c) => {
    const user = c.get('user').name
    const ip = clientIp(c)
    const body = await auditRefusal(gate, { user, ip, action: 'analysis' }, async () => {
      requireRole(c, 'admin', 'analyst')
      return parse(Analysis, await jsonBody(c), 'analysis')
    })
    return gate.run(async () => {
      try {
        // a preset or a saved policy, looked up by name: never a path to read the server's files by
        const r = await analyzeNamed({ store, policy: body.policy, asOf: body.asOf, formats: [] })
        await gate.withEngineNow((e) =>
          audit(e, {
            user,
            ip,
            action: 'analysis',
            target: `snapshot ${r.snapshot.id}`,
            outcome: 'ok',
            detail: body.policy,
          }),
        )
        return c.json(
          {
            snapshot: r.snapshot.id,
            asOf: r.asOf,
            policy: r.policy.id,
            customers: r.customers,
            tiers: r.tiers,
            warnings: r.warnings,
          },
          201,
        )
      } catch (e) {
        await gate.withEngineNow((en) =>
          audit(en, { user, ip, action: 'analysis', outcome: 'failed', detail: body.policy }),
        )
        throw e
      }
    })
  })

  app.get('/snapshots', async (c) => c.json(await gate.run(() => history({ store }))))

  app.get('/compare', async (c) => {
    requireRole(c, 'admin', 'analyst')
    const q = parse(Compare, c.req.query(), 'query')
    return c.json(await gate.run(() => compare({ store, ...q })))
  })

  app.get('/actions', async (c) => {
    const q = parse(ActionsQuery, c.req.query(), 'query')
    const user = c.get('user')
    const owner = user.role === 'manager' ? user.name : q.owner
    const r = await gate.run(() => actions({ store, owner, overdue: q.overdue === 'true' }))
    return c.json({
      ...r,
      actions: q.state === undefined ? r.actions : r.actions.filter((a) => a.state === q.state),
    })
  })

  app.post('/actions/:id', async (c) => {
    requireRole(c, 'admin', 'analyst', 'manager')
    const id = Number(c.req.param('id'))
    if (!Number.isInteger(id) || id <= 0)
      throw new ClienteleError('USAGE', `invalid action id: ${c.req.param('id')}`)
    const body = parse(CloseAction, await jsonBody(c), 'action')
    const user = c.get('user')
    return gate.run(async () => {
      if (user.role === 'manager') {
        const own = await actions({ store, owner: user.name })
        if (!own.actions.some((a) => a.id === id))
          throw new ClienteleError('ACTION_NOT_FOUND', `no action ${id}`)
      }
      const a = await closeActionState({ store, id, state: body.state, note: body.note })
      await gate.withEngineNow((e) =>
        audit(e, {
          user: user.name,
          ip: clientIp(c),
          action: 'action',
          target: `action ${id}`,
          outcome: 'ok',
          detail: body.state,
        }),
      )
      return c.json(a)
    })
  })

  app.get('/audit', async (c) => {
    requireRole(c, 'admin')
    const q = parse(AuditQuery, c.req.query(), 'query')
    return c.json({ entries: await gate.withEngine((e) => auditEntries(e, q)) })
  })
  return app
}
