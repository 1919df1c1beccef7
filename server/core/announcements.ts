// What one worker of a cluster (WORKERS=n) tells the others: the caches each process clears after its own
// commits (who a session is, the lists every resident sees alike) are cleared in the other workers too,
// through the primary, within a message's trip instead of when their copy expires.
import cluster from 'node:cluster'

export type Topic = 'account' | 'lists' | 'words'

interface Announcement {
  yishiAnnouncement: Topic
  payload: unknown
}

const isAnnouncement = (m: unknown): m is Announcement => typeof m === 'object' && m !== null && 'yishiAnnouncement' in m

const handlers = new Map<Topic, Set<(payload: unknown) => void>>()
let listening = false

/** Tells the other workers; nothing to do in a process serving alone. */
export function announce(topic: Topic, payload: unknown): void {
  if (cluster.isWorker && process.send) process.send({ yishiAnnouncement: topic, payload } satisfies Announcement)
}

/** Runs `handler` for what the other workers announce on `topic` (only in a worker: there are none else). */
function onAnnouncement(topic: Topic, handler: (payload: unknown) => void): void {
  if (!cluster.isWorker) return
  if (!listening) {
    listening = true
    process.on('message', (m: unknown) => {
      if (isAnnouncement(m)) for (const h of handlers.get(m.yishiAnnouncement) ?? []) h(m.payload)
    })
  }
  let set = handlers.get(topic)
  if (!set) handlers.set(topic, (set = new Set()))
  set.add(handler)
}

/** In the primary: passes each worker's announcements on to every other worker. */
export function relayAnnouncements(): void {
  cluster.on('message', (from, m: unknown) => {
    if (!isAnnouncement(m)) return
    for (const worker of Object.values(cluster.workers ?? {})) if (worker && worker !== from && worker.isConnected()) worker.send(m)
  })
}

/**
 * What a process keeps for a database handle (one per handle: tests run several apps at once), made on first
 * use; `heard` applies what the other workers announce on `topic` to it.
 */
export function keptPerHandle<T>(topic: Topic, make: () => T, heard: (kept: T, payload: unknown) => void): (handle: object) => T {
  const made = new WeakMap<object, T>()
  return (handle) => {
    let kept = made.get(handle)
    if (kept === undefined) {
      made.set(handle, (kept = make()))
      const mine = kept
      onAnnouncement(topic, (payload) => heard(mine, payload))
    }
    return kept
  }
}
