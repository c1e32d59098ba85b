/**
 * Tier policies (SPEC §4): which indicators and models feed which tiers, ordered rules
 * (first match wins), tier names in zh and en, expected shares, and the action plan per
 * tier. Written as YAML or JSON, validated with errors that give the dotted path and line.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { isMap, isScalar, parseDocument } from 'yaml'
import { z } from 'zod'
import { ClienteleError, type Issue } from '../schema/index.js'
import { parseExpression, type Expr } from './expression.js'

const text = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict()
const share = z
  .tuple([z.number().min(0).max(1), z.number().min(0).max(1)])
  .refine(([a, b]) => a <= b, {
    message: 'the lower bound must not exceed the upper bound',
  })
/** A rule; YAML reads a bare `true` / `false` as a boolean, which is a rule too. */
const rule = z.preprocess((v) => (typeof v === 'boolean' ? String(v) : v), z.string())
const span = z.string().regex(/^\d+[dwmy]$/, 'expected a span like 7d, 4w, 12m, 1y')

const action = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]+$/i, 'use letters, digits, - and _'),
    text,
    when: rule.optional(),
    /** `account_manager` (the customer's), or a fixed owner name. */
    owner: z.string().default('account_manager'),
    priority: z.enum(['high', 'medium', 'low']).default('medium'),
    due: span.default('30d'),
    /** Capacity units the action uses (visits, calls, budget). */
    cost: z.number().min(0).default(1),
  })
  .strict()

const tier = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]+$/i, 'use letters, digits, - and _'),
    name: text,
    description: text.optional(),
    when: rule.optional(),
    expected: z
      .object({ customers: share.optional(), value: share.optional() })
      .strict()
      .optional(),
    actions: z.array(action).default([]),
  })
  .strict()

const models = z
  .object({
    rfm: z
      .object({
        bins: z.number().int().min(2).max(10).default(5),
        center: z.enum(['mean', 'median']).default('mean'),
      })
      .strict()
      .optional(),
    abc: z
      .object({
        indicator: z.string().default('monetary'),
        thresholds: z.tuple([z.number().gt(0).lt(1), z.number().gt(0).lt(1)]).default([0.7, 0.9]),
      })
      .strict()
      .optional(),
    lifecycle: z.object({ newWithinDays: z.number().positive().optional() }).strict().optional(),
    clv: z
      .object({
        model: z.enum(['bgnbd', 'pnbd', 'mbgnbd']).default('bgnbd'),
        horizon: span.default('12m'),
        annualDiscountRate: z.number().min(0).max(1).default(0.1),
        churnHorizon: span.default('90d'),
      })
      .strict()
      .optional(),
    scorecard: z
      .object({
        indicators: z.array(z.string()).min(2),
        normalise: z.enum(['minmax', 'zscore', 'percentile']).default('percentile'),
        weights: z.union([
          z.literal('entropy'),
          z.array(z.number().min(0)),
          z.object({ ahp: z.array(z.array(z.number().positive())) }).strict(),
        ]),
      })
      .strict()
      .optional(),
  })
  .strict()

export const POLICY_SCHEMA = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]+$/i, 'use letters, digits, - and _'),
    name: text,
    description: text.optional(),
    window: z
      .string()
      .regex(/^(all|\d+[dwmy])$/, 'expected all, or a span like 365d, 52w, 12m, 1y')
      .default('365d'),
    /** The indicator whose shares tiers are judged by (revenue, profit, CLV). */
    value: z.string().default('monetary'),
    models: models.default({}),
    tiers: z.array(tier).min(1),
    /** Tier of customers no rule matches. */
    default: z.string(),
    needs: z
      .object({
        noContactDays: z.number().positive().default(90),
        lowSatisfaction: z.number().default(3),
      })
      .strict()
      .default({ noContactDays: 90, lowSatisfaction: 3 }),
    /** Capacity per owner per month, in action cost units; `*` applies to every owner. */
    capacity: z.record(z.string(), z.number().min(0)).default({}),
    /** KPIs tracked per tier across snapshots; `share` is the tier's share of the total. */
    kpis: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9_-]+$/i, 'use letters, digits, - and _'),
            name: text,
            tier: z.string().optional(),
            indicator: z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected an indicator name'),
            aggregate: z.enum(['mean', 'sum', 'share']),
          })
          .strict(),
      )
      .optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const ids = p.tiers.map((t) => t.id)
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'id'],
          message: `duplicate tier id ${id}`,
        })
    })
    if (!ids.includes(p.default)) {
      ctx.addIssue({
        code: 'custom',
        path: ['default'],
        message: `no tier with id ${p.default} (tiers: ${ids.join(', ')})`,
      })
    }
    p.kpis?.forEach((k, i) => {
      if (k.tier !== undefined && !ids.includes(k.tier))
        ctx.addIssue({
          code: 'custom',
          path: ['kpis', i, 'tier'],
          message: `no tier with id ${k.tier} (tiers: ${ids.join(', ')})`,
        })
    })
    p.tiers.forEach((t, i) => {
      if (t.when === undefined && t.id !== p.default) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'when'],
          message: 'required for every tier but the default',
        })
      }
    })
  })

export type PolicySpec = z.infer<typeof POLICY_SCHEMA>

/** A validated policy with its rules parsed and its hash (of the canonical JSON). */
export interface Policy extends PolicySpec {
  readonly rules: readonly (Expr | undefined)[]
  readonly actionRules: readonly (readonly (Expr | undefined)[])[]
  readonly hash: string
  readonly source: string
}

function policyError(source: string, issues: Issue[]): ClienteleError {
  return new ClienteleError('POLICY_INVALID', `policy ${source} is invalid`, { issues })
}

/** Validates a policy object; `lineOf` maps a path to a line of the source file when known. */
export function parsePolicy(
  value: unknown,
  source: string,
  lineOf: (path: readonly PropertyKey[]) => number | undefined = () => undefined,
): Policy {
  const parsed = POLICY_SCHEMA.safeParse(value)
  if (!parsed.success) {
    const issue = (path: readonly PropertyKey[], message: string): Issue => ({
      code: 'POLICY_INVALID',
      file: source,
      path: path.join('.'),
      line: lineOf(path),
      message,
    })
    throw policyError(
      source,
      parsed.error.issues.flatMap((i) =>
        i.code === 'unrecognized_keys'
          ? i.keys.map((k) => issue([...i.path, k], `unknown key "${k}"`))
          : [issue(i.path, i.message)],
      ),
    )
  }
  const p = parsed.data
  const issues: Issue[] = []
  const parse = (text: string | undefined, path: (string | number)[]): Expr | undefined => {
    if (text === undefined) return undefined
    try {
      return parseExpression(text, path.join('.'))
    } catch (e) {
      const first = e instanceof ClienteleError ? e.issues[0] : undefined
      issues.push({
        code: 'POLICY_INVALID',
        file: source,
        path: path.join('.'),
        line: lineOf(path),
        message: first?.message ?? String(e),
        value: text,
      })
      return undefined
    }
  }
  const rules = p.tiers.map((t, i) => parse(t.when, ['tiers', i, 'when']))
  const actionRules = p.tiers.map((t, i) =>
    t.actions.map((a, j) => parse(a.when, ['tiers', i, 'actions', j, 'when'])),
  )
  if (issues.length > 0) throw policyError(source, issues)
  const hash = createHash('sha256').update(JSON.stringify(p)).digest('hex').slice(0, 16)
  return { ...p, rules, actionRules, hash, source }
}

/** Reads a policy file (YAML or JSON). */
export function loadPolicyFile(path: string): Policy {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new ClienteleError('POLICY_INVALID', `policy file not found: ${path}`)
  }
  return parsePolicyText(text, path)
}

export function parsePolicyText(text: string, source: string): Policy {
  const doc = parseDocument(text)
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!
    throw policyError(source, [
      {
        code: 'POLICY_INVALID',
        file: source,
        line: e.linePos?.[0]?.line,
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
      },
    ])
  }
  const lineAt = (at: number) => text.slice(0, at).split('\n').length
  const lineOf = (p: readonly PropertyKey[]): number | undefined => {
    // A mapping key's own line, so an unknown key with a block value points at the key.
    const parent = p.length > 0 ? doc.getIn(p.slice(0, -1) as (string | number)[], true) : null
    if (isMap(parent)) {
      const pair = parent.items.find((it) => isScalar(it.key) && it.key.value === p[p.length - 1])
      const at = isScalar(pair?.key) ? pair.key.range?.[0] : undefined
      if (at !== undefined) return lineAt(at)
    }
    for (let k = p.length; k >= 0; k--) {
      const node = doc.getIn(p.slice(0, k) as (string | number)[], true) as
        { range?: [number, number] } | undefined
      const at = node?.range?.[0]
      if (at !== undefined) return lineAt(at)
    }
    return undefined
  }
  return parsePolicy(doc.toJS(), source, lineOf)
}
