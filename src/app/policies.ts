/**
 * Policies kept in the store beside the presets: listed, read, saved after validation, and
 * previewed against the data before anyone saves or runs them. A saved policy is its YAML
 * text under a name; it never becomes a file path.
 */
import { existsSync } from 'node:fs'
import type { Engine } from '../engine/index.js'
import { ensureStore } from '../ingest/index.js'
import { ClienteleError } from '../schema/index.js'
import {
  PRESETS,
  parsePolicyText,
  presetText,
  type Policy,
  type PresetName,
} from '../tiering/index.js'
import { analyze, runAnalysis, type AnalyzeOptions, type AnalyzeResult } from './analyze.js'
import { diffTiers, type PolicyDiff } from './diff-policy.js'
import { latestRun } from './export.js'
import { withStore } from './store.js'

export const POLICIES_TABLE = 'policies'

/** What a policy's name may be: a preset's or a saved policy's. */
export const POLICY_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/

export interface PolicyEntry {
  readonly name: string
  readonly kind: 'preset' | 'saved'
  readonly updatedAt: string | null
  readonly updatedBy: string | null
}

export interface PolicyText extends PolicyEntry {
  readonly text: string
  readonly policy: Policy
}

const isPreset = (name: string): name is PresetName => (PRESETS as readonly string[]).includes(name)

async function ensurePolicies(engine: Engine): Promise<void> {
  await engine.run(
    `CREATE TABLE IF NOT EXISTS ${POLICIES_TABLE} (name VARCHAR PRIMARY KEY, text VARCHAR NOT NULL, updated_at TIMESTAMP NOT NULL, updated_by VARCHAR)`,
  )
}

/** The presets, then the saved policies by name. */
export async function listPolicies(engine: Engine): Promise<PolicyEntry[]> {
  await ensurePolicies(engine)
  const saved = await engine.all<{ name: string; at: string; by: string | null }>(
    `SELECT name, CAST(updated_at AS VARCHAR) AS at, updated_by AS by FROM ${POLICIES_TABLE} ORDER BY name`,
  )
  return [
    ...PRESETS.map((name) => ({
      name,
      kind: 'preset' as const,
      updatedAt: null,
      updatedBy: null,
    })),
    ...saved.map((r) => ({
      name: r.name,
      kind: 'saved' as const,
      updatedAt: r.at,
      updatedBy: r.by,
    })),
  ]
}

/** A preset or saved policy's text and parsed policy; NOT_FOUND for any other name. */
export async function readPolicy(engine: Engine, name: string): Promise<PolicyText> {
  if (isPreset(name)) {
    const text = presetText(name)
    return {
      name,
      kind: 'preset',
      updatedAt: null,
      updatedBy: null,
      text,
      policy: parsePolicyText(text, `preset:${name}`),
    }
  }
  await ensurePolicies(engine)
  const [row] = await engine.all<{ text: string; at: string; by: string | null }>(
    `SELECT text, CAST(updated_at AS VARCHAR) AS at, updated_by AS by FROM ${POLICIES_TABLE} WHERE name = $name`,
    { name },
  )
  if (row === undefined) throw new ClienteleError('NOT_FOUND', `no policy ${name}`)
  return {
    name,
    kind: 'saved',
    updatedAt: row.at,
    updatedBy: row.by,
    text: row.text,
    policy: parsePolicyText(row.text, `policy:${name}`),
  }
}

/**
 * Validates `text` and saves it under `name`, replacing an earlier version; POLICY_INVALID
 * with every issue (dotted path, line) when it is not a valid policy.
 */
export async function savePolicy(
  engine: Engine,
  name: string,
  text: string,
  by: string | null,
): Promise<{ policy: Policy; created: boolean }> {
  if (!POLICY_NAME.test(name))
    throw new ClienteleError('USAGE', `invalid policy name ${name}: use a-z, 0-9 and -`)
  if (isPreset(name) || name === 'preview')
    throw new ClienteleError('USAGE', `${name} is reserved: save the policy under another name`)
  const policy = parsePolicyText(text, `policy:${name}`)
  await ensurePolicies(engine)
  const [old] = await engine.all(`SELECT 1 FROM ${POLICIES_TABLE} WHERE name = $name`, { name })
  await engine.run(`DELETE FROM ${POLICIES_TABLE} WHERE name = $name`, { name })
  await engine.run(`INSERT INTO ${POLICIES_TABLE} VALUES ($name, $text, now()::TIMESTAMP, $by)`, {
    name,
    text,
    by,
  })
  return { policy, created: old === undefined }
}

export interface AnalyzeNamedOptions extends Omit<
  AnalyzeOptions,
  'policy' | 'files' | 'mapping' | 'outDir'
> {
  /** A preset's or a saved policy's name; default `rfm-cn8`. */
  readonly policy?: string
}

/**
 * As `analyze`, with a preset or a policy saved in the store, named by a client: the name is
 * only ever looked up, never opened as a file, and NOT_FOUND names what may be run instead.
 * @example await analyzeNamed({ store: 'shop.duckdb', policy: 'big-spenders', formats: [] })
 */
export async function analyzeNamed(o: AnalyzeNamedOptions): Promise<AnalyzeResult> {
  const name = o.policy ?? 'rfm-cn8'
  const missing = () =>
    new ClienteleError(
      'NOT_FOUND',
      `no preset or saved policy named ${JSON.stringify(name)} (presets: ${PRESETS.join(', ')})`,
    )
  if (!POLICY_NAME.test(name)) throw missing()
  return runByName(o, name, missing)
}

/** Runs the preset or saved policy `name` of the store, answering `missing()` when neither. */
function runByName(
  o: AnalyzeOptions,
  name: string,
  missing: () => ClienteleError,
): Promise<AnalyzeResult> {
  return withStore(o.store, async (engine) => {
    const found = await readPolicy(engine, name).catch((e: unknown) => {
      throw e instanceof ClienteleError && e.code === 'NOT_FOUND' ? missing() : e
    })
    return runAnalysis(engine, found.policy, o)
  })
}

/**
 * The CLI's analyze: `--policy` names a preset or a policy file, or else a policy saved in
 * the store (through the dashboard or the API).
 */
export async function analyzePolicy(o: AnalyzeOptions): Promise<AnalyzeResult> {
  const name = o.policy ?? 'rfm-cn8'
  if (isPreset(name) || existsSync(name) || !POLICY_NAME.test(name)) return analyze(o)
  return runByName(
    o,
    name,
    () =>
      new ClienteleError(
        'POLICY_INVALID',
        `no preset, policy file or saved policy named ${name} (presets: ${PRESETS.join(', ')})`,
      ),
  )
}

export interface PreviewPolicyOptions {
  readonly store?: string
  /** A policy's YAML text, or the name of a preset or saved policy. */
  readonly policy: string
  /** The policy to compare with; default the latest run's. */
  readonly base?: string
  /** ISO date both policies tier at; default the latest run's, else the day after the last order. */
  readonly asOf?: string
}

export interface PolicyPreview extends PolicyDiff {
  /** Where `asOf` came from: the request, the latest run, or the day after the last order. */
  readonly asOfFrom: 'request' | 'latest-run' | 'last-order'
}

/** The tiers `policy` would give the store's customers, and how they would move from `base`'s. */
export async function previewPolicy(o: PreviewPolicyOptions): Promise<PolicyPreview> {
  return withStore(o.store, async (engine) => {
    await ensureStore(engine)
    const policy = POLICY_NAME.test(o.policy.trim())
      ? (await readPolicy(engine, o.policy.trim())).policy
      : parsePolicyText(o.policy, 'preview')
    const run = await latestRun(engine)
    const baseName = o.base ?? run.policy
    if (baseName === null)
      throw new ClienteleError('NOT_FOUND', 'no analysis yet to compare with: give a base policy')
    const base = (await readPolicy(engine, baseName)).policy
    // the current tiers are the latest run's, so both sides are tiered at its date
    const asOf = o.asOf ?? run.asOf ?? undefined
    const asOfFrom =
      o.asOf !== undefined ? 'request' : run.asOf !== null ? 'latest-run' : 'last-order'
    return { ...(await diffTiers(engine, base, policy, { asOf })), asOfFrom }
  })
}
