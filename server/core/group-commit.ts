// SQLite's one connection, shared in turns, with writes committed in groups. Each commit writes every page
// its transaction touched to the write-ahead log, one write(2) per page: a co-signature touched 13 pages
// and its commit was the costliest statement it ran. Transactions that follow each other closely share
// one: each runs in a savepoint of its own (a failure undoes only its own changes) and the group commits
// once, so a page they all touch (the topic's row, the end of an index) goes to the log once.
import type SQLite from 'better-sqlite3'
import { CompiledQuery, SelectQueryNode, type DatabaseConnection, type Driver, type QueryResult } from 'kysely'

/** How long a group may stay open for the transactions waiting their turn; its first waits that much more. */
export const GROUP_MS = 3

/** Turns at the connection, first come first served. */
class Turns {
  private held = false
  private readonly queue: (() => void)[] = []

  take(): Promise<void> {
    if (!this.held) {
      this.held = true
      return Promise.resolve()
    }
    return new Promise((resolve) => this.queue.push(resolve))
  }

  /** The next in line holds the connection from now (it stays held), or nobody does. */
  give(): void {
    const next = this.queue.shift()
    if (next) next()
    else this.held = false
  }
}

/** One turn at the connection, as Kysely sees it: a statement, or a transaction from begin to end. */
class Turn implements DatabaseConnection {
  /** The turn has been passed on (a transaction waiting for its group's commit passes it early). */
  done = false
  /** Inside this turn's savepoint. */
  inTransaction = false

  constructor(private readonly driver: GroupCommitDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return Promise.resolve(this.driver.execute<R>(this, query))
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('SQLite streams select queries only')
    for (const row of this.driver.statement(this, query).iterate(query.parameters as unknown[])) yield { rows: [row as R] }
  }
}

interface Group {
  openedAt: number
  /** Transactions done with their work, waiting for the group's commit. */
  members: { resolve: () => void; reject: (err: unknown) => void }[]
}

/**
 * Kysely's driver for one better-sqlite3 connection. A transaction opens a group (BEGIN IMMEDIATE: it takes
 * the write lock at once and waits its turn, rather than failing when another process wrote between its
 * read and its write) or joins the one open. A transaction runs to its end within one turn of the event
 * loop, so the group stays open until the loop has taken in what else arrived (setImmediate), and for at
 * most GROUP_MS: the requests read meanwhile read inside it (what they see is about to commit); any other
 * statement outside a transaction commits it first. Each transaction resolves once its group has committed.
 */
export class GroupCommitDriver implements Driver {
  private readonly turns = new Turns()
  private group: Group | null = null
  /** Other connections waiting for the write lock (yieldTo). */
  private yielding = 0

  /**
   * `grouping` false: each transaction commits at its end. Another process writing the same file (a worker
   * of WORKERS=n) would wait for the group's write lock in SQLite's busy handler, asleep on its event loop.
   */
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly grouping = true,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.turns.take()
    return new Turn(this)
  }

  async beginTransaction(turn: DatabaseConnection): Promise<void> {
    if (this.group && performance.now() - this.group.openedAt >= GROUP_MS) this.commit()
    if (!this.group) {
      await this.takeWriteLock()
      this.group = { openedAt: performance.now(), members: [] }
    }
    this.run('savepoint yishi_write')
    ;(turn as Turn).inTransaction = true
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const turn = connection as Turn
    this.run('release yishi_write')
    turn.inTransaction = false
    if (!this.grouping || this.yielding > 0) {
      const failed = this.commit()
      if (failed) throw failed
      return
    }
    const group = this.group!
    const committed = new Promise<void>((resolve, reject) => group.members.push({ resolve, reject }))
    if (group.members.length === 1) setImmediate(() => void this.commitLater(group))
    this.pass(turn)
    return committed
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const turn = connection as Turn
    // Not inside its savepoint any more: its group failed to commit, and was rolled back whole.
    if (!turn.inTransaction) return
    this.run('rollback to yishi_write')
    this.run('release yishi_write')
    turn.inTransaction = false
    // Alone in its group: nothing to commit.
    if (this.group!.members.length === 0) {
      this.run('rollback')
      this.group = null
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const turn = connection as Turn
    if (!turn.done) this.pass(turn)
  }

  async destroy(): Promise<void> {
    this.sqlite.close()
  }

  /** A statement of a turn. One that writes, outside a transaction, must not join an open group. */
  execute<R>(turn: Turn, query: CompiledQuery): QueryResult<R> {
    const stmt = this.statement(turn, query)
    const parameters = query.parameters as unknown[]
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] }
    const { changes, lastInsertRowid } = stmt.run(parameters)
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] }
  }

  statement(turn: Turn, query: CompiledQuery): SQLite.Statement {
    const stmt = this.sqlite.prepare(query.sql)
    if (this.group && !turn.inTransaction && !stmt.readonly) this.commit()
    return stmt
  }

  /**
   * While `waiting` (another connection's wait for the write lock: the checkpoint thread's TRUNCATE), each
   * transaction commits at its end. Groups back to back held the lock nearly all the time, and the other
   * connection, asleep between its tries, missed the moments it was free: a TRUNCATE took up to a second.
   */
  async yieldTo<T>(waiting: Promise<T>): Promise<T> {
    this.yielding++
    try {
      return await waiting
    } finally {
      this.yielding--
    }
  }

  /**
   * BEGIN IMMEDIATE, tried again every millisecond while another connection holds the write lock (the
   * checkpoint thread's TRUNCATE, another worker's write), for as long as busy_timeout says. SQLite's own
   * wait sleeps in its busy handler, on the event loop: every request in flight stopped, for up to 100 ms a
   * sleep, while a TRUNCATE copied the log.
   */
  private async takeWriteLock(): Promise<void> {
    const timeout = this.sqlite.pragma('busy_timeout', { simple: true }) as number
    const until = performance.now() + timeout
    this.sqlite.pragma('busy_timeout = 0')
    try {
      for (;;) {
        try {
          this.run('begin immediate')
          return
        } catch (err) {
          if ((err as { code?: string }).code !== 'SQLITE_BUSY' || performance.now() >= until) throw err
        }
        await new Promise((resolve) => setTimeout(resolve, 1))
      }
    } finally {
      this.sqlite.pragma(`busy_timeout = ${timeout}`)
    }
  }

  /** The group's commit, in a turn of its own, unless a statement committed it meanwhile. */
  private async commitLater(group: Group): Promise<void> {
    await this.turns.take()
    if (this.group === group) this.commit()
    this.turns.give()
  }

  private pass(turn: Turn): void {
    turn.done = true
    this.turns.give()
  }

  /**
   * Commits the open group. If that fails, it is rolled back and each member fails with the error, which is
   * returned: the turn that ran the commit for the members does not fail with it.
   */
  private commit(): unknown {
    const { members } = this.group!
    this.group = null
    try {
      this.run('commit')
    } catch (err) {
      if (this.sqlite.inTransaction) this.run('rollback')
      for (const m of members) m.reject(err)
      return err
    }
    for (const m of members) m.resolve()
    return undefined
  }

  private run(text: string): void {
    this.sqlite.prepare(text).run()
  }
}
