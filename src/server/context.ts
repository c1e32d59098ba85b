/** What the auth middleware leaves on the request for the routes, and the server's options. */
import type { Context } from 'hono'
import { ClienteleError } from '../schema/index.js'
import type { User, UserRole } from './auth-store.js'
import type { StoreGate } from './gate.js'

export type Env = {
  Variables: {
    user: User
    via: 'session' | 'token'
    sessionId: string | undefined
    /** The CSRF token of a cookie session; undefined for an API token. */
    csrf: string | undefined
  }
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } }
}

export interface ServerDeps {
  readonly gate: StoreGate
  readonly now: () => number
}

/** The client's address as the socket saw it; forwarded headers are not trusted. */
export function clientIp(c: Context<Env>): string {
  return c.env?.incoming?.socket?.remoteAddress ?? 'local'
}

/** Throws FORBIDDEN unless the signed-in user has one of `roles`. */
export function requireRole(c: Context<Env>, ...roles: UserRole[]): void {
  if (!roles.includes(c.get('user').role))
    throw new ClienteleError('FORBIDDEN', `your role may not do this (needs ${roles.join(' or ')})`)
}
