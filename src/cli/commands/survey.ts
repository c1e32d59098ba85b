import { Option, type Command } from 'commander'
import { makeSurvey } from '../../app/index.js'
import { SURVEY_KINDS } from '../../report/index.js'
import { print, storeOption } from '../shared.js'

const list = (v: string) =>
  v
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')

/** Registers `clientele survey`. */
export function registerSurveyCommands(program: Command): void {
  program
    .command('survey')
    .description(
      'write a ready-to-send questionnaire (satisfaction, NPS or KANO) whose filled-in copy imports back',
    )
    .addOption(
      new Option('--kind <kind>', 'what the survey asks')
        .choices(SURVEY_KINDS)
        .makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'the questionnaire: .xlsx (drop-downs, instructions) or .csv')
    .option(
      '--features <list>',
      'KANO: the features to ask about; satisfaction: the service areas',
      list,
    )
    .option('--importance', 'KANO: also ask how important each feature is (1-5)')
    .addOption(
      new Option('--lang <lang>', 'the questionnaire language').choices(['zh', 'en']).default('zh'),
    )
    .option('--date <date>', 'the survey date, for answers without one (default: today)')
    .option(
      '--customers <file>',
      'pre-fill the customers of a CSV or Excel file with a customer id column',
    )
    .option(
      '--tier <ids>',
      'pre-fill the customers of these tiers of the latest analysis (with --store)',
      list,
    )
    .addOption(storeOption())
    .option('--json', 'print JSON')
    .action(async (o) => {
      const r = await makeSurvey({
        kind: o.kind,
        out: o.out,
        lang: o.lang,
        features: o.features,
        importance: o.importance === true,
        date: o.date,
        customersFile: o.customers,
        store: o.store,
        tiers: o.tier,
      })
      print(o.json === true, r, () =>
        [
          `wrote ${r.path}: ${r.kind} survey, ${r.questions} questions, ${r.respondents > 0 ? `${r.respondents} customers pre-filled` : 'blank'}`,
          `send it out, then import the answers with: clientele import ${r.path}`,
        ].join('\n'),
      )
    })
}
