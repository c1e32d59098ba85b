import { Argument, Option, type Command } from 'commander'
import { analyzeCluster, analyzeDates, analyzePolicy, diffPolicies } from '../../app/index.js'
import { ClienteleError } from '../../schema/index.js'
import { OUTPUT_FORMATS } from '../../report/index.js'
import { PRESETS, presetText } from '../../tiering/index.js'
import { formatTable } from '../output.js'
import { endProgress, progressReporter } from '../progress.js'
import { renderAnalyze, renderClusterAnalyze } from '../render.js'
import { parseCapacity, parseOutputFormats, print, storeOption } from '../shared.js'

const ANALYZE_STAGES = ['importing', 'indicators', 'models', 'tiering', 'impact', 'writing']

/** Registers the tiers commands. */
export function registerTiersCommands(program: Command): void {
  program
    .command('analyze')
    .description(
      'tier every customer by a policy and write the analysis table (xlsx, csv, parquet, json) and report.html',
    )
    .argument('[files...]', 'files to import first (all or none)')
    .addOption(storeOption())
    .option(
      '--policy <preset|file|name>',
      `a preset (${PRESETS.join(', ')}), a policy file, or a policy saved in the store`,
      'rfm-cn8',
    )
    .option(
      '--as-of <date>',
      'only what happened before this date counts (default: the day after the last order); repeat it for a snapshot at each date',
      (v: string, all: string[] = []) => [...all, v],
    )
    .option('--window <span>', "the indicator window, e.g. 365d, 12m, all (default: the policy's)")
    .option('--out <dir>', 'output folder', 'clientele-out')
    .addOption(
      new Option('--lang <lang>', 'language of the outputs').choices(['zh', 'en']).default('zh'),
    )
    .option('--formats <list>', OUTPUT_FORMATS.join(','), OUTPUT_FORMATS.join(','))
    .option('--mapping <file>', 'a mapping file for the files to import')
    .option('--currency <sign>', 'currency sign in sentences (default from the data)')
    .option(
      '--capacity <owner=n...>',
      'monthly capacity per owner (action cost units), e.g. 张伟=15 "*=20"',
    )
    .option('--json', 'print JSON')
    .action(async (files: string[], o) => {
      const report = progressReporter(process.stderr.isTTY === true, ANALYZE_STAGES)
      const asOfs: string[] = o.asOf ?? []
      const options = {
        store: o.store,
        files,
        mapping: o.mapping,
        policy: o.policy,
        asOf: asOfs[0],
        window: o.window,
        outDir: o.out,
        lang: o.lang,
        formats: parseOutputFormats(o.formats),
        currency: o.currency,
        capacity: parseCapacity(o.capacity),
        onProgress: (e: { stage: string; detail?: string }) => report(e.stage, e.detail),
      }
      if (/^clickhouse:\/\//i.test(String(o.store))) {
        if (files.length > 0 || asOfs.length > 1)
          throw new ClienteleError(
            'USAGE',
            'a ClickHouse store is analysed in place: import files into a DuckDB store and load them into the cluster, and give one --as-of',
          )
        const c = await analyzeCluster({ ...options, formats: parseOutputFormats(o.formats) })
        endProgress(process.stderr.isTTY === true)
        print(o.json === true, c, () => renderClusterAnalyze(c, o.lang))
        return
      }
      const runs =
        asOfs.length > 1
          ? await analyzeDates({ ...options, asOfs })
          : [await analyzePolicy(options)]
      const r = runs[runs.length - 1]!
      endProgress(process.stderr.isTTY === true)
      print(o.json === true, runs.length > 1 ? runs : r, () =>
        [
          ...runs.slice(0, -1).map((x) => `${x.asOf}: snapshot ${x.snapshot.id}`),
          renderAnalyze(r, o.lang),
          `\nSnapshot ${r.snapshot.id} kept${r.snapshot.actions ? `; ${r.snapshot.actions.opened} actions opened to follow` : ''}`,
          ...r.snapshot.warnings.map((w) => `  ! ${w}`),
        ].join('\n'),
      )
    })
  program
    .command('diff-policy')
    .description('the tier migration between two policies on the same data, before saving either')
    .argument('<from>', 'a preset or policy file')
    .argument('<to>', 'a preset or policy file')
    .addOption(storeOption())
    .option('--as-of <date>', 'as-of date (default: the day after the last order)')
    .option('--window <span>', "indicator window (default: each policy's)")
    .option('--json', 'print JSON')
    .action(async (from: string, to: string, o) => {
      const d = await diffPolicies({ store: o.store, from, to, asOf: o.asOf, window: o.window })
      print(o.json === true, d, () => {
        const toIds = d.to.tiers.map((t) => t.id)
        const table = formatTable(
          [`${d.from.id} \\ ${d.to.id}`, ...toIds],
          Object.entries(d.matrix).map(([f, row]) => [f, ...toIds.map((t) => row[t] ?? 0)]),
        )
        return `${d.customers.toLocaleString('en-US')} customers as of ${d.asOf}; ${d.changed.toLocaleString('en-US')} change tier\n\n${table}`
      })
    })
  program
    .command('policy')
    .description('print a preset policy as YAML, to copy and edit')
    .addArgument(new Argument('<preset>', 'the preset').choices(PRESETS))
    .action((name) => {
      process.stdout.write(presetText(name))
    })
}
