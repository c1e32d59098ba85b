import { Option, type Command } from 'commander'
import {
  dataQuality,
  generate,
  importData,
  parseEncodingSpec,
  parseFormats,
  storeStatus,
} from '../../app/index.js'
import { TABLE_KINDS, type TableKind } from '../../schema/index.js'
import { EXIT } from '../fail.js'
import { formatTable } from '../output.js'
import { endProgress, progressReporter } from '../progress.js'
import { renderImport, renderQuality, renderStatus } from '../render.js'
import { print, storeOption } from '../shared.js'

/** Registers the data commands. */
export function registerDataCommands(program: Command): void {
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
}
