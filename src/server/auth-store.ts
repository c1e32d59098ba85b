/**
 * Users, sessions, API tokens and the audit log, kept in the store beside the data. Passwords
 * are argon2 hashes; session ids and API tokens are random and kept only as SHA-256 digests,
 * so a copy of the store gives no way in.
 */
import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import type { Engine } from '../engine/index.js'
import { ClienteleError } from '../schema/index.js'

/** The roles of SPEC §7; `manager` is the account manager who sees only own customers. */
export const USER_ROLES = ['admin', 'analyst', 'manager', 'viewer'] as const
export type UserRole = (typeof USER_ROLES)[number]

export interface User {
  readonly name: string
  readonly role: UserRole
}

export const USERS_TABLE = 'users'
export const SESSIONS_TABLE = 'sessions'
export const TOKENS_TABLE = 'api_tokens'
export const AUDIT_TABLE = 'audit_log'

const DDL = [
  `CREATE TABLE IF NOT EXISTS ${USERS_TABLE} (name VARCHAR PRIMARY KEY, role VARCHAR NOT NULL,
    password_hash VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${SESSIONS_TABLE} (id_hash VARCHAR PRIMARY KEY, user_name VARCHAR NOT NULL,
    csrf VARCHAR NOT NULL, expires_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${TOKENS_TABLE} (token_hash VARCHAR PRIMARY KEY, user_name VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${AUDIT_TABLE} (happened_at TIMESTAMP NOT NULL, user_name VARCHAR, ip VARCHAR,
    action VARCHAR NOT NULL, target VARCHAR, outcome VARCHAR NOT NULL, detail VARCHAR)`,
]

export async function ensureAuthTables(engine: Engine): Promise<void> {
  for (const ddl of DDL) await engine.run(ddl)
}

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex')
const randomId = () => randomBytes(32).toString('base64url')
// Verified against when the user is unknown, so a wrong name costs as long as a wrong password.
let dummyHash: Promise<string> | undefined

function isRole(role: string): role is UserRole {
  return (USER_ROLES as readonly string[]).includes(role)
}

/** Adds user `name` with `role`, or replaces the role and password of an existing one. */
export async function addUser(
  engine: Engine,
  name: string,
  role: string,
  password: string,
): Promise<User> {
  if (!isRole(role))
    throw new ClienteleError('USAGE', `invalid role: ${role} (expected ${USER_ROLES.join(', ')})`)
  if (name.trim() === '') throw new ClienteleError('USAGE', 'invalid user name: it is empty')
  if (password.length < 8)
    throw new ClienteleError('USAGE', 'the password is too short: use at least 8 characters')
  await ensureAuthTables(engine)
  const passwordHash = await hash(password)
  await engine.run(`DELETE FROM ${USERS_TABLE} WHERE name = $name`, { name })
  await engine.run(
    `INSERT INTO ${USERS_TABLE} VALUES ($name, $role, $passwordHash, now()::TIMESTAMP)`,
    { name, role, passwordHash },
  )
  return { name, role }
}

async function findUser(engine: Engine, name: string): Promise<(User & { hash: string }) | null> {
  const [row] = await engine.all<{ role: string; password_hash: string }>(
    `SELECT role, password_hash FROM ${USERS_TABLE} WHERE name = $name`,
    { name },
  )
  if (row === undefined || !isRole(row.role)) return null
  return { name, role: row.role, hash: row.password_hash }
}

/** The user whose password this is, or null. */
export async function checkPassword(
  engine: Engine,
  name: string,
  password: string,
): Promise<User | null> {
  await ensureAuthTables(engine)
  const user = await findUser(engine, name)
  if (user === null) {
    dummyHash ??= hash(randomId())
    await verify(await dummyHash, password)
    return null
  }
  return (await verify(user.hash, password)) ? { name: user.name, role: user.role } : null
}

export interface Session {
  readonly id: string
  readonly csrf: string
}

/** A new session for `user` that ends after `ttlMs`. */
export async function createSession(engine: Engine, user: string, ttlMs: number): Promise<Session> {
  const session = { id: randomId(), csrf: randomId() }
  await engine.run(`DELETE FROM ${SESSIONS_TABLE} WHERE expires_at < now()::TIMESTAMP`)
  await engine.run(
    `INSERT INTO ${SESSIONS_TABLE} VALUES ($id, $user, $csrf, now()::TIMESTAMP + to_milliseconds(CAST($ttl AS BIGINT)))`,
    { id: digest(session.id), user, csrf: session.csrf, ttl: ttlMs },
  )
  return session
}

/** The user and CSRF token of a live session, or null. */
export async function findSession(
  engine: Engine,
  id: string,
): Promise<{ user: User; csrf: string } | null> {
  if (!(await engine.tableExists(SESSIONS_TABLE))) return null
  const [row] = await engine.all<{ user_name: string; csrf: string }>(
    `SELECT user_name, csrf FROM ${SESSIONS_TABLE} WHERE id_hash = $id AND expires_at > now()::TIMESTAMP`,
    { id: digest(id) },
  )
  const user = row === undefined ? null : await findUser(engine, row.user_name)
  return row === undefined || user === null
    ? null
    : { user: { name: user.name, role: user.role }, csrf: row.csrf }
}

export async function endSession(engine: Engine, id: string): Promise<void> {
  await engine.run(`DELETE FROM ${SESSIONS_TABLE} WHERE id_hash = $id`, { id: digest(id) })
}

/** A new API token for `user`, shown once: only its digest is kept. */
export async function createToken(engine: Engine, user: string): Promise<string> {
  await ensureAuthTables(engine)
  if ((await findUser(engine, user)) === null)
    throw new ClienteleError('USAGE', `no user ${user}: add one with clientele user add`)
  const token = `clt_${randomId()}`
  await engine.run(`INSERT INTO ${TOKENS_TABLE} VALUES ($hash, $user, now()::TIMESTAMP)`, {
    hash: digest(token),
    user,
  })
  return token
}

export async function findToken(engine: Engine, token: string): Promise<User | null> {
  if (!(await engine.tableExists(TOKENS_TABLE))) return null
  const [row] = await engine.all<{ user_name: string }>(
    `SELECT user_name FROM ${TOKENS_TABLE} WHERE token_hash = $hash`,
    { hash: digest(token) },
  )
  const user = row === undefined ? null : await findUser(engine, row.user_name)
  return user === null ? null : { name: user.name, role: user.role }
}
