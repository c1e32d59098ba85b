// The report shows the tier migration once an earlier snapshot of the same policy exists.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { analyze, importData } from '../src/app/index.js'
import { openEngine } from '../src/engine/index.js'
import { generateDataset } from '../src/ingest/index.js'
import { compareSnapshots, listSnapshots } from '../src/tracking/index.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-migration-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('draws the migration flow from the earlier snapshot, matching compare', async () => {
  await generateDataset({ customers: 200, seed: 3, outDir: join(dir, 'data'), lang: 'en' })
  const store = join(dir, 's.duckdb')
  const files = readdirSync(join(dir, 'data'))
    .filter((f) => f.endsWith('.csv') && f !== 'truth.csv')
    .map((f) => join(dir, 'data', f))
  expect((await importData({ store, files })).ok).toBe(true)
  const first = await analyze({
    store,
    policy: 'rfm-cn8',
    asOf: '2025-06-01',
    outDir: join(dir, 'a'),
    lang: 'en',
    formats: ['html'],
  })
  expect(readFileSync(join(dir, 'a', 'report.html'), 'utf8')).not.toContain('Tier migration')
  await analyze({
    store,
    policy: 'rfm-cn8',
    asOf: '2026-01-01',
    outDir: join(dir, 'b'),
    lang: 'en',
    formats: ['html'],
  })
  const html = readFileSync(join(dir, 'b', 'report.html'), 'utf8')
  expect(html).toContain('Tier migration')
  const engine = await openEngine(store)
  const snaps = await listSnapshots(engine)
  const c = await compareSnapshots(engine, snaps[0]!.id, snaps[1]!.id)
  await engine.close()
  expect(snaps.map((s) => s.asOf)).toEqual(['2025-06-01', '2026-01-01'])
  // Everyone of the first snapshot is either in both or gone from the second.
  expect(first.customers).toBe(c.customers + c.gone.customers)
  // The subtitle of the flow chart gives the share that stayed, computed from the same matrix.
  expect(html).toContain(`Stayed ${Math.round((100 * c.stayed) / c.customers)}%`)
  // The trends table has one column per snapshot date.
  expect(html).toContain('Customer and value share per tier over time')
  expect(html).toMatch(/<th class="num">2025-06-01<\/th>\s*<th class="num">2026-01-01<\/th>/)
})
