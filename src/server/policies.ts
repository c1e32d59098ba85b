/**
 * Policies: the presets and the policies saved in the store, one policy's YAML text, saving
 * one after validation, and a preview of what a policy would do to the tiers of the same
 * customers before it is saved or run.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { POLICY_NAME, listPolicies, previewPolicy, readPolicy, savePolicy } from '../app/index.js'
import type { Policy } from '../tiering/index.js'
import { audit, auditRefusal } from './audit.js'
import { clientIp, requireRole, type Env, type ServerDeps } from './context.js'
import { jsonBody, parse } from './errors.js'

const Name = z.string().regex(POLICY_NAME, 'expected a policy name (a-z, 0-9 and -)')
const Preview = z.object({
  policy: z.string().min(1).max(200_000),
  base: Name.optional(),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
    .optional(),
})

/** What a client needs to know of a policy besides its text. */
function summary(p: Policy) {
  return {
    id: p.id,
    name: p.name,
    description: p.description ?? null,
    window: p.window,
    value: p.value,
    default: p.default,
    hash: p.hash,
    tiers: p.tiers.map((t) => ({ id: t.id, name: t.name, when: t.when ?? null })),
  }
}

export function policyRoutes(deps: ServerDeps): Hono<Env> {
  const { gate } = deps
  const store = gate.store
  const app = new Hono<Env>()

  app.get('/policies', async (c) =>
    c.json({ policies: await gate.withEngine((e) => listPolicies(e)) }),
  )

  app.post('/policies/preview', async (c) => {
    requireRole(c, 'admin', 'analyst')
    const body = parse(Preview, await jsonBody(c), 'preview')
    return c.json(await gate.run(() => previewPolicy({ store, ...body })))
  })

  app.get('/policies/:name', async (c) => {
    const name = parse(Name, c.req.param('name'), 'policy name')
    const { policy, ...entry } = await gate.withEngine((e) => readPolicy(e, name))
    return c.json({ ...entry, summary: summary(policy) })
  })

  app.put('/policies/:name', async (c) => {
    const user = c.get('user').name
    const ip = clientIp(c)
    const target = `policy ${c.req.param('name')}`
    const name = await auditRefusal(gate, { user, ip, action: 'policy', target }, () => {
      requireRole(c, 'admin', 'analyst')
      return parse(Name, c.req.param('name'), 'policy name')
    })
    const text = await c.req.text()
    return gate.run(async () => {
      try {
        const r = await gate.withEngineNow(async (e) => {
          const saved = await savePolicy(e, name, text, user)
          await audit(e, {
            user,
            ip,
            action: 'policy',
            target: `policy ${name}`,
            outcome: 'ok',
            detail: `${saved.created ? 'created' : 'updated'} ${saved.policy.hash}`,
          })
          return saved
        })
        return c.json({ name, summary: summary(r.policy) }, r.created ? 201 : 200)
      } catch (e) {
        await gate.withEngineNow((en) =>
          audit(en, { user, ip, action: 'policy', target: `policy ${name}`, outcome: 'failed' }),
        )
        throw e
      }
    })
  })
  return app
}
