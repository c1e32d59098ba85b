/**
 * Signing in and out, and the middleware that finds the user of every other request: a
 * session cookie (HTTP-only, SameSite=Strict) whose unsafe requests must echo the CSRF token
 * given at login, or an API token sent as `Authorization: Bearer`, which needs no CSRF token
 * because a browser never attaches it on its own.
 */
import { timingSafeEqual } from 'node:crypto'
import { Hono, type MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import { ClienteleError } from '../schema/index.js'
import { audit } from './audit.js'
import { checkPassword, createSession, endSession, findSession, findToken } from './auth-store.js'
import { clientIp, type Env, type ServerDeps } from './context.js'
import { jsonBody, parse } from './errors.js'
import { LoginLimiter } from './rate-limit.js'

export const SESSION_COOKIE = 'clientele_session'
const SESSION_TTL_MS = 8 * 3600_000
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

const Login = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
})

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** POST /login and /logout, and GET /session for a page that has the cookie but not the token. */
export function authRoutes(deps: ServerDeps): Hono<Env> {
  const limiter = new LoginLimiter(5, 15 * 60_000, deps.now)
  const app = new Hono<Env>()
  app.post('/login', async (c) => {
    const { username, password } = parse(Login, await jsonBody(c), 'login')
    const ip = clientIp(c)
    const key = `${username}\u0000${ip}`
    if (limiter.blocked(key)) {
      await deps.gate.withEngine((e) =>
        audit(e, {
          user: username,
          ip,
          action: 'login',
          outcome: 'denied',
          detail: 'rate limited',
        }),
      )
      throw new ClienteleError('RATE_LIMITED', 'too many failed logins: try again in 15 minutes')
    }
    const session = await deps.gate.withEngine(async (e) => {
      const user = await checkPassword(e, username, password)
      await audit(e, { user: username, ip, action: 'login', outcome: user ? 'ok' : 'failed' })
      return user === null ? null : { user, ...(await createSession(e, user.name, SESSION_TTL_MS)) }
    })
    if (session === null) {
      limiter.fail(key)
      throw new ClienteleError('AUTH_REQUIRED', 'wrong user name or password')
    }
    limiter.clear(key)
    setCookie(c, SESSION_COOKIE, session.id, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: SESSION_TTL_MS / 1000,
    })
    return c.json({ user: session.user, csrfToken: session.csrf })
  })
  // a new tab shares the cookie but not the token, which only the login's answer carried; a
  // page of another site cannot read this answer (no CORS) nor send the cookie (SameSite=Strict)
  app.get('/session', requireAuth(deps), (c) => {
    const csrf = c.get('csrf')
    if (csrf === undefined)
      throw new ClienteleError('AUTH_REQUIRED', 'an API token has no session: sign in for one')
    const { name, role } = c.get('user')
    c.header('cache-control', 'no-store')
    return c.json({ user: { name, role }, csrfToken: csrf })
  })
  app.post('/logout', requireAuth(deps), async (c) => {
    const id = c.get('sessionId')
    const user = c.get('user')
    await deps.gate.withEngine(async (e) => {
      if (id !== undefined) await endSession(e, id)
      await audit(e, { user: user.name, ip: clientIp(c), action: 'logout', outcome: 'ok' })
    })
    deleteCookie(c, SESSION_COOKIE, { path: '/api' })
    return c.json({ ok: true })
  })
  return app
}

/** Finds the user from a Bearer token or the session cookie; 401 without, 403 on a bad CSRF. */
export function requireAuth(deps: ServerDeps): MiddlewareHandler<Env> {
  return async (c, next) => {
    const header = c.req.header('authorization')
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(header)
      const user =
        m?.[1] === undefined ? null : await deps.gate.withEngine((e) => findToken(e, m[1]!))
      if (user === null) throw new ClienteleError('AUTH_REQUIRED', 'invalid API token')
      c.set('user', user)
      c.set('via', 'token')
      c.set('sessionId', undefined)
      c.set('csrf', undefined)
      return next()
    }
    const id = getCookie(c, SESSION_COOKIE)
    const session = id === undefined ? null : await deps.gate.withEngine((e) => findSession(e, id))
    if (id === undefined || session === null)
      throw new ClienteleError('AUTH_REQUIRED', 'sign in first (POST /api/login) or send a token')
    if (!SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header('x-csrf-token')
      if (sent === undefined || !sameSecret(sent, session.csrf))
        throw new ClienteleError('FORBIDDEN', 'missing or wrong X-CSRF-Token header')
    }
    c.set('user', session.user)
    c.set('via', 'session')
    c.set('sessionId', id)
    c.set('csrf', session.csrf)
    return next()
  }
}
