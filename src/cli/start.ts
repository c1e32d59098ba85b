/**
 * `npm start`: the main job on the bundled examples, each in a store of its own under
 * `clientele-out/`: the synthetic B2B/B2C data set (Chinese headers, a GBK orders file)
 * tiered with the B2B four tiers, and the CDNOW transaction log with the RFM eight classes.
 */
import { mkdirSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { analyze, dataQuality, importData } from '../app/index.js'
import { renderAnalyze, renderImport, renderQuality } from './render.js'

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples')
const local = (...parts: string[]) => relative(process.cwd(), join(EXAMPLES, ...parts))

interface ExampleSet {
  readonly name: string
  readonly files: () => string[]
  readonly policy: string
  readonly window?: string
  readonly lang: 'zh' | 'en'
  readonly currency?: string
}

export const START_SETS: readonly ExampleSet[] = [
  {
    name: 'b2b-cn',
    files: () =>
      readdirSync(join(EXAMPLES, 'b2b-cn'))
        .filter((f) => f.endsWith('.csv') && f !== 'truth.csv')
        .map((f) => local('b2b-cn', f)),
    policy: 'b2b4',
    lang: 'zh',
  },
  // CDNOW is one cohort followed for 18 months: RFM over the whole history, in dollars.
  {
    name: 'cdnow',
    files: () => [local('cdnow', 'CDNOW_master.txt')],
    policy: 'rfm-cn8',
    window: 'all',
    lang: 'en',
    currency: '$',
  },
]

export async function runStart(options: {
  out: string
  print: (s: string) => void
}): Promise<void> {
  mkdirSync(options.out, { recursive: true })
  for (const set of START_SETS) {
    const store = join(options.out, `${set.name}.duckdb`)
    options.print(`\n== ${set.name} → ${store}\n`)
    const result = await importData({ store, files: set.files() })
    options.print(renderImport(result))
    if (!result.ok) {
      process.exitCode = 1
      return
    }
    options.print('')
    options.print(renderQuality(await dataQuality({ store })))
    const r = await analyze({
      store,
      policy: set.policy,
      window: set.window,
      outDir: join(options.out, set.name),
      lang: set.lang,
      currency: set.currency,
    })
    options.print('')
    options.print(renderAnalyze(r, set.lang))
  }
}
