// Kysely's view of the search index (migration 015_search_terms).

export interface SearchTermTable {
  /** What is indexed: a proposal or a 议事厅 topic. */
  kind: 'proposal' | 'topic'
  doc_id: number
  /** A character, a pair of characters, a Latin word or a number (terms.ts). */
  term: string
  /** Occurrences, those in the title counted three times: the ranking adds them up. */
  weight: number
}

export interface SearchTables {
  search_terms: SearchTermTable
}
