import { Option, type Command } from 'commander'
import { exportCrm, pushTiers } from '../../app/index.js'
import { CRM_OBJECTS, CRM_TARGETS, ROLES } from '../../report/index.js'
import { ClienteleError } from '../../schema/index.js'
import { endProgress, progressReporter } from '../progress.js'
import { print, storeOption } from '../shared.js'

function fieldNames(items: string[] | undefined): Record<string, string> | undefined {
  if (items === undefined) return undefined
  return Object.fromEntries(
    items.map((item) => {
      const at = item.indexOf('=')
      if (at <= 0)
        throw new ClienteleError(
          'USAGE',
          `invalid field: ${item} (expected FIELD=NAME, e.g. tier=Custom_Tier__c)`,
        )
      return [item.slice(0, at).trim(), item.slice(at + 1)]
    }),
  )
}

const positive = (what: string) => (v: string) => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1) throw new ClienteleError('USAGE', `invalid ${what}: ${v}`)
  return n
}

/** Registers `clientele export` and `clientele push`. */
export function registerCrmCommands(program: Command): void {
  program
    .command('export')
    .description("tag customers in a CRM: the latest analysis's tiers as the CRM's import file")
    .addOption(
      new Option('--to <crm>', 'the CRM whose import format to write')
        .choices(CRM_TARGETS)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--object <object>', 'contacts (people) or accounts (companies)')
        .choices(CRM_OBJECTS)
        .default('contact'),
    )
    .addOption(storeOption())
    .option('--out <file>', 'the CSV to write (default clientele-out/crm-<crm>.csv)')
    .option(
      '--field <field=name...>',
      'rename a column, e.g. tier=Custom_Tier__c; an empty name leaves it out',
    )
    .addOption(
      new Option('--role <role>', 'who exports: viewer gets contact data masked')
        .choices(ROLES)
        .default('analyst'),
    )
    .option('--owner <name>', 'with --role account_manager: whose customers')
    .addOption(
      new Option('--lang <lang>', 'the language of the reason').choices(['zh', 'en']).default('zh'),
    )
    .option('--json', 'print JSON')
    .action(async (o) => {
      const r = await exportCrm({
        store: o.store,
        to: o.to,
        object: o.object,
        out: o.out,
        fields: fieldNames(o.field),
        role: o.role,
        owner: o.owner,
        lang: o.lang,
      })
      print(o.json === true, r, () =>
        [
          `wrote ${r.path}: ${r.rows.toLocaleString('en-US')} ${r.object}s for ${r.to}${r.masked ? ', contact data masked' : ''}`,
          `columns: ${r.headers.join(', ')}`,
          ...r.warnings.map((w) => `warning: ${w}`),
        ].join('\n'),
      )
    })
  program
    .command('push')
    .description(
      'POST the customers whose tier changed to a webhook, in signed batches, resuming a failed push',
    )
    .requiredOption('--webhook <url>', 'the receiver')
    .option('--secret <secret>', 'HMAC-SHA256 signing secret (default $CLIENTELE_WEBHOOK_SECRET)')
    .option('--batch <n>', 'customers per batch', positive('batch size'), 500)
    .option('--attempts <n>', 'attempts per batch', positive('attempts'), 5)
    .option('--timeout <ms>', 'per-attempt timeout in milliseconds', positive('timeout'), 10_000)
    .addOption(storeOption())
    .addOption(
      new Option('--lang <lang>', 'the language of the reasons')
        .choices(['zh', 'en'])
        .default('zh'),
    )
    .option('--json', 'print JSON')
    .action(async (o) => {
      const report = progressReporter(process.stderr.isTTY === true)
      const r = await pushTiers({
        store: o.store,
        webhook: o.webhook,
        secret: o.secret ?? process.env.CLIENTELE_WEBHOOK_SECRET,
        batch: o.batch,
        lang: o.lang,
        delivery: { attempts: o.attempts, timeoutMs: o.timeout },
        onProgress: (e) =>
          report(
            `batch ${e.batch}/${e.batches}`,
            `attempt ${e.attempt}${e.status ? ` HTTP ${e.status}` : ''}`,
          ),
      }).finally(() => endProgress(process.stderr.isTTY === true))
      print(o.json === true, r, () =>
        [
          `pushed ${r.customers.toLocaleString('en-US')} changed tiers in ${r.delivered} batches to ${r.target}`,
          r.resumed > 0 ? `${r.resumed} of them finished an interrupted push` : '',
          `${r.unchanged.toLocaleString('en-US')} customers unchanged since the last push`,
        ]
          .filter((s) => s !== '')
          .join('\n'),
      )
    })
}
