/**
 * The `clientele` command. Thin: parse arguments, call one use case from `app/`, print the
 * result through one output path, and map every error through `fail()`.
 */
import { Argument, Command, CommanderError, Option } from 'commander'
import {
  MODELS,
  analyze,
  dataQuality,
  diffPolicies,
  fitModel,
  generate,
  importData,
  parseEncodingSpec,
  parseFormats,
  storeStatus,
} from '../app/index.js'
import { INDICATORS } from '../indicators/index.js'
import { ClienteleError, TABLE_KINDS, type TableKind } from '../schema/index.js'
import { EXIT, fail } from './fail.js'
import { wantsJson } from './output.js'
import { endProgress, progressReporter } from './progress.js'

const ANALYZE_STAGES = ['importing', 'indicators', 'models', 'tiering', 'impact', 'writing']
import { renderAnalyze, renderFit, renderImport, renderQuality, renderStatus } from './render.js'
import { PRESETS, presetText } from '../tiering/index.js'
import { formatTable } from './output.js'
import { runStart } from './start.js'

const isTTY = process.stdout.isTTY === true

function parseOutputFormats(list: string): ('xlsx' | 'csv' | 'parquet' | 'json')[] {
  return list
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '')
    .map((f) => {
      if (f === 'xlsx' || f === 'csv' || f === 'parquet' || f === 'json') return f
      throw new ClienteleError(
        'USAGE',
        `invalid format: ${f} (expected xlsx, csv, parquet or json)`,
      )
    })
}

function parseCapacity(items: string[] | undefined): Record<string, number> | undefined {
  if (items === undefined) return undefined
  return Object.fromEntries(
    items.map((item) => {
      const at = item.lastIndexOf('=')
      const n = Number(item.slice(at + 1))
      if (at <= 0 || !(n >= 0))
        throw new ClienteleError('USAGE', `invalid capacity: ${item} (expected OWNER=NUMBER)`)
      return [item.slice(0, at), n]
    }),
  )
}

function print(json: boolean, data: unknown, text: () => string): void {
  process.stdout.write(
    wantsJson({ json, isTTY }) ? `${JSON.stringify(data, null, 2)}\n` : `${text()}\n`,
  )
}

const storeOption = () =>
  new Option('--store <path>', 'the store file (or :memory:)').default('clientele.duckdb')

const program = new Command('clientele')
  .description('Customer value analysis and tiering (客户价值评价与客户分级管理)')
  .exitOverride()
  .showHelpAfterError()

program
  .command('import')
  .description(
    'import customers, orders, interactions, feedback, surveys or campaigns files (all or none)',
  )
  .argument('<files...>', 'CSV/TSV, .xlsx, Parquet, JSON or NDJSON files')
  .addOption(
    new Option(
      '--kind <kind>',
      'the table the files hold (default: detected from headers)',
    ).choices(TABLE_KINDS),
  )
  .option('--mapping <file>', 'a YAML/JSON mapping of columns and file settings')
  .addOption(
    new Option('--encoding <enc>', 'text encoding (default: detected)').choices([
      'utf8',
      'utf16le',
      'utf16be',
      'gb18030',
      'gbk',
    ]),
  )
  .addOption(
    new Option('--date-order <order>', 'how to read dates like 01/02/2024').choices([
      'DMY',
      'MDY',
      'YMD',
    ]),
  )
  .option('--sheet <name>', 'the Excel sheet to read (default: the first)')
  .addOption(storeOption())
  .option('--json', 'print JSON')
  .action(async (files: string[], o) => {
    const report = progressReporter(process.stderr.isTTY === true)
    const result = await importData({
      store: o.store,
      files,
      kind: o.kind as TableKind | undefined,
      mapping: o.mapping,
      encoding: o.encoding,
      dateOrder: o.dateOrder,
      sheet: o.sheet,
      onProgress: (e) => report(e.stage, e.file),
    })
    endProgress(process.stderr.isTTY === true)
    print(o.json === true, result, () => renderImport(result))
    if (!result.ok) process.exitCode = EXIT.failed
  })

program
  .command('quality')
  .description('the data quality report of the store')
  .addOption(storeOption())
  .option('--today <date>', 'the date after which dates count as future (default: today)')
  .option('--json', 'print JSON')
  .action(async (o) => {
    const q = await dataQuality({ store: o.store, today: o.today })
    print(o.json === true, q, () => renderQuality(q))
  })

program
  .command('status')
  .description('tables, row counts, date ranges and imports of the store')
  .addOption(storeOption())
  .option('--json', 'print JSON')
  .action(async (o) => {
    const s = await storeStatus({ store: o.store })
    print(o.json === true, s, () => renderStatus(s))
  })

program
  .command('analyze')
  .description(
    'tier every customer by a policy and write the analysis table (xlsx, csv, parquet, json)',
  )
  .argument('[files...]', 'files to import first (all or none)')
  .addOption(storeOption())
  .option('--policy <preset|file>', `a preset (${PRESETS.join(', ')}) or a policy file`, 'rfm-cn8')
  .option(
    '--as-of <date>',
    'only what happened before this date counts (default: the day after the last order)',
  )
  .option('--window <span>', "the indicator window, e.g. 365d, 12m, all (default: the policy's)")
  .option('--out <dir>', 'output folder', 'clientele-out')
  .addOption(
    new Option('--lang <lang>', 'language of the outputs').choices(['zh', 'en']).default('zh'),
  )
  .option('--formats <list>', 'xlsx,csv,parquet,json', 'xlsx,csv,parquet,json')
  .option('--mapping <file>', 'a mapping file for the files to import')
  .option('--currency <sign>', 'currency sign in sentences (default from the data)')
  .option(
    '--capacity <owner=n...>',
    'monthly capacity per owner (action cost units), e.g. 张伟=15 "*=20"',
  )
  .option('--json', 'print JSON')
  .action(async (files: string[], o) => {
    const report = progressReporter(process.stderr.isTTY === true, ANALYZE_STAGES)
    const r = await analyze({
      store: o.store,
      files,
      mapping: o.mapping,
      policy: o.policy,
      asOf: o.asOf,
      window: o.window,
      outDir: o.out,
      lang: o.lang,
      formats: parseOutputFormats(o.formats),
      currency: o.currency,
      capacity: parseCapacity(o.capacity),
      onProgress: (e) => report(e.stage, e.detail),
    })
    endProgress(process.stderr.isTTY === true)
    print(o.json === true, r, () => renderAnalyze(r, o.lang))
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

program
  .command('fit')
  .description('fit a buy-till-you-die model: bgnbd, pnbd, mbgnbd, bgbb, sbg or gg')
  .addArgument(new Argument('<model>', 'the model').choices(MODELS))
  .option(
    '--summary <file>',
    'a ready summary CSV (frequency/x, recency/t_x, T, monetary_value/zbar, periods, weights)',
  )
  .option('--transactions <files...>', 'transaction files to fit on (not imported into the store)')
  .option('--mapping <file>', 'a mapping file for the transaction files')
  .addOption(storeOption())
  .option(
    '--calibration-end <date>',
    'last day of the calibration period; later orders form the holdout',
  )
  .addOption(
    new Option('--unit <unit>', 'time unit of t_x and T')
      .choices(['day', 'week', 'month'])
      .default('week'),
  )
  .option('--json', 'print JSON')
  .action(async (model, o) => {
    const r = await fitModel({
      model,
      summary: o.summary,
      transactions: o.transactions,
      mapping: o.mapping,
      store: o.store,
      calibrationEnd: o.calibrationEnd,
      unit: o.unit,
    })
    print(o.json === true, r, () => renderFit(r))
    if (!r.converged) process.exitCode = EXIT.failed
  })

program
  .command('indicators')
  .description('the indicator catalogue')
  .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']).default('en'))
  .option('--json', 'print JSON')
  .action((o) => {
    const zh = o.lang === 'zh'
    print(
      o.json === true,
      INDICATORS.map(({ sql: _sql, ...rest }) => rest),
      () =>
        formatTable(
          ['name', 'group', zh ? '名称' : 'label', 'unit', 'better', zh ? '定义' : 'definition'],
          INDICATORS.map((i) => [
            i.name,
            i.group,
            zh ? i.zh : i.en,
            i.unit,
            i.direction,
            zh ? i.descriptionZh : i.descriptionEn,
          ]),
        ),
    )
  })

program
  .command('generate')
  .description(
    'write a synthetic data set (customers, orders, interactions, feedback, surveys, campaigns)',
  )
  .requiredOption('--customers <n>', 'number of customers', (v) => Number(v))
  .requiredOption('--out <dir>', 'output folder')
  .option('--seed <n>', 'random seed (same seed, same files)', (v) => Number(v), 1)
  .option('--format <list>', 'csv, parquet, xlsx, or several: csv,xlsx', 'csv')
  .option('--encoding <spec>', 'utf8, gbk, or per table: orders=gbk', 'utf8')
  .addOption(
    new Option('--lang <lang>', 'language of headers and values')
      .choices(['zh', 'en'])
      .default('zh'),
  )
  .option('--start <date>', 'first day (default three years before --end)')
  .option('--end <date>', 'last day (default 2025-12-31)')
  .option('--json', 'print JSON')
  .action(async (o) => {
    const report = progressReporter(process.stderr.isTTY === true)
    const r = await generate({
      customers: o.customers,
      seed: o.seed,
      outDir: o.out,
      format: parseFormats(o.format),
      encoding: parseEncodingSpec(o.encoding),
      lang: o.lang,
      start: o.start,
      end: o.end,
      onProgress: (done, total) =>
        report(
          `generating customers ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`,
        ),
    })
    endProgress(process.stderr.isTTY === true)
    print(o.json === true, r, () =>
      [
        `${r.customers.toLocaleString('en-US')} customers, ${r.orders.toLocaleString('en-US')} order rows in ${r.seconds.toFixed(1)} s`,
        formatTable(
          ['table', 'format', 'rows', 'file'],
          r.files.map((f) => [f.table, f.format, f.rows, f.path]),
        ),
      ].join('\n'),
    )
  })

program
  .command('start')
  .description('the main job on the bundled example data')
  .option('--out <dir>', 'where the example stores and outputs go', 'clientele-out')
  .action(async (o) => runStart({ out: o.out, print: (s) => process.stdout.write(`${s}\n`) }))

const json = process.argv.includes('--json')
try {
  await program.parseAsync(process.argv)
} catch (e) {
  if (e instanceof CommanderError) {
    if (e.exitCode === 0) process.exit(0)
    process.exit(EXIT.usage)
  }
  fail(e instanceof ClienteleError ? e : e, json)
}
