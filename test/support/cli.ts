import { spawn, spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..', '..')
export const BIN = resolve(ROOT, 'bin', 'clientele.js')

export interface CliResult {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the real `clientele` command in a child process. */
export function cli(args: readonly string[], cwd = ROOT): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Starts `clientele` and resolves once `ready` appears on its stderr, returning the child. */
export function cliUntil(args: readonly string[], ready: RegExp) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, TZ: 'UTC' },
  })
  let err = ''
  const seen = new Promise<void>((ok, fail) => {
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString()
      if (ready.test(err)) ok()
    })
    child.on('exit', (code) => fail(new Error(`exited (${code}) before ${ready}: ${err}`)))
  })
  return { child, seen }
}
