import { isClienteleError } from '../schema/index.js'

/** Exit codes: 0 done, 1 the work failed (bad data, engine), 2 the command was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/**
 * The one place the CLI reports an error: the message and its issues as text, or
 * `{ error, code, issues }` as JSON; never a stack trace for errors the user can act on.
 */
export function fail(e: unknown, json: boolean): never {
  if (isClienteleError(e)) {
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ error: e.message, code: e.code, issues: e.issues, totalIssues: e.totalIssues })}\n`,
      )
    } else process.stderr.write(`clientele: ${e.describe()}\n`)
    process.exit(e.code === 'USAGE' ? EXIT.usage : EXIT.failed)
  }
  const message = e instanceof Error ? (e.stack ?? e.message) : String(e)
  process.stderr.write(`clientele: internal error (please report it):\n${message}\n`)
  process.exit(EXIT.failed)
}
