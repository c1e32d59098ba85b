import { existsSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRESETS } from '../tiering/index.js'
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
  error: string
  code: string
  policy: string
  tiers: { id: string; customers: number }[]
  warnings: string[]
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
    expect(r.body.policy).toBe('rfm-cn8')
    expect(r.body.warnings).toEqual(expect.any(Array))
    const bad = await call('POST', '/api/analyses', 'ann', { policy: '' })
    expect(bad.status).toBe(400)
    expect(bad.body.issues[0]!.path).toBe('policy')
    const unknown = await call('POST', '/api/analyses', 'ann', { policy: 'no-such-preset' })
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual({
      error: `no preset or saved policy named "no-such-preset" (presets: ${PRESETS.join(', ')})`,
      code: 'NOT_FOUND',
      issues: [],
    })
    expect((await call('POST', '/api/analyses', f.manager, {})).status).toBe(403)
  })

  it('runs a policy saved in the store by its name, its tiers in the answer and the overview', async () => {
    const text = `id: big-spenders
name: { zh: '大客户', en: 'Big spenders' }
window: all
tiers:
  - id: big
    name: { zh: '大', en: 'Big' }
    when: monetary_pct >= 0.8
  - id: rest
    name: { zh: '其余', en: 'Rest' }
default: rest
`
    const saved = await app.request('/api/policies/big-spenders', {
      method: 'PUT',
      headers: { 'content-type': 'application/yaml', ...as.ann },
      body: text,
    })
    expect(saved.status).toBe(201)
    const r = await call('POST', '/api/analyses', 'ann', { policy: 'big-spenders' })
    expect(r.status).toBe(201)
    expect(r.body.policy).toBe('big-spenders')
    expect(r.body.tiers.map((t) => t.id)).toEqual(['big', 'rest'])
    expect(r.body.tiers.reduce((n, t) => n + t.customers, 0)).toBe(150)
    const tiers = await call('GET', '/api/tiers', 'vic')
    expect([tiers.body.snapshot, tiers.body.policy]).toEqual([r.body.snapshot, 'big-spenders'])
    expect(tiers.body.warnings).toEqual(r.body.warnings)
  })

  it('never reads a file for a policy name: paths and names of files answer 404, nothing runs', async () => {
    // a valid policy file the server could reach by a relative or an absolute path
    const file = join(f.dir, 'policy.yaml')
    writeFileSync(
      file,
      'id: from-a-file\ntiers:\n  - id: all\n    name: { zh: 全部, en: All }\ndefault: all\n',
    )
    const before = (await call('GET', '/api/snapshots', 'ann')).body.length
    const names = ['src', 'package.json', relative(process.cwd(), file), file]
    // each of them is there to read from the server's working directory
    for (const name of names) expect(existsSync(name), name).toBe(true)
    for (const name of ['../../etc/passwd', ...names]) {
      const r = await call('POST', '/api/analyses', 'ann', { policy: name })
      expect(r.status, name).toBe(404)
      expect(r.body).toEqual({
        error: `no preset or saved policy named ${JSON.stringify(name)} (presets: ${PRESETS.join(', ')})`,
        code: 'NOT_FOUND',
        issues: [],
      })
    }
    expect((await call('GET', '/api/snapshots', 'ann')).body.length).toBe(before)
    expect((await call('GET', '/api/tiers', 'ann')).body.policy).toBe('big-spenders')
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
    // the refusals, latest first: names of files, a manager's, an unknown preset, a bad name
    expect(analyses).toEqual([
      `ann failed ${join(f.dir, 'policy.yaml')}`,
      `ann failed ${relative(process.cwd(), join(f.dir, 'policy.yaml'))}`,
      'ann failed package.json',
      'ann failed src',
      'ann failed ../../etc/passwd',
      `${f.manager} denied FORBIDDEN: your role may not do this (needs admin or analyst)`,
      'ann failed no-such-preset',
      'ann failed USAGE: invalid analysis',
    ])
    expect(r.body.entries[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2} /)
  })
})
