/** The audit log (SPEC §7): who did what, when, from where, and whether it worked. */
import type { Engine } from '../engine/index.js'
import { ClienteleError } from '../schema/index.js'
import { AUDIT_TABLE, ensureAuthTables } from './auth-store.js'
import type { StoreGate } from './gate.js'

export interface AuditEntry {
  readonly user: string | null
  readonly ip: string | null
  /** `login`, `logout`, `analysis`, `action`, `import`, `export`, `policy`. */
  readonly action: string
  readonly target?: string
  readonly outcome: 'ok' | 'failed' | 'denied'
  readonly detail?: string
}

export async function audit(engine: Engine, e: AuditEntry): Promise<void> {
  await ensureAuthTables(engine)
  await engine.run(
    `INSERT INTO ${AUDIT_TABLE} VALUES (now()::TIMESTAMP, $user, $ip, $action, $target, $outcome, $detail)`,
    {
      user: e.user,
      ip: e.ip,
      action: e.action,
      target: e.target ?? null,
      outcome: e.outcome,
      detail: e.detail ?? null,
    },
  )
}

/**
 * What `check` returns (a route's role and input checks); when it throws, the refusal is
 * audited first: `denied` for a role without the right, `failed` for bad input.
 */
export async function auditRefusal<T>(
  gate: StoreGate,
  e: Omit<AuditEntry, 'outcome' | 'detail'>,
  check: () => T | Promise<T>,
): Promise<T> {
  try {
    return await check()
  } catch (err) {
    const known = err instanceof ClienteleError
    await gate.withEngine((en) =>
      audit(en, {
        ...e,
        outcome: known && err.code === 'FORBIDDEN' ? 'denied' : 'failed',
        detail: known ? `${err.code}: ${err.message}` : 'internal error',
      }),
    )
    throw err
  }
}

export interface AuditQuery {
  readonly user?: string
  readonly action?: string
  readonly limit: number
}

/** The latest entries first. */
export async function auditEntries(engine: Engine, q: AuditQuery) {
  await ensureAuthTables(engine)
  const rows = await engine.all<Record<string, string | null>>(
    `SELECT CAST(happened_at AS VARCHAR) AS happened_at, user_name, ip, action, target, outcome, detail FROM ${AUDIT_TABLE}
     WHERE ($user IS NULL OR user_name = $user) AND ($action IS NULL OR action = $action)
     ORDER BY happened_at DESC LIMIT CAST($limit AS INTEGER)`,
    { user: q.user ?? null, action: q.action ?? null, limit: q.limit },
  )
  return rows.map((r) => ({
    at: r.happened_at,
    user: r.user_name,
    ip: r.ip,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    detail: r.detail,
  }))
}
