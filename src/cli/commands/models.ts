import { Argument, Option, type Command } from 'commander'
import { MODELS, fitModel } from '../../app/index.js'
import { INDICATORS } from '../../indicators/index.js'
import { EXIT } from '../fail.js'
import { formatTable } from '../output.js'
import { renderFit } from '../render.js'
import { print, storeOption } from '../shared.js'

/** Registers the models commands. */
export function registerModelsCommands(program: Command): void {
  program
    .command('fit')
    .description('fit a buy-till-you-die model: bgnbd, pnbd, mbgnbd, bgbb, sbg or gg')
    .addArgument(new Argument('<model>', 'the model').choices(MODELS))
    .option(
      '--summary <file>',
      'a ready summary CSV (frequency/x, recency/t_x, T, monetary_value/zbar, periods, weights)',
    )
    .option(
      '--transactions <files...>',
      'transaction files to fit on (not imported into the store)',
    )
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
}
