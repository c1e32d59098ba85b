/**
 * The HTTP API (SPEC §6–7): a Hono app over one store. Every response carries security
 * headers; bodies are size-limited; everything but health and login needs a signed-in user.
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { DEFAULT_STORE } from '../engine/index.js'
import { ClienteleError } from '../schema/index.js'
import { authRoutes, requireAuth } from './auth.js'
import type { Env, ServerDeps } from './context.js'
import { openApiDocument } from './openapi.js'
import { customerRoutes } from './customers.js'
import { onError } from './errors.js'
import { exportRoutes } from './exports.js'
import { importRoutes } from './imports.js'
import { orderRoutes } from './orders.js'
import { overviewRoutes } from './overview.js'
import { policyRoutes } from './policies.js'
import { StoreGate } from './gate.js'
import { runRoutes } from './runs.js'
import { WEB_ROOT, serveWeb } from './static.js'

export interface ServerOptions {
  /** The store file; default `./clientele.duckdb`. */
  readonly store?: string
  /** Largest request body in bytes; default 1 MiB. */
  readonly maxBodyBytes?: number
  /** Largest upload to `POST /api/imports` in bytes; default 256 MiB. */
  readonly maxUploadBytes?: number
  /** The clock, in ms since the epoch (tests move it). */
  readonly now?: () => number
  /** The built dashboard served at `/`; default `dist/web/` of this project. */
  readonly webRoot?: string
}

const isApi = (path: string) => path === '/api' || path.startsWith('/api/')
const MIB = 1024 * 1024
const sizeText = (bytes: number) =>
  bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes.toLocaleString('en-US')} bytes`

/** Refuses a body over `max` bytes with PAYLOAD_TOO_LARGE naming the limit. */
const limit = (max: number, what: string) =>
  bodyLimit({
    maxSize: max,
    onError: () => {
      throw new ClienteleError('PAYLOAD_TOO_LARGE', `${what} is larger than ${sizeText(max)}`)
    },
  })

/** The API as a Hono app, served under `/api`. */
export function createServer(options: ServerOptions = {}): Hono<Env> {
  const deps: ServerDeps = {
    gate: new StoreGate(options.store ?? DEFAULT_STORE),
    now: options.now ?? Date.now,
  }
  const app = new Hono<Env>()
  const headers = (csp: Parameters<typeof secureHeaders>[0] & object) =>
    secureHeaders({ ...csp, xFrameOptions: 'DENY', referrerPolicy: 'no-referrer' })
  const apiHeaders = headers({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  })
  // the dashboard's page may load its own script, style and API, nothing else
  const webHeaders = headers({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  })
  app.use('*', (c, next) => (isApi(c.req.path) ? apiHeaders(c, next) : webHeaders(c, next)))
  const bodyMax = limit(options.maxBodyBytes ?? MIB, 'the request body')
  const uploadMax = limit(options.maxUploadBytes ?? 256 * MIB, 'the upload')
  // uploads get their own limit after sign-in and role checks (imports.ts), so that no one may
  // make the server hold 256 MiB without being allowed to import
  app.use('/api/*', (c, next) => (c.req.path === '/api/imports' ? next() : bodyMax(c, next)))
  app.get('/api/health', (c) => c.json({ status: 'ok' }))
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()))
  app.route('/api', authRoutes(deps))
  app.use('/api/*', requireAuth(deps))
  app.route('/api', customerRoutes(deps))
  app.route('/api', orderRoutes(deps))
  app.route('/api', overviewRoutes(deps))
  app.route('/api', runRoutes(deps))
  app.route('/api', policyRoutes(deps))
  app.route('/api', exportRoutes(deps))
  app.route('/api', importRoutes(deps, uploadMax))
  const web = serveWeb(options.webRoot ?? WEB_ROOT)
  app.on(['GET', 'HEAD'], '*', (c, next) => (isApi(c.req.path) ? next() : web(c)))
  app.notFound((c) => c.json({ error: 'no such route', code: 'NOT_FOUND', issues: [] }, 404))
  app.onError(onError)
  return app
}
