/**
 * Chooses the customers a `move` applies to: a uniform random set among those acquired
 * before the move day and still alive on it, so the move changes customers who would
 * otherwise have kept buying. Finding them takes a first pass over every customer's
 * purchase path (paths only, no rows), which the per-customer random streams make cheap.
 */
import { ClienteleError } from '../../schema/index.js'
import { STREAM } from './context.js'
import type { ResolvedOptions } from './options.js'
import { AcquisitionClock, aliveAt, samplePath } from './process.js'
import { Rng } from './random.js'

/** The acquisition clock of a data set; both passes must use the same one. */
export function acquisitionClock(o: ResolvedOptions): AcquisitionClock {
  return new AcquisitionClock(new Rng(o.seed, 0, STREAM.acquisition), o.customers, o.length)
}

/** One flag per customer, 1 if it moves; null without a move. */
export function chooseMoved(o: ResolvedOptions): Uint8Array | null {
  const move = o.move
  if (move === null) return null
  const clock = acquisitionClock(o)
  const eligible = new Uint32Array(o.customers)
  let count = 0
  for (let i = 0; i < o.customers; i++) {
    const path = samplePath(new Rng(o.seed, i, STREAM.path), clock.next(), o.length, o.purchase)
    if (aliveAt(path, move.at)) eligible[count++] = i
  }
  if (count < move.customers) {
    throw new ClienteleError(
      'USAGE',
      `invalid move.customers: ${move.customers} (only ${count} customers are acquired and still alive on ${move.fromDay})`,
    )
  }
  const rng = new Rng(o.seed, 0, STREAM.move)
  const moved = new Uint8Array(o.customers)
  for (let k = 0; k < move.customers; k++) {
    const j = k + rng.int(count - k)
    const chosen = eligible[j]!
    eligible[j] = eligible[k]!
    eligible[k] = chosen
    moved[chosen] = 1
  }
  return moved
}
