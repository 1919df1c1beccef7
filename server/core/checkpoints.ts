// SQLite's checkpoints, on a thread of their own. A checkpoint copies the write-ahead log into the
// database file and fsyncs it; better-sqlite3 would run it on the event loop, and SQLite's automatic
// one runs inside whichever commit crosses 1,000 pages: each froze every request in flight for as long as
// the disk took (up to a few hundred ms under write load). The app's connection therefore never
// checkpoints (wal_autocheckpoint = 0); this thread, with its own connection to the file, does.
import { Worker } from 'node:worker_threads'
import { shareNext } from './share-next'

/** How often the thread folds the log in. Each pass is PASSIVE: it never waits for, nor blocks, the app. */
export const CHECKPOINT_EVERY_MS = 200

export type CheckpointMode = 'passive' | 'truncate'

export interface CheckpointResult {
  /** 1 when a writer or reader kept the checkpoint from finishing (TRUNCATE waits busy_timeout first). */
  busy: number
  /** Pages in the log, and how many of them are now in the database file. */
  log: number
  checkpointed: number
}

export interface Checkpointer {
  /** A checkpoint now; TRUNCATE also empties the log file (nothing written before it stays on disk there). */
  run(mode: CheckpointMode): Promise<CheckpointResult>
  close(): Promise<void>
}

// Plain JavaScript, evaluated in the thread: it must load without the TypeScript loader the app runs under.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads')
const SQLite = require(workerData.driver)
const db = new SQLite(workerData.file, { fileMustExist: true })
db.pragma('busy_timeout = 5000')
parentPort.postMessage('ready')
const checkpoint = (mode) => db.pragma('wal_checkpoint(' + mode + ')')[0]
const timer = setInterval(() => {
  try {
    checkpoint('PASSIVE')
  } catch {
    // the next pass tries again; an asked-for checkpoint reports its own failure
  }
}, workerData.everyMs)
parentPort.on('message', (m) => {
  if (m === 'close') {
    clearInterval(timer)
    db.close()
    parentPort.close()
    return
  }
  try {
    parentPort.postMessage({ id: m.id, result: checkpoint(m.mode === 'truncate' ? 'TRUNCATE' : 'PASSIVE') })
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String(err && err.message || err) })
  }
})
`

type Reply = { id: number; result?: CheckpointResult; error?: string } | 'ready'

/**
 * Starts the checkpoint thread for a database file in WAL mode. A thread that dies after it opened the file
 * is started again; one that cannot open it (the file was removed) is not, and asking it for a checkpoint
 * fails at once.
 */
export function startCheckpointer(file: string, onError: (err: Error) => void): Checkpointer {
  let next = 0
  const waiting = new Map<number, { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }>()
  let closing = false
  let running = true
  let worker: Worker
  const start = () => {
    let opened = false
    worker = new Worker(THREAD, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3'), everyMs: CHECKPOINT_EVERY_MS } })
    worker.on('message', (m: Reply) => {
      if (m === 'ready') {
        opened = true
        return
      }
      const w = waiting.get(m.id)
      if (!w) return
      waiting.delete(m.id)
      if (waiting.size === 0 && !closing) worker.unref()
      if (m.error) w.reject(new Error(m.error))
      else w.resolve(m.result!)
    })
    worker.on('error', (err) => {
      // Not opening means the file is gone (the app's own connection opened it just before): nothing to fold.
      if (!closing && opened) onError(err)
    })
    worker.on('exit', () => {
      for (const w of waiting.values()) w.reject(new Error('checkpoint thread ended'))
      waiting.clear()
      if (!closing && opened) start()
      else running = false
    })
    // After the listeners: the first 'message' listener refs the thread's port again, and that alone kept a
    // process (a test run) alive after its last request.
    worker.unref() // a process with nothing else to do may end while the thread waits for its next pass
  }
  start()
  const ask = (mode: CheckpointMode): Promise<CheckpointResult> => {
    if (!running) return Promise.reject(new Error('checkpoint thread not running'))
    const id = next++
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject })
      worker.ref() // someone awaits the answer: the process must live to get it
      worker.postMessage({ id, mode })
    })
  }
  // A TRUNCATE holds the write lock while it copies and fsyncs, so every commit waits on it. Asked for
  // while one runs, the callers share the next one (share-next.ts):
  // 200 survey mixes in a burst of 2,000 submits made 200 of them, now a handful.
  const truncate = shareNext(() => ask('truncate'))
  return {
    run(mode) {
      return mode === 'passive' ? ask(mode) : truncate()
    },
    close() {
      closing = true
      if (!running) return Promise.resolve()
      worker.ref() // as in run(): without it, a process awaiting only this ended before the thread did
      return new Promise((resolve) => {
        worker.once('exit', () => resolve())
        worker.postMessage('close')
      })
    },
  }
}
