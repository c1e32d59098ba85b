// examples/b2b-cn/README.md promises that this command remakes the folder byte for byte.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { ROOT, cli } from './support/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-gen-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('remakes examples/b2b-cn exactly with the command its README gives', () => {
  const args = ['generate', '--customers', '2000', '--seed', '2024', '--lang', 'zh']
  const r = cli([...args, '--encoding', 'orders=gbk', '--format', 'csv,xlsx', '--out', dir])
  expect(r.status).toBe(0)
  const example = join(ROOT, 'examples', 'b2b-cn')
  const made = readdirSync(dir).sort()
  expect(made).toEqual(
    readdirSync(example)
      .filter((f) => f !== 'README.md')
      .sort(),
  )
  for (const f of made)
    expect(readFileSync(join(dir, f)).equals(readFileSync(join(example, f))), f).toBe(true)
})

it('rejects a bad per-table encoding with the tables it accepts', () => {
  const r = cli(['generate', '--customers', '5', '--out', dir, '--encoding', 'order=gbk'])
  expect(r.status).toBe(2)
  expect(r.stderr).toBe(
    'clientele: invalid encoding: order=gbk (expected utf8, gbk, or TABLE=utf8|gbk with TABLE one of customers, orders, interactions, feedback, surveys, campaigns)\n',
  )
})
