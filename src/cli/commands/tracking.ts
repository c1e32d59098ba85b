import { Option, type Command } from 'commander'
import {
  actions,
  backfill,
  closeActionState,
  compare,
  effect,
  forget,
  history,
  importActions,
  trends,
} from '../../app/index.js'
import { PRESETS } from '../../tiering/index.js'
import { ClienteleError } from '../../schema/index.js'
import { endProgress, progressReporter } from '../progress.js'
import {
  actionsCsv,
  renderAction,
  renderActions,
  renderBackfill,
  renderCompare,
  renderEffect,
  renderHistory,
  renderTrends,
} from '../render-tracking.js'
import { print, storeOption } from '../shared.js'

const lang = () =>
  new Option('--lang <lang>', 'language of names and reasons').choices(['zh', 'en']).default('zh')

function positive(what: string) {
  return (v: string) => {
    const n = Number(v)
    if (!Number.isInteger(n) || n <= 0)
      throw new ClienteleError('USAGE', `invalid ${what}: ${v} (expected a whole number above 0)`)
    return n
  }
}

/** Registers the tracking commands: snapshots, migration, trends, actions and their effect. */
export function registerTrackingCommands(program: Command): void {
  program
    .command('history')
    .description('the snapshots kept in the store, one per analysis run')
    .addOption(storeOption())
    .option('--json', 'print JSON')
    .action(async (o) => {
      const list = await history({ store: o.store })
      print(o.json === true, list, () => renderHistory(list))
    })
  program
    .command('forget')
    .description('remove one snapshot and its per-customer results')
    .argument('<snapshot>', 'a snapshot id (see clientele history)')
    .addOption(storeOption())
    .option('--json', 'print JSON')
    .action(async (snapshot: string, o) => {
      const s = await forget({ store: o.store, snapshot })
      print(o.json === true, s, () => `Snapshot ${s.id} (${s.asOf}, ${s.policy.id}) forgotten.`)
    })
  program
    .command('backfill')
    .description('build a history: analyse the order log as of past dates, one snapshot each')
    .requiredOption('--from <date>', 'first as-of date')
    .requiredOption('--to <date>', 'last as-of date (included)')
    .addOption(
      new Option('--every <span>', 'step between dates')
        .choices(['week', 'month', 'quarter'])
        .default('month'),
    )
    .option(
      '--policy <preset|file>',
      `a preset (${PRESETS.join(', ')}) or a policy file`,
      'rfm-cn8',
    )
    .option('--window <span>', "the indicator window (default: the policy's)")
    .addOption(storeOption())
    .option('--json', 'print JSON')
    .action(async (o) => {
      const report = progressReporter(process.stderr.isTTY === true)
      const r = await backfill({
        store: o.store,
        from: o.from,
        to: o.to,
        every: o.every,
        policy: o.policy,
        window: o.window,
        onProgress: (e) => report(e.stage, e.detail),
      })
      endProgress(process.stderr.isTTY === true)
      print(o.json === true, r, () => renderBackfill(r))
    })
  program
    .command('compare')
    .description(
      'tier migration between two snapshots: the matrix, who moved and why, new and lost',
    )
    .argument('[from]', 'a snapshot id, or previous', 'previous')
    .argument('[to]', 'a snapshot id, or latest', 'latest')
    .option('--limit <n>', 'most customers listed per list', positive('--limit'), 1000)
    .addOption(lang())
    .addOption(storeOption())
    .option('--json', 'print JSON')
    .action(async (from: string, to: string, o) => {
      const c = await compare({ store: o.store, from, to, limit: o.limit, lang: o.lang })
      print(o.json === true, c, () => renderCompare(c, o.lang))
    })
  program
    .command('trends')
    .description(
      'per tier across snapshots: customers, value, retention, KPIs; churn by period and cohort',
    )
    .option(
      '--policy <id>',
      "the policy whose snapshots to follow (default: the latest snapshot's)",
    )
    .addOption(
      new Option('--period <grain>', 'period of the churn and cohort tables')
        .choices(['month', 'quarter'])
        .default('month'),
    )
    .option('--periods <n>', 'periods in the churn and cohort tables', positive('--periods'), 12)
    .addOption(lang())
    .addOption(storeOption())
    .option('--json', 'print JSON')
    .action(async (o) => {
      const r = await trends({
        store: o.store,
        policy: o.policy,
        grain: o.period,
        periods: o.periods,
      })
      print(o.json === true, r, () => renderTrends(r, o.lang))
    })
  program
    .command('effect')
    .description(
      'the effect of actions on later purchases, value and tier (against a control group if kept)',
    )
    .argument(
      '[file]',
      'CSV/Excel of customer_id, action, date and optionally group (treated/control)',
    )
    .option('--done', 'take the done actions of the action log as the treated group')
    .option(
      '--horizon <days>',
      'days compared after and before each action',
      positive('--horizon'),
      90,
    )
    .option('--as-of <date>', 'end of the observed data (default: the day after the last order)')
    .addOption(lang())
    .addOption(storeOption())
    .option('--json', 'print JSON')
    .action(async (file: string | undefined, o) => {
      const e = await effect({
        store: o.store,
        file,
        done: o.done,
        horizonDays: o.horizon,
        asOf: o.asOf,
      })
      print(o.json === true, e, () => renderEffect(e, o.lang))
    })
  registerActionCommands(program)
}

function registerActionCommands(program: Command): void {
  const group = program
    .command('actions')
    .description(
      'the followed actions: list them, record what was done or skipped, import a filled-in sheet',
    )
  group
    .command('list', { isDefault: true })
    .description('the followed actions, and each owner’s completion rate and overdue count')
    .option('--owner <name>', 'only this owner’s actions')
    .option('--overdue', 'only open actions past their due date')
    .option('--today <date>', 'the date overdue is judged against (default: today)')
    .option('--csv', 'print CSV to fill in and bring back with clientele actions import')
    .addOption(storeOption())
    .option('--json', 'print JSON')
    .action(async (o) => {
      const r = await actions({
        store: o.store,
        owner: o.owner,
        overdue: o.overdue,
        today: o.today,
      })
      if (o.csv === true) process.stdout.write(`${actionsCsv(r.actions)}\n`)
      else print(o.json === true, r, () => renderActions(r))
    })
  group
    .command('done')
    .description('record that an action was done')
    .argument('<id>', 'the action id', positive('action id'))
    .option('--note <text>', 'what was done')
    .option('--date <date>', 'when (default: today)')
    .addOption(storeOption())
    .option('--json', 'print JSON')
    .action(async (id: number, o) => {
      const a = await closeActionState({
        store: o.store,
        id,
        state: 'done',
        note: o.note,
        date: o.date,
      })
      print(o.json === true, a, () => renderAction(a))
    })
  group
    .command('skip')
    .description('record that an action was skipped, and why')
    .argument('<id>', 'the action id', positive('action id'))
    .requiredOption('--reason <text>', 'why it was skipped')
    .option('--date <date>', 'when (default: today)')
    .addOption(storeOption())
    .option('--json', 'print JSON')
    .action(async (id: number, o) => {
      const a = await closeActionState({
        store: o.store,
        id,
        state: 'skipped',
        note: o.reason,
        date: o.date,
      })
      print(o.json === true, a, () => renderAction(a))
    })
  group
    .command('import')
    .description('record the states an account manager filled in (action_id, state, note, date)')
    .argument('<file>', 'CSV or Excel file')
    .option('--today <date>', 'the date for rows without one (default: today)')
    .addOption(storeOption())
    .option('--json', 'print JSON')
    .action(async (file: string, o) => {
      const r = await importActions({ store: o.store, file, today: o.today })
      print(
        o.json === true,
        r,
        () => `${r.file}: ${r.done} done, ${r.skipped} skipped, ${r.ignored} rows without a state`,
      )
    })
}
