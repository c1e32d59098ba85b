import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withStore } from '../app/index.js'
import { createServer } from './app.js'
import { createToken } from './auth-store.js'
import { PASSWORD, login, makeFixture, type Fixture } from './test-fixtures.js'

let f: Fixture
let app: ReturnType<typeof createServer>
let clock = 1_700_000_000_000

beforeAll(async () => {
  f = await makeFixture()
  app = createServer({ store: f.store, now: () => clock })
})
afterAll(() => f?.cleanup())

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

describe('health, login and sessions', () => {
  it('answers health without auth, with security headers', async () => {
    const res = await app.request('/api/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    )
  })

  it('refuses every other route without a user: 401 with the error body', async () => {
    const res = await app.request('/api/customers')
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      error: 'sign in first (POST /api/login) or send a token',
      code: 'AUTH_REQUIRED',
      issues: [],
    })
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('sets an HTTP-only, SameSite=Strict session cookie and returns a CSRF token', async () => {
    const res = await post('/api/login', { username: 'ada', password: PASSWORD })
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^clientele_session=[\w-]{40,};/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    const body = (await res.json()) as { user: unknown; csrfToken: string }
    expect(body.user).toEqual({ name: 'ada', role: 'admin' })
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/)
    const tiers = await app.request('/api/tiers', { headers: { cookie: cookie.split(';')[0]! } })
    expect(tiers.status).toBe(200)
  })

  it('validates the login body with zod: 400 with issues', async () => {
    const res = await post('/api/login', { username: 'ada' })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { code: string; issues: { path: string }[] }
    expect(body.code).toBe('USAGE')
    expect(body.issues.map((i) => i.path)).toEqual(['password'])
  })

  it('rejects a wrong password and an unknown user alike', async () => {
    for (const username of ['ann', 'nobody']) {
      const res = await post('/api/login', { username, password: 'wrong password' })
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({
        error: 'wrong user name or password',
        code: 'AUTH_REQUIRED',
        issues: [],
      })
    }
  })

  it('requires the CSRF token on unsafe requests of a cookie session: 403 without', async () => {
    const s = await login(app, 'ann')
    const body = { policy: 'rfm-cn8' }
    const none = await post('/api/analyses', body, { cookie: s.cookie })
    expect(none.status).toBe(403)
    expect(await none.json()).toEqual({
      error: 'missing or wrong X-CSRF-Token header',
      code: 'FORBIDDEN',
      issues: [],
    })
    const wrong = await post('/api/analyses', body, { cookie: s.cookie, 'x-csrf-token': 'x' })
    expect(wrong.status).toBe(403)
    const out = await post('/api/logout', {}, s.headers)
    expect(out.status).toBe(200)
    const after = await app.request('/api/tiers', { headers: { cookie: s.cookie } })
    expect(after.status).toBe(401)
  })

  it('gives a second tab of a cookie session its CSRF token: GET /api/session, then it may POST', async () => {
    const s = await login(app, 'ann')
    // a new tab sends the cookie but has not seen the login's answer
    const tab = { cookie: s.cookie }
    const preview = (headers: Record<string, string>) =>
      post('/api/policies/preview', { policy: 'abc', base: 'abc' }, headers)
    expect((await preview(tab)).status).toBe(403)
    const res = await app.request('/api/session', { headers: tab })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const session = (await res.json()) as { user: unknown; csrfToken: string }
    expect(session).toEqual({ user: { name: 'ann', role: 'analyst' }, csrfToken: s.csrf })
    expect((await preview({ ...tab, 'x-csrf-token': session.csrfToken })).status).toBe(200)
    expect((await preview(tab)).status).toBe(403)

    expect((await app.request('/api/session')).status).toBe(401)
    const token = await withStore(f.store, (e) => createToken(e, 'ann'))
    const bearer = await app.request('/api/session', {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(bearer.status).toBe(401)
    expect(await bearer.json()).toEqual({
      error: 'an API token has no session: sign in for one',
      code: 'AUTH_REQUIRED',
      issues: [],
    })
    expect((await post('/api/logout', {}, s.headers)).status).toBe(200)
    expect((await app.request('/api/session', { headers: tab })).status).toBe(401)
  })

  it('accepts an API token as Bearer without CSRF, and no made-up token', async () => {
    const token = await withStore(f.store, (e) => createToken(e, 'vic'))
    const ok = await app.request('/api/snapshots', {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(ok.status).toBe(200)
    const bad = await app.request('/api/snapshots', { headers: { authorization: 'Bearer nope' } })
    expect(bad.status).toBe(401)
    expect(((await bad.json()) as { code: string }).code).toBe('AUTH_REQUIRED')
    // a viewer's token is still a viewer: the unsafe route is refused by role, not CSRF
    const denied = await post('/api/analyses', {}, { authorization: `Bearer ${token}` })
    expect(denied.status).toBe(403)
    expect(await denied.json()).toEqual({
      error: 'your role may not do this (needs admin or analyst)',
      code: 'FORBIDDEN',
      issues: [],
    })
  })

  it('limits failed logins to 5 per user and address in 15 minutes: 429', async () => {
    for (let i = 0; i < 5; i++)
      expect((await post('/api/login', { username: 'vic', password: 'nope' })).status).toBe(401)
    const blocked = await post('/api/login', { username: 'vic', password: PASSWORD })
    expect(blocked.status).toBe(429)
    expect(await blocked.json()).toEqual({
      error: 'too many failed logins: try again in 15 minutes',
      code: 'RATE_LIMITED',
      issues: [],
    })
    // another user from the same address is not locked out
    expect((await post('/api/login', { username: 'ada', password: PASSWORD })).status).toBe(200)
    clock += 15 * 60_000 + 1
    expect((await post('/api/login', { username: 'vic', password: PASSWORD })).status).toBe(200)
    const s = await login(app, 'ada')
    const log = await app.request('/api/audit?user=vic&action=login', { headers: s.headers })
    const { entries } = (await log.json()) as { entries: Record<string, string | null>[] }
    expect(entries.map((e) => `${e.outcome} ${e.detail}`)).toEqual([
      'ok null',
      'denied rate limited',
      ...Array<string>(5).fill('failed null'),
    ])
  })

  it('refuses a body over the limit: 413', async () => {
    const small = createServer({ store: f.store, maxBodyBytes: 100 })
    const res = await small.request('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '200' },
      body: JSON.stringify({ username: 'x'.repeat(150), password: 'y' }),
    })
    expect(res.status).toBe(413)
    expect(((await res.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('answers unknown routes with 404 JSON', async () => {
    const s = await login(app, 'ada')
    const res = await app.request('/api/nothing', { headers: { cookie: s.cookie } })
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: 'no such route', code: 'NOT_FOUND', issues: [] })
  })
})
