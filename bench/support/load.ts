// A bounded load generator for benchmarks against a server on loopback: N concurrent clients, each
// sending requests back to back until the total is reached. Prints nothing; returns the figures.

export interface LoadResult {
  requests: number
  errors: number
  seconds: number
  perSecond: number
  p50: number
  p99: number
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)]
}

export async function runLoad(opts: {
  concurrency: number
  total: number
  /** Sends request number i; resolves to whether it succeeded. */
  send: (i: number) => Promise<boolean>
}): Promise<LoadResult> {
  const latencies: number[] = []
  let next = 0
  let errors = 0
  const start = performance.now()
  const client = async () => {
    for (let i = next++; i < opts.total; i = next++) {
      const t0 = performance.now()
      const ok = await opts.send(i).catch(() => false)
      latencies.push(performance.now() - t0)
      if (!ok) errors++
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, client))
  const seconds = (performance.now() - start) / 1000
  latencies.sort((a, b) => a - b)
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  }
}

export function formatLoad(name: string, r: LoadResult): string {
  return `${name}: ${r.requests} requests, ${r.errors} errors, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.perSecond.toFixed(0)} req/s`
}
