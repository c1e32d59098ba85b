/**
 * Returning memory JavaScript no longer uses before DuckDB's heavy phases. V8 collects when
 * its own heap fills, not when the process does — and most of an analysis's memory is
 * DuckDB's, outside that heap — so a million customers' columns, dropped once the analysis
 * tables are written, would otherwise stay resident through the exports.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

let gc: (() => void) | undefined

/** A full garbage collection; resolves once the freed array buffers are returned. */
export async function collectGarbage(): Promise<void> {
  if (gc === undefined) {
    // The collector's entry point exists only when the flag is set; a fresh context made
    // after setting it carries `gc`.
    setFlagsFromString('--expose-gc')
    gc = runInNewContext('gc') as () => void
  }
  // Array buffers found dead are swept on another thread after a collection; the next
  // collection finishes that sweep, so the second returns their memory.
  gc()
  await new Promise((resolve) => setTimeout(resolve, 0))
  gc()
}
