/**
 * The `clientele` command. Thin: parse arguments, call one use case from `app/`, print the
 * result through one output path, and map every error through `fail()`. Commands live in
 * `commands/`, one file per group.
 */
import { Command, CommanderError } from 'commander'
import { registerDataCommands } from './commands/data.js'
import { registerModelsCommands } from './commands/models.js'
import { registerReportCommands } from './commands/report.js'
import { registerTiersCommands } from './commands/tiers.js'
import { registerTrackingCommands } from './commands/tracking.js'
import { registerSurveyCommands } from './commands/survey.js'
import { registerCrmCommands } from './commands/crm.js'
import { registerServeCommands } from './commands/serve.js'
import { EXIT, fail } from './fail.js'
import { runStart } from './start.js'

const program = new Command('clientele')
  .description('Customer value analysis and tiering (客户价值评价与客户分级管理)')
  .exitOverride()
  .showHelpAfterError()

registerDataCommands(program)
registerModelsCommands(program)
registerReportCommands(program)
registerTiersCommands(program)
registerTrackingCommands(program)
registerSurveyCommands(program)
registerCrmCommands(program)
registerServeCommands(program)

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
  fail(e, json)
}
