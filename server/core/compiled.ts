// Hot queries built and compiled once per dialect, then run with new values. Kysely builds a fresh
// operation tree and compiles it to SQL on every call: on a co-sign or a post that took a quarter of the
// server's CPU, as much as SQLite spent running the statements.
import { createQueryId, sql, type Compilable, type Kysely, type RawBuilder, type RootOperationNode } from 'kysely'
import type { Database } from '../db/schema'
import { onSqlite } from './dialect'

type Handle = Kysely<Database>

interface Template {
  sql: string
  query: RootOperationNode
  parameters: ({ slot: string } | { value: unknown })[]
}

// PostgreSQL parses and plans an unnamed statement on every run; a compiled query's text is fixed, so
// it is sent as a named statement, parsed and planned once per connection (db.ts).
const named = new Map<string, string>()

/** The statement name of a compiled query's text on PostgreSQL, if it is one. */
export const statementName = (text: string): string | undefined => named.get(text)

export interface Compiled<P, R> {
  all(db: Handle, values: P): Promise<R[]>
  first(db: Handle, values: P): Promise<R | undefined>
}

/**
 * `build` is called once per dialect with stand-ins for the values, read one by one (a stand-in only works
 * where Kysely passes a value through as a parameter: comparisons, limits, inserted values; never an `in`
 * list, and the values object cannot be spread),
 * and again for every run only on a handle with plugins, which may rewrite a query per handle.
 */
export function compiled<P extends Record<string, unknown>, R>(build: (db: Handle, values: P) => Compilable<R>): Compiled<P, R> {
  const templates = new Map<unknown, Template>()
  const templateFor = (db: Handle): Template => {
    const dialect = db.getExecutor().adapter.constructor
    const known = templates.get(dialect)
    if (known) return known
    const names = new Map<object, string>()
    const standIns = new Proxy({} as P, {
      get(_, name) {
        const standIn = {}
        names.set(standIn, String(name))
        return standIn
      },
      ownKeys() {
        throw new Error('compiled query: read the values one by one, never spread them')
      },
    })
    const query = build(db, standIns).compile()
    const template: Template = {
      sql: query.sql,
      query: query.query,
      parameters: query.parameters.map((v) => (typeof v === 'object' && v !== null && names.has(v) ? { slot: names.get(v)! } : { value: v })),
    }
    const used = new Set(template.parameters.flatMap((p) => ('slot' in p ? [p.slot] : [])))
    const lost = [...names.values()].find((name) => !used.has(name))
    if (lost !== undefined) throw new Error(`compiled query: the value "${lost}" is not a parameter of ${query.sql}`)
    templates.set(dialect, template)
    if (!onSqlite(db) && !named.has(template.sql)) named.set(template.sql, `yishi_${named.size + 1}`)
    return template
  }
  const all = async (db: Handle, values: P): Promise<R[]> => {
    if (db.getExecutor().plugins.length > 0) return (await db.executeQuery(build(db, values))).rows
    const t = templateFor(db)
    const parameters = t.parameters.map((p) => ('slot' in p ? values[p.slot] : p.value))
    return (await db.executeQuery<R>({ sql: t.sql, query: t.query, queryId: createQueryId(), parameters })).rows
  }
  return { all, first: async (db, values) => (await all(db, values))[0] }
}

/**
 * `column` is one of a list of ids given as one value (idList), so one compiled query serves lists of
 * every length: json_each on SQLite, = any on PostgreSQL; both look each id up in the column's index.
 */
export function inIdList(db: Handle, column: string, ids: unknown): RawBuilder<boolean> {
  return onSqlite(db) ? sql<boolean>`${sql.ref(column)} in (select value from json_each(${ids}))` : sql<boolean>`${sql.ref(column)} = any(${ids})`
}

/** The value inIdList takes for these ids on this database. */
export const idList = (db: Handle, ids: readonly number[]): unknown => (onSqlite(db) ? JSON.stringify(ids) : ids)
