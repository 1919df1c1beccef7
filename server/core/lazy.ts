/** A module loaded on first use, then kept (core/libraries.ts, the S3 client, ioredis). */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined
  return () => {
    loaded ??= load().catch((err: unknown) => {
      loaded = undefined // a failed load is tried again next time
      throw err
    })
    return loaded
  }
}
