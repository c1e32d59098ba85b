/**
 * The `clientele` command. Thin: parse arguments, call one use case from `app/`, print the
 * result through one output path, and map every error through `fail()`.
 */
import { Command, CommanderError, Option } from 'commander'
import { dataQuality, importData, storeStatus } from '../app/index.js'
import { ClienteleError, TABLE_KINDS, type TableKind } from '../schema/index.js'
import { EXIT, fail } from './fail.js'
import { wantsJson } from './output.js'
import { endProgress, progressReporter } from './progress.js'
import { renderImport, renderQuality, renderStatus } from './render.js'
import { runStart } from './start.js'

const isTTY = process.stdout.isTTY === true

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
      onProgress: (e) => report(`${e.stage} ${e.file}`),
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
  .command('start')
  .description('the main job on the bundled example data')
  .option('--store <path>', 'the store file', 'clientele-out/examples.duckdb')
  .action(async (o) => runStart({ store: o.store, print: (s) => process.stdout.write(`${s}\n`) }))

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
