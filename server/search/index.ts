// Search in proposals and the 议事厅: terms indexed when the text is written (index in the writer's
// transaction), matched with every term of the query, ranked by how often and where they occur. The
// capabilities keep their own visibility rules: they join matchingDocs() into their list queries.
import { sql, type Kysely } from 'kysely'
import { decodeCursor, encodeCursor, isId } from '../core/cursor'
import type { Database } from '../db/schema'
import { documentTerms } from './terms'
import type { SearchTermTable } from './tables'

export { queryTerms } from './terms'
export type { SearchTables } from './tables'

type Kind = SearchTermTable['kind']

/** A title's terms count this many times a body's. */
const TITLE_WEIGHT = 3
/** Rows per insert: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500

/** The rows indexing one document's title and body (masked text: what residents read is what they find). */
export function termRows(kind: Kind, docId: number, title: string, body: string): SearchTermTable[] {
  const weights = new Map<string, number>()
  for (const [t, n] of documentTerms(title)) weights.set(t, n * TITLE_WEIGHT)
  for (const [t, n] of documentTerms(body)) weights.set(t, (weights.get(t) ?? 0) + n)
  return [...weights].map(([term, weight]) => ({ kind, doc_id: docId, term, weight }))
}

/** (Re)indexes one document inside the caller's transaction. */
export async function indexDocument(trx: Kysely<Database>, kind: Kind, docId: number, title: string, body: string): Promise<void> {
  await trx.deleteFrom('search_terms').where('kind', '=', kind).where('doc_id', '=', docId).execute()
  const rows = termRows(kind, docId, title, body)
  for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto('search_terms').values(rows.slice(i, i + CHUNK)).execute()
}

/**
 * The documents holding every term, with their score, as a subquery to join (`s.doc_id`, `s.score`).
 * Terms must be non-empty (queryTerms() says when a query has nothing to search for).
 */
export function matchingDocs(db: Kysely<Database>, kind: Kind, terms: string[]) {
  return db
    .selectFrom('search_terms')
    .select(['doc_id', sql<number>`cast(sum(weight) as integer)`.as('score')])
    .where('kind', '=', kind)
    .where('term', 'in', terms)
    .groupBy('doc_id')
    .having(sql`count(*)`, '=', terms.length)
    .as('s')
}

/** A search page's position: the last row's score and id (ranked lists page by both). */
export function encodeMatchCursor(score: number, id: number): string {
  return encodeCursor(['match', Number(score), id])
}

export function decodeMatchCursor(raw: string): { score: number; id: number } {
  return decodeCursor(raw, ([tag, score, id, ...rest]) =>
    tag === 'match' && Number.isSafeInteger(score) && (score as number) >= 0 && isId(id) && rest.length === 0 ? { score: score as number, id } : null,
  )
}
