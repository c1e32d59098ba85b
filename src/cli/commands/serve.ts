import { createInterface } from 'node:readline'
import { Option, type Command } from 'commander'
import { withStore } from '../../app/index.js'
import { ClienteleError } from '../../schema/index.js'
import { USER_ROLES, addUser, createToken, startServer } from '../../server/index.js'
import { storeOption } from '../shared.js'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

/** The password typed at the terminal without echo, or the first line piped in. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY !== true) return (await readStdin()).split(/\r?\n/)[0] ?? ''
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true })
  const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput
  process.stderr.write('Password: ')
  ;(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve))
  } finally {
    ;(rl as unknown as { _writeToOutput: unknown })._writeToOutput = write
    rl.close()
    process.stderr.write('\n')
  }
}

function port(v: string): number {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ClienteleError('USAGE', `invalid port: ${v} (expected 0 to 65535)`)
  return n
}

function megabytes(v: string): number {
  const n = Number(v)
  if (!Number.isFinite(n) || n <= 0)
    throw new ClienteleError('USAGE', `invalid size: ${v} (expected a number of MiB above 0)`)
  return n
}

/** Registers `clientele serve`, `clientele user add` and `clientele token create`. */
export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API for the dashboard and scripts')
    .option('--port <n>', 'port to listen on', port, 7410)
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--max-upload-mb <n>', 'largest upload to POST /api/imports, in MiB', megabytes, 256)
    .addOption(storeOption())
    .action(async (o) => {
      const s = await startServer({
        store: o.store,
        port: o.port,
        host: o.host,
        maxUploadBytes: Math.round(o.maxUploadMb * 1024 * 1024),
      })
      process.stderr.write(`Clientele API at ${s.url}/api (Ctrl-C to stop)\n`)
      const stop = () => void s.close().then(() => process.exit(0))
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
  const user = program.command('user').description('users of the HTTP API')
  user
    .command('add')
    .description('add a user, or change one’s role and password (read from stdin or typed)')
    .argument('<name>', 'user name; an account manager’s is their name in the data')
    .addOption(
      new Option('--role <role>', 'what the user may see and do')
        .choices(USER_ROLES)
        .makeOptionMandatory(),
    )
    .addOption(storeOption())
    .action(async (name: string, o) => {
      const password = await readPassword()
      const u = await withStore(o.store, (e) => addUser(e, name, o.role, password))
      process.stdout.write(`User ${u.name} (${u.role}) saved.\n`)
    })
  const token = program.command('token').description('API tokens for scripts')
  token
    .command('create')
    .description('create an API token for a user (shown once; send it as Authorization: Bearer)')
    .requiredOption('--user <name>', 'the user the token acts as')
    .addOption(storeOption())
    .action(async (o) => {
      const t = await withStore(o.store, (e) => createToken(e, o.user))
      process.stdout.write(`${t}\n`)
    })
}
