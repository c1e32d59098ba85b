import { Option, type Command } from 'commander'
import { buildReport } from '../../app/index.js'
import { print, storeOption } from '../shared.js'

/** Registers the report command. */
export function registerReportCommands(program: Command): void {
  program
    .command('report')
    .description("re-render report.html from the store's latest analysis")
    .addOption(storeOption())
    .option('--out <file>', 'the file to write', 'clientele-out/report.html')
    .addOption(
      new Option('--lang <lang>', 'language of the report').choices(['zh', 'en']).default('zh'),
    )
    .option('--currency <sign>', 'currency sign for amounts (default from the data)')
    .option('--json', 'print JSON')
    .action(async (o) => {
      const file = await buildReport({
        store: o.store,
        out: o.out,
        lang: o.lang,
        currency: o.currency,
      })
      print(o.json === true, file, () => `wrote ${file.path}`)
    })
}
