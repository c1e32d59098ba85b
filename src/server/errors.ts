/**
 * The one place errors become HTTP answers (STYLE 12): a status from the error's code and
 * `{ error, code, issues }`, never a stack trace. Input is checked with zod here too, so a
 * bad query string and a bad policy look the same to a client.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import { ClienteleError, type ErrorCode } from '../schema/index.js'

const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  AUTH_REQUIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SNAPSHOT_NOT_FOUND: 404,
  ACTION_NOT_FOUND: 404,
  ENGINE_STORE_LOCKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
}

/** The HTTP status of an error code: 400 for usage and invalid input, 500 for the rest. */
export function statusOf(code: ErrorCode): ContentfulStatusCode {
  const known = STATUS[code]
  if (known !== undefined) return known
  if (code === 'USAGE' || code.endsWith('_INVALID') || code.startsWith('INGEST_')) return 400
  return 500
}

export function onError(e: Error, c: Context): Response {
  if (e instanceof ClienteleError) {
    const status = statusOf(e.code)
    const error = status === 500 ? 'internal error' : e.message
    return c.json({ error, code: e.code, issues: status === 500 ? [] : e.issues }, status)
  }
  if (e instanceof HTTPException && e.status < 500)
    return c.json({ error: e.message || 'bad request', code: 'USAGE', issues: [] }, e.status)
  console.error(e)
  return c.json({ error: 'internal error', code: 'INTERNAL', issues: [] }, 500)
}

/** `value` checked against `schema`, or a USAGE error listing every problem. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  throw new ClienteleError('USAGE', `invalid ${what}`, {
    issues: r.error.issues.map((i) => ({
      code: 'USAGE' as const,
      path: i.path.join('.'),
      message: i.message,
    })),
  })
}

/** The JSON body of the request, or a USAGE error when it is not JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    throw new ClienteleError('USAGE', 'invalid body: expected JSON')
  }
}
