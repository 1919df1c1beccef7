export interface SensitiveWordTable {
  word: string
  level: 'review' | 'risky'
  created_by: number | null
  created_at: string
}

export interface ContentTables {
  sensitive_words: SensitiveWordTable
}
