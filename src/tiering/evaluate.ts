/** Evaluating rules over a frame, whole columns at a time. */
import { ClienteleError } from '../schema/index.js'
import type { CompareOp, Expr } from './expression.js'
import { columnsOf } from './expression.js'
import type { Frame } from './frame.js'

const CMP: Record<CompareOp, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
}

const TEXT_OPS = new Set<CompareOp>(['==', '!='])

/** Names the rule's unknown columns, or text/number mismatches; empty when the rule fits the frame. */
export function checkRule(e: Expr, frame: Frame, known: ReadonlySet<string>): string[] {
  const problems: string[] = []
  for (const c of columnsOf(e)) {
    if (!frame.numbers.has(c) && !frame.texts.has(c) && !known.has(c))
      problems.push(`unknown column ${c}`)
  }
  const walk = (x: Expr): void => {
    if (x.kind === 'and' || x.kind === 'or') {
      walk(x.left)
      walk(x.right)
    } else if (x.kind === 'not') walk(x.operand)
    else if (x.kind === 'compare' || x.kind === 'in') {
      const values = x.kind === 'in' ? x.values : [x.value]
      if (frame.texts.has(x.column) && values.some((v) => typeof v === 'number')) {
        problems.push(`${x.column} is text; compare it with a quoted value`)
      } else if (frame.numbers.has(x.column) && values.some((v) => typeof v === 'string')) {
        const text = values.find((v) => typeof v === 'string')
        problems.push(`${x.column} is a number; compare it with a number, not "${text}"`)
      } else if (frame.texts.has(x.column) && x.kind === 'compare' && !TEXT_OPS.has(x.op)) {
        problems.push(`${x.column} is text; use ==, != or in, not ${x.op}`)
      }
    }
  }
  walk(e)
  return problems
}

/** 1 where the rule holds for the customer; missing values make a comparison false. */
export function evaluate(e: Expr, frame: Frame): Uint8Array {
  const n = frame.n
  switch (e.kind) {
    case 'const':
      return new Uint8Array(n).fill(e.value ? 1 : 0)
    case 'and':
    case 'or': {
      const l = evaluate(e.left, frame)
      const r = evaluate(e.right, frame)
      for (let i = 0; i < n; i++) l[i] = e.kind === 'and' ? l[i]! & r[i]! : l[i]! | r[i]!
      return l
    }
    case 'not': {
      const m = evaluate(e.operand, frame)
      for (let i = 0; i < n; i++) m[i] = m[i]! ^ 1
      return m
    }
    default:
      return leafMask(e, frame)
  }
}

function leafMask(e: Extract<Expr, { column: string }>, frame: Frame): Uint8Array {
  const out = new Uint8Array(frame.n)
  const nums = frame.numbers.get(e.column)
  const texts = frame.texts.get(e.column)
  if (nums === undefined && texts === undefined) {
    throw new ClienteleError('POLICY_INVALID', `unknown column in rule: ${e.column}`)
  }
  if (e.kind === 'flag') {
    for (let i = 0; i < frame.n; i++) out[i] = nums ? (nums[i]! > 0 ? 1 : 0) : texts![i] ? 1 : 0
    return out
  }
  if (e.kind === 'in') {
    const set = new Set(e.values)
    for (let i = 0; i < frame.n; i++)
      out[i] = set.has((nums ? nums[i] : texts![i]) as never) ? 1 : 0
    return out
  }
  if (nums) {
    const f = CMP[e.op]
    const v = e.value as number
    for (let i = 0; i < frame.n; i++) {
      const x = nums[i]!
      out[i] = !Number.isNaN(x) && f(x, v) ? 1 : 0
    }
    return out
  }
  for (let i = 0; i < frame.n; i++) {
    const t = texts![i]
    out[i] =
      t === null
        ? 0
        : (e.op === '==' ? t === e.value : e.op === '!=' ? t !== e.value : false)
          ? 1
          : 0
  }
  return out
}
