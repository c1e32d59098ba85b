import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ClienteleError, type Issue } from '../schema/index.js'
import { loadPolicyFile, parsePolicy, parsePolicyText } from './policy.js'
import { PRESETS, resolvePolicy } from './presets.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-policy-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A two-tier policy; `tier0` is spliced into the first tier (indented four spaces). */
const policy = (tier0 = '', rest = '') => `id: t
name: { zh: 甲, en: A }
tiers:
  - id: top
    name: { zh: 高, en: High }
    when: a >= 5
${tier0}  - id: rest
    name: { zh: 低, en: Low }
default: rest
${rest}`

function failure(text: string): { message: string; issues: readonly Issue[]; describe: string } {
  try {
    parsePolicyText(text, 'p.yaml')
  } catch (e) {
    if (!(e instanceof ClienteleError)) throw e
    expect(e.code).toBe('POLICY_INVALID')
    return { message: e.message, issues: e.issues, describe: e.describe() }
  }
  throw new Error('expected the policy to be rejected')
}

const issue = (path: string, line: number, message: string, value?: string): Issue => ({
  code: 'POLICY_INVALID',
  file: 'p.yaml',
  path,
  line,
  message,
  ...(value === undefined ? {} : { value }),
})

describe('parsePolicyText: precise errors', () => {
  it('accepts the minimal policy and fills in the defaults', () => {
    const p = parsePolicyText(policy(), 'p.yaml')
    expect(p.window).toBe('365d')
    expect(p.value).toBe('monetary')
    expect(p.needs).toEqual({ noContactDays: 90, lowSatisfaction: 3 })
    expect(p.capacity).toEqual({})
    expect(p.rules[1]).toBeUndefined()
    expect(p.rules[0]).toEqual({ kind: 'compare', op: '>=', column: 'a', value: 5 })
  })

  it('reads a bare YAML true or false as the rule true or false, not a wrong type', () => {
    const p = parsePolicyText(policy().replace('when: a >= 5', 'when: true'), 'p.yaml')
    expect(p.tiers[0]!.when).toBe('true')
    expect(p.rules[0]).toEqual({ kind: 'const', value: true })
  })

  it('names an unknown key by its dotted path and the line of the key itself', () => {
    const f = failure(policy('    colour: red\n'))
    expect(f.message).toBe('policy p.yaml is invalid')
    expect(f.issues).toEqual([issue('tiers.0.colour', 7, 'unknown key "colour"')])
    // Rendered once, path then message (the path is not repeated inside the message).
    expect(f.describe).toBe(
      'policy p.yaml is invalid\n  p.yaml:7 tiers.0.colour: unknown key "colour"',
    )
  })

  it('points an unknown key with a block value at the key, not at its value', () => {
    const f = failure(policy('', 'extra:\n  deep: 1\n'))
    expect(f.issues).toEqual([issue('extra', 10, 'unknown key "extra"')])
  })

  it('requires when on every tier but the default', () => {
    const text = `id: t
name: { zh: 甲, en: A }
tiers:
  - id: top
    name: { zh: 高, en: High }
  - id: rest
    name: { zh: 低, en: Low }
default: rest
`
    expect(failure(text).issues).toEqual([
      issue('tiers.0.when', 4, 'required for every tier but the default'),
    ])
  })

  it('rejects a default that names no tier, listing the tiers there are', () => {
    const f = failure(policy().replace('default: rest', 'default: bottom'))
    expect(f.issues).toEqual([
      issue('default', 9, 'no tier with id bottom (tiers: top, rest)'),
      // With no default, the tier without a rule has nowhere to be.
      issue('tiers.1.when', 7, 'required for every tier but the default'),
    ])
  })

  it('rejects duplicate tier ids at the second one', () => {
    const f = failure(
      policy().replace('id: rest', 'id: top').replace('default: rest', 'default: top'),
    )
    expect(f.issues).toEqual([issue('tiers.1.id', 7, 'duplicate tier id top')])
  })

  it('rejects an expected range whose lower bound exceeds its upper bound', () => {
    const f = failure(policy('    expected: { customers: [0.3, 0.1] }\n'))
    expect(f.issues).toEqual([
      issue('tiers.0.expected.customers', 7, 'the lower bound must not exceed the upper bound'),
    ])
  })

  it('rejects a window that is not all or a span', () => {
    expect(failure(policy('', 'window: 1 year\n')).issues).toEqual([
      issue('window', 10, 'expected all, or a span like 365d, 52w, 12m, 1y'),
    ])
  })

  it('reports a rule with a syntax error at tiers.N.when with the position and the rule', () => {
    const f = failure(policy().replace('when: a >= 5', 'when: a >= 5 and (b < 2'))
    expect(f.issues).toEqual([
      issue('tiers.0.when', 6, 'expected ) at position 18', 'a >= 5 and (b < 2'),
    ])
  })

  it("reports an action rule's syntax error at its own path", () => {
    const text = policy(`    actions:
      - id: call
        text: { zh: 打电话, en: Call }
        when: churn_risk >>= 0.5
`)
    expect(failure(text).issues).toEqual([
      issue(
        'tiers.0.actions.0.when',
        10,
        'expected a number or a quoted text at position 13',
        'churn_risk >>= 0.5',
      ),
    ])
  })

  it('rejects text that is not YAML, with its line', () => {
    const f = failure('id: t\ntiers: [\n')
    expect(f.issues).toHaveLength(1)
    expect(f.issues[0]).toMatchObject({ file: 'p.yaml', code: 'POLICY_INVALID' })
    expect(f.issues[0]!.message).toMatch(/^not valid YAML: /)
  })

  it('gives no line for a policy given as an object', () => {
    try {
      parsePolicy({ id: 't', name: { zh: '甲', en: 'A' }, tiers: [], default: 'x' }, 'inline')
      expect.unreachable()
    } catch (e) {
      expect((e as ClienteleError).issues).toEqual([
        {
          code: 'POLICY_INVALID',
          file: 'inline',
          path: 'tiers',
          line: undefined,
          message: 'Too small: expected array to have >=1 items',
        },
        {
          code: 'POLICY_INVALID',
          file: 'inline',
          path: 'default',
          line: undefined,
          message: 'no tier with id x (tiers: )',
        },
      ])
    }
  })
})

describe('policy hash and files', () => {
  it('hashes the validated policy, so spelling out a default keeps the hash', () => {
    const plain = parsePolicyText(policy(), 'a.yaml')
    const spelled = parsePolicyText(policy('', 'window: 365d\nvalue: monetary\n'), 'b.yaml')
    expect(spelled.hash).toBe(plain.hash)
    expect(spelled.hash).toMatch(/^[0-9a-f]{16}$/)
    const other = parsePolicyText(policy().replace('a >= 5', 'a >= 6'), 'c.yaml')
    expect(other.hash).not.toBe(plain.hash)
  })

  it('loads a policy file, and names a missing one', () => {
    const path = join(dir, 'mine.yaml')
    writeFileSync(path, policy())
    expect(loadPolicyFile(path).source).toBe(path)
    expect(resolvePolicy(path).id).toBe('t')
    expect(() => loadPolicyFile(join(dir, 'nope.yaml'))).toThrow(
      new ClienteleError('POLICY_INVALID', `policy file not found: ${join(dir, 'nope.yaml')}`),
    )
    expect(() => resolvePolicy('b2b5')).toThrow(
      'no preset or policy file named b2b5 (presets: abc, rfm-cn8, rfm-segments, lifecycle, b2b4, scorecard-gsb, value-potential)',
    )
  })

  it('parses every preset, each with a rule for every tier but its default', () => {
    for (const name of PRESETS) {
      const p = resolvePolicy(name)
      expect(p.id).toBe(name)
      expect(p.source).toBe(`preset:${name}`)
      p.tiers.forEach((t, i) => expect(p.rules[i] === undefined).toBe(t.id === p.default))
      for (const t of p.tiers) {
        expect(t.name.zh).not.toBe('')
        expect(t.name.en).not.toBe('')
        expect(t.actions.length).toBeGreaterThan(0)
      }
    }
  })
})
