// The server's own view of a stretch of load: answered by app-server.ts, printed by load.bench.ts.

export interface ServerStats {
  /** p99 time from a request's arrival to its answer, ms. */
  served: number
  /** p99 and longest wait for the (single, on SQLite) connection, ms. */
  wait: number
  waitMax: number
  /** The longest the event loop was blocked, ms. */
  loopMax: number
  /** The server's resident memory now, MB. */
  rss: number
  /** CPU time the server used, ms (all its threads): per request, steadier than req/s on a noisy machine. */
  cpu: number
}

/** Several workers, or several stretches of one run, as one: the worst of each figure, and all the CPU. */
export function combineStats(all: ServerStats[]): ServerStats {
  const worst = (key: keyof ServerStats) => Math.max(...all.map((s) => s[key]))
  return {
    served: worst('served'),
    wait: worst('wait'),
    waitMax: worst('waitMax'),
    loopMax: worst('loopMax'),
    rss: worst('rss'),
    cpu: all.reduce((sum, s) => sum + s.cpu, 0),
  }
}
