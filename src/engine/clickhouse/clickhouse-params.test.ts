// Binding is where values meet SQL text; the engine test runs the same attempts on a server.
import { describe, expect, it } from 'vitest'
import { ClickHouseDialect } from './clickhouse-dialect.js'
import { bind } from './clickhouse-params.js'

const d = new ClickHouseDialect()

describe('bind', () => {
  it('replaces each placeholder by the literal of its value', () => {
    expect(
      bind(d, 'SELECT $s, $n, $neg, $big, $yes, $none, $nan, $inf', {
        s: "it's",
        n: 1.5,
        neg: -2,
        big: 2n ** 70n,
        yes: true,
        none: null,
        nan: NaN,
        inf: -Infinity,
      }),
    ).toBe("SELECT 'it\\'s', 1.5, (-2), 1180591620717411303424, 1, NULL, nan, -inf")
  })

  it('escapes backslashes before quotes, so no value can close its string', () => {
    expect(bind(d, 'SELECT $v', { v: "\\'; DROP TABLE t; --" })).toBe(
      "SELECT '\\\\\\'; DROP TABLE t; --'",
    )
    expect(bind(d, 'SELECT $v', { v: '\\' })).toBe("SELECT '\\\\'")
  })

  it('keeps a negative number from turning a minus sign into a comment', () => {
    expect(bind(d, 'SELECT 1 -$x', { x: -1 })).toBe('SELECT 1 -(-1)')
  })

  it('leaves placeholders inside strings, quoted names and comments alone', () => {
    const sql = "SELECT '$a', 'it''s $a', 'x\\'$a', \"$a\", `$a` -- $a\n, /* $a */ $a"
    expect(bind(d, sql, { a: 7 })).toBe(
      "SELECT '$a', 'it''s $a', 'x\\'$a', \"$a\", `$a` -- $a\n, /* $a */ 7",
    )
  })

  it('takes the longest name and leaves a lone dollar sign', () => {
    expect(bind(d, 'SELECT $ab, $a, $', { a: 1, ab: 2 })).toBe('SELECT 2, 1, $')
  })

  it('refuses a placeholder without a value', () => {
    expect(() => bind(d, 'SELECT $missing', { other: 1 })).toThrow(
      'invalid parameters: no value for $missing',
    )
  })
})
