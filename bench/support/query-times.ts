// Each SQL text's time and count, as the driver runs it: which queries a load spends most on.
import type { CompiledQuery, DatabaseConnection, Driver } from 'kysely'

export interface Spent {
  ms: number
  runs: number
  /** The longest single run. */
  max: number
}

type DriverClass = { prototype: Pick<Driver, 'acquireConnection'> }

/**
 * Wraps every connection the drivers hand out. SQLite's driver runs a statement synchronously inside
 * executeQuery; PostgreSQL's waits on the wire, so there the time includes the round trip.
 * `seen` is told of each query as it starts (explain.ts collects their texts and parameters).
 */
export function timeQueries(drivers: DriverClass[], active: () => boolean, seen: (q: CompiledQuery) => void = () => {}): Map<string, Spent> {
  const spent = new Map<string, Spent>()
  const wrapped = new WeakSet<DatabaseConnection>()
  for (const Driver of drivers) {
    const acquire = Driver.prototype.acquireConnection
    Driver.prototype.acquireConnection = async function (this: Driver) {
      const c: DatabaseConnection = await acquire.call(this)
      if (wrapped.has(c)) return c // SQLite hands out its one connection again and again
      wrapped.add(c)
      const run = c.executeQuery.bind(c)
      c.executeQuery = ((q: CompiledQuery) => {
        seen(q)
        if (!active()) return run(q)
        const t = performance.now()
        const done = run(q)
        const add = () => {
          const s = spent.get(q.sql) ?? { ms: 0, runs: 0, max: 0 }
          const took = performance.now() - t
          s.ms += took
          s.max = Math.max(s.max, took)
          s.runs++
          spent.set(q.sql, s)
        }
        void done.then(add, add)
        return done
      }) as DatabaseConnection['executeQuery']
      return c
    }
  }
  return spent
}
