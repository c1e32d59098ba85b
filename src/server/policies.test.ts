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

const POLICY = `id: big-spenders
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any

const send = async (method: string, path: string, user: string, body?: string, type?: string) => {
  const res = await app.request(path, {
    method,
    headers: { 'content-type': type ?? 'application/json', ...as[user] },
    body,
  })
  return { status: res.status, body: (await res.json()) as Body }
}
const get = (path: string, user: string) => send('GET', path, user)
const put = (name: string, user: string, text: string) =>
  send('PUT', `/api/policies/${name}`, user, text, 'application/yaml')
const preview = (user: string, body: unknown) =>
  send('POST', '/api/policies/preview', user, JSON.stringify(body))

describe('policies', () => {
  it('lists the presets to every signed-in user', async () => {
    const r = await get('/api/policies', 'vic')
    expect(r.status).toBe(200)
    expect(r.body.policies[0]).toEqual({
      name: 'abc',
      kind: 'preset',
      updatedAt: null,
      updatedBy: null,
    })
    expect(r.body.policies.map((p: Body) => p.name)).toContain('rfm-cn8')
  })

  it("shows a preset's text and summary, and 404 or 400 for other names", async () => {
    const r = await get('/api/policies/abc', 'vic')
    expect(r.status).toBe(200)
    expect(r.body.text).toMatch(/^id: abc\n/)
    expect(r.body.summary.tiers.map((t: Body) => t.id)).toEqual(['a', 'b', 'c'])
    expect(r.body.summary.default).toBe('c')
    const missing = await get('/api/policies/nope', 'vic')
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({ error: 'no policy nope', code: 'NOT_FOUND', issues: [] })
    const bad = await get('/api/policies/..%2F..%2Fetc%2Fpasswd', 'vic')
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('USAGE')
  })

  it('saves a valid policy (201, then 200), audited, and reads it back', async () => {
    const created = await put('big-spenders', 'ann', POLICY)
    expect(created.status).toBe(201)
    expect(created.body.summary.tiers.map((t: Body) => t.id)).toEqual(['big', 'rest'])
    const updated = await put('big-spenders', 'ann', POLICY)
    expect(updated.status).toBe(200)
    const read = await get('/api/policies/big-spenders', 'vic')
    expect(read.status).toBe(200)
    expect(read.body.text).toBe(POLICY)
    expect(read.body.kind).toBe('saved')
    expect(read.body.updatedBy).toBe('ann')
    const list = await get('/api/policies', 'vic')
    expect(list.body.policies.at(-1).name).toBe('big-spenders')
    const log = await get('/api/audit?action=policy', 'ada')
    expect(log.body.entries.map((e: Body) => `${e.user} ${e.target} ${e.outcome}`)).toEqual([
      'ann policy big-spenders ok',
      'ann policy big-spenders ok',
    ])
  })

  it('rejects an invalid policy with 400 and its issues (dotted path, line)', async () => {
    const text = POLICY.replace('    when: monetary_pct >= 0.8\n', '    colour: red\n')
    const r = await put('broken', 'ann', text)
    expect(r.status).toBe(400)
    expect(r.body).toEqual({
      error: 'policy policy:broken is invalid',
      code: 'POLICY_INVALID',
      issues: [
        {
          code: 'POLICY_INVALID',
          file: 'policy:broken',
          path: 'tiers.0.colour',
          line: 7,
          message: 'unknown key "colour"',
        },
        {
          code: 'POLICY_INVALID',
          file: 'policy:broken',
          path: 'tiers.0.when',
          line: 5,
          message: 'required for every tier but the default',
        },
      ],
    })
    const yaml = await put('broken', 'ann', 'tiers: [\n')
    expect(yaml.status).toBe(400)
    expect(yaml.body.issues[0].line).toBe(2)
    expect((await get('/api/policies/broken', 'ann')).status).toBe(404)
    expect((await put('abc', 'ann', POLICY)).status).toBe(400)
  })

  it('lets only admins and analysts save, and a cookie session must send its CSRF token', async () => {
    expect((await put('mine', 'vic', POLICY)).status).toBe(403)
    expect((await put('mine', f.manager, POLICY)).status).toBe(403)
    const res = await app.request('/api/policies/mine', {
      method: 'PUT',
      headers: { cookie: as.ann!.cookie! },
      body: POLICY,
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({
      error: 'missing or wrong X-CSRF-Token header',
      code: 'FORBIDDEN',
      issues: [],
    })
  })

  it('audits every refused or failed save: denied for a role, failed for a bad name or policy', async () => {
    const log = await get('/api/audit?action=policy&limit=1000', 'ada')
    const refused = log.body.entries
      .filter((e: Body) => e.outcome !== 'ok')
      .map((e: Body) => `${e.user} ${e.target} ${e.outcome}`)
    expect(refused).toEqual([
      `${f.manager} policy mine denied`,
      'vic policy mine denied',
      'ann policy abc failed',
      'ann policy broken failed',
      'ann policy broken failed',
    ])
  })

  it("previews a policy's tiers and migration against the latest run's, without saving", async () => {
    const r = await preview('ann', { policy: POLICY })
    expect(r.status).toBe(200)
    expect(r.body.customers).toBe(150)
    expect(r.body.from.id).toBe('rfm-cn8')
    expect(r.body.to.id).toBe('big-spenders')
    expect(r.body.to.tiers.map((t: Body) => t.id)).toEqual(['big', 'rest'])
    const moved = Object.values(r.body.matrix as Record<string, Record<string, number>>)
      .flatMap((row) => Object.values(row))
      .reduce((a, b) => a + b, 0)
    expect(moved).toBe(150)
    const named = await preview('ann', { policy: 'abc', base: 'big-spenders' })
    expect(named.status).toBe(200)
    expect(Object.keys(named.body.matrix)).toEqual(['big', 'rest'])
    expect(Object.keys(named.body.matrix.big)).toEqual(['a', 'b', 'c'])
    expect((await get('/api/policies/preview', 'ann')).status).toBe(404)
    expect((await put('preview', 'ann', POLICY)).status).toBe(400)
    const bad = await preview('ann', { policy: POLICY.replace('default: rest', 'default: x') })
    expect(bad.status).toBe(400)
    expect(bad.body.issues[0].path).toBe('default')
    expect((await preview('ann', { policy: 'abc', base: '../x' })).status).toBe(400)
    expect((await preview('ann', { policy: 'abc', base: 'nope' })).status).toBe(404)
    expect((await preview('vic', { policy: 'abc' })).status).toBe(403)
  })

  it("tiers both sides of a preview at the latest run's as-of date, or at the asOf sent", async () => {
    const run = await send(
      'POST',
      '/api/analyses',
      'ann',
      JSON.stringify({ policy: 'rfm-cn8', asOf: '2024-01-01' }),
    )
    expect(run.status).toBe(201)
    const r = await preview('ann', { policy: POLICY })
    expect(r.status).toBe(200)
    expect([r.body.asOf, r.body.asOfFrom]).toEqual(['2024-01-01', 'latest-run'])
    // the current tiers of the preview are the run's, customer for customer
    expect(r.body.customers).toBe(run.body.customers)
    expect(r.body.customers).toBeLessThan(150)
    const count = (tiers: Body[]) => tiers.map((t: Body) => [t.id, t.customers])
    expect(count(r.body.from.tiers)).toEqual(count(run.body.tiers))
    const at = await preview('ann', { policy: POLICY, asOf: '2023-10-01' })
    expect([at.body.asOf, at.body.asOfFrom]).toEqual(['2023-10-01', 'request'])
    expect(at.body.customers).toBeLessThan(r.body.customers)
    const bad = await preview('ann', { policy: POLICY, asOf: 'yesterday' })
    expect(bad.status).toBe(400)
    expect(bad.body.issues.map((i: Body) => i.path)).toEqual(['asOf'])
  })
})
