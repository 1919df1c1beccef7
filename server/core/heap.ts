// How far the server's heap may grow past what the last full collection left alive. V8's own factor
// (up to 4× while collections are quick) let a live heap of 65 MB under load grow to 200 MB, and the
// process past 300 MB; at 1.3× the extra collections cost nothing the benchmark can tell from its noise.
import v8 from 'node:v8'

const HEAP_GROWING_PERCENT = 30

/** Read by V8 at every full collection, so setting it once the process runs takes effect. */
export function keepHeapSmall(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
}
