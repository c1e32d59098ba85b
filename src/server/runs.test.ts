import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer } from './app.js'
import { login, makeFixture, type Fixture } from './test-fixtures.js'

let f: Fixture
let app: ReturnType<typeof createServer>
const as: Record<string, Record<string, string>> = {}

beforeAll(async () => {
  f = await makeFixture()
  app = createServer({ store: f.store })
  for (const u of ['ada', 'ann', 'vic', f.manager]) as[u] = (await login(app, u)).headers
})
afterAll(() => f?.cleanup())

interface Action {
  id: number
  owner: string | null
  state: string
}
interface Body {
  [k: string]: unknown
  snapshot: number
  customers: number
  issues: { path: string }[]
  length: number
  0: { id: number }
  actions: Action[]
  state: string
  entries: { user: string; action: string; outcome: string; at: string; detail: string }[]
}

const call = async (method: string, path: string, user: string, body?: unknown) => {
  const res = await app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...as[user] },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Body }
}

describe('analyses, snapshots, actions and the audit log', () => {
  it('runs an analysis into a new snapshot, and validates its input', async () => {
    const r = await call('POST', '/api/analyses', 'ann', { policy: 'rfm-cn8', asOf: '2024-07-01' })
    expect(r.status).toBe(201)
    expect(r.body.snapshot).toBeGreaterThan(1)
    expect(r.body.customers).toBe(150)
    const bad = await call('POST', '/api/analyses', 'ann', { policy: '../../etc/passwd' })
    expect(bad.status).toBe(400)
    expect(bad.body.issues[0]!.path).toBe('policy')
    const unknown = await call('POST', '/api/analyses', 'ann', { policy: 'no-such-preset' })
    expect(unknown.status).toBe(400)
    expect((await call('POST', '/api/analyses', f.manager, {})).status).toBe(403)
  })

  it('lists snapshots and compares two', async () => {
    const s = await call('GET', '/api/snapshots', 'vic')
    expect(s.status).toBe(200)
    expect(s.body.length).toBeGreaterThanOrEqual(2)
    const c = await call('GET', `/api/compare?from=${s.body[0].id}&to=latest`, 'ann')
    expect(c.status).toBe(200)
    expect(c.body).toHaveProperty('from')
    expect((await call('GET', '/api/compare?from=99', 'ann')).status).toBe(404)
    expect((await call('GET', '/api/compare?from=1;DROP', 'ann')).status).toBe(400)
    expect((await call('GET', '/api/compare', 'vic')).status).toBe(403)
  })

  it('lists actions, a manager only their own, and records one done', async () => {
    const all = await call('GET', '/api/actions?state=open', 'ada')
    expect(all.status).toBe(200)
    expect(all.body.actions.length).toBeGreaterThan(0)
    const mine = await call('GET', '/api/actions?owner=someone-else', f.manager)
    expect(mine.body.actions.every((a: Action) => a.owner === f.manager)).toBe(true)
    const others = all.body.actions.find((a: Action) => a.owner !== f.manager)!
    const denied = await call('POST', `/api/actions/${others.id}`, f.manager, { state: 'done' })
    expect(denied.status).toBe(404)
    expect(denied.body).toEqual({
      error: `no action ${others.id}`,
      code: 'ACTION_NOT_FOUND',
      issues: [],
    })
    const done = await call('POST', `/api/actions/${others.id}`, 'ann', {
      state: 'done',
      note: 'called',
    })
    expect(done.status).toBe(200)
    expect(done.body.state).toBe('done')
    expect(
      (await call('POST', `/api/actions/${others.id}`, 'ann', { state: 'maybe' })).status,
    ).toBe(400)
    expect((await call('POST', '/api/actions/1', 'vic', { state: 'done' })).status).toBe(403)
  })

  it('keeps an audit log of logins and analyses that only an admin may read', async () => {
    await app.request('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ann', password: 'wrong password' }),
    })
    expect((await call('GET', '/api/audit', 'ann')).status).toBe(403)
    const r = await call('GET', '/api/audit?limit=1000', 'ada')
    expect(r.status).toBe(200)
    const seen = r.body.entries.map(
      (e: Body['entries'][number]) => `${e.user} ${e.action} ${e.outcome}`,
    )
    expect(seen).toContain('ann login failed')
    expect(seen).toContain('ada login ok')
    expect(seen).toContain('ann analysis ok')
    expect(seen).toContain('ann action ok')
    const analyses = r.body.entries
      .filter((e: Body['entries'][number]) => e.action === 'analysis' && e.outcome !== 'ok')
      .map((e: Body['entries'][number]) => `${e.user} ${e.outcome} ${e.detail}`)
    // the first test's refusals, latest first: a manager's, an unknown preset, a bad name
    expect(analyses).toEqual([
      `${f.manager} denied FORBIDDEN: your role may not do this (needs admin or analyst)`,
      'ann failed no-such-preset',
      'ann failed USAGE: invalid analysis',
    ])
    expect(r.body.entries[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2} /)
  })
})
