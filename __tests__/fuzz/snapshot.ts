import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '../../server/core/db'

// A digest of every table, to prove that a refused request changed nothing. Left out: rate-limit counters
// (they count refused requests too, by design) and a closed survey's kept figures, which the first read of
// its results writes (a cache of what its answers give; not every read is followed by a snapshot).
const VOLATILE = new Set(['rate_counters', 'survey_results'])

export async function tableNames(db: Db): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db.kysely)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() order by table_name`.execute(db.kysely)
  return rows.rows.map((r) => r.name).filter((n) => !VOLATILE.has(n))
}

/** One hash per table of all its rows, in a stable order. */
export async function snapshot(db: Db, tables: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  if (db.dialect === 'postgres') {
    const parts = tables.map(
      (t) => sql`select ${t} as name, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as hash from ${sql.table(t)} x`,
    )
    const rows = await sql<{ name: string; hash: string }>`${sql.join(parts, sql` union all `)}`.execute(db.kysely)
    for (const r of rows.rows) out[r.name] = r.hash
    return out
  }
  for (const t of tables) {
    const rows = await sql`select * from ${sql.table(t)}`.execute(db.kysely)
    const lines = rows.rows.map((r) => JSON.stringify(r)).sort()
    out[t] = createHash('sha256').update(lines.join('\n')).digest('hex')
  }
  return out
}

/** The tables whose hash differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t])
}
