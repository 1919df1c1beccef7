// Child entry: autocannon in its own process (never the server's), driven by a spec file. Cycles
// through the spec's requests; with `amount` each is sent once. Prints the figures as JSON, with the
// indexes of the requests answered 2xx (writes are checked against the database afterwards).
import fs from 'node:fs'
import autocannon from 'autocannon'

export interface CannonRequest {
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
}

export interface CannonSpec {
  url: string
  connections: number
  /** Seconds to run; ignored when `amount` is set. */
  seconds: number
  amount?: number
  requests: CannonRequest[]
}

export interface CannonResult {
  requests: number
  perSecond: number
  p50: number
  p99: number
  max: number
  errors: number
  non2xx: number
  acknowledged: number[]
}

async function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as CannonSpec
  let next = 0
  const acknowledged: number[] = []
  // A fixed amount ends on autocannon's one-second tick, so its duration is whole seconds too long for a
  // run of two or three: the writes' rate is timed from the first request to the last answer instead.
  let first = 0
  let last = 0
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.seconds }),
    requests: [
      {
        setupRequest: (req, context: { index?: number }) => {
          if (next === 0) first = performance.now()
          const index = next++ % spec.requests.length
          context.index = index
          return { ...req, ...spec.requests[index] }
        },
        onResponse: (status, _body, context: { index?: number }) => {
          last = performance.now()
          if (status >= 200 && status < 300) acknowledged.push(context.index!)
        },
      },
    ],
  })
  const out: CannonResult = {
    requests: result.requests.total,
    perSecond: result.requests.total / (spec.amount ? (last - first) / 1000 : result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    acknowledged,
  }
  process.stdout.write(JSON.stringify(out))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
