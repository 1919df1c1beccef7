// One run at a time of something whose callers each need a run begun after they asked (an fsync covering
// their commit, a checkpoint after their write, a mix taking their answer): asked while one runs, they
// share the next, which starts once it has ended. A burst of callers costs two runs, not one each.

export function shareNext<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null
  let queued: Promise<T> | null = null
  const ask = (): Promise<T> => {
    if (!running) {
      const current = run().finally(() => {
        if (running === current) running = null
      })
      running = current
      return current
    }
    queued ??= running
      .catch(() => undefined) // its own callers see its failure; the next starts afresh
      .then(() => {
        queued = null
        return ask()
      })
    return queued
  }
  return ask
}
