import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { withStore } from '../app/index.js'
import type { Engine } from '../engine/index.js'
import { StoreGate } from './gate.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-gate-'))
const store = join(dir, 'store.duckdb')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Whether `e` was closed (the CLI may open the store again). */
const closed = (e: Engine) =>
  e.all('SELECT 1').then(
    () => false,
    () => true,
  )

describe('StoreGate', () => {
  it('shares one open store among queued work, one at a time, and closes it when none waits', async () => {
    const gate = new StoreGate(store)
    const order: string[] = []
    const step = (name: string) => async (e: Engine) => {
      order.push(`${name} start`)
      await e.all('SELECT 1')
      order.push(`${name} end`)
      return e
    }
    const [a, b, c] = await Promise.all([
      gate.withEngine(step('a')),
      gate.withEngine(step('b')),
      gate.withEngine(step('c')),
    ])
    expect(b).toBe(a)
    expect(c).toBe(a)
    expect(order).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end'])
    expect(await closed(a)).toBe(true)
    expect(await gate.withEngine(async (e) => e)).not.toBe(a)
  })

  it('closes the store before work that opens it itself, and after an error', async () => {
    const gate = new StoreGate(store)
    let first: Engine | undefined
    const kept = gate.withEngine((e) => {
      first = e
      return e.run('CREATE OR REPLACE TABLE t AS SELECT 42 AS x')
    })
    const own = gate.run(async () => {
      expect(await closed(first!)).toBe(true)
      return withStore(store, (e) => e.all<{ x: number }>('SELECT x FROM t'))
    })
    const after = gate.withEngine((e) => e.all('SELECT 1'))
    expect(await own).toEqual([{ x: 42 }])
    await Promise.all([kept, after])
    let broken: Engine | undefined
    const failing = gate.withEngine((e) => {
      broken = e
      return e.all('SELECT * FROM missing')
    })
    const next = gate.withEngine(async (e) => e)
    await expect(failing).rejects.toThrow(/missing/)
    expect(await next).not.toBe(broken)
    expect(await closed(broken!)).toBe(true)
  })
})
