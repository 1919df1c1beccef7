// The ledger entries that back the index's platform items, for a 居民区 and a period: the index cites
// them so whoever checks a score can open the records behind it.
import type { Kysely } from 'kysely'
import type { AffairKind } from '../../../types'
import type { Database } from '../../db/schema'
import { entriesOf } from './ledger'

/** Entry keys by index leaf (or `leafId.partId`). */
export type LedgerEvidence = Map<string, string[]>

const BACKING: Record<string, AffairKind[]> = {
  'consultation_platform.platform_evidence': ['meeting', 'decision'],
  proposal_mechanism: ['decision', 'meeting'],
  supervision_mechanism: ['spending', 'fund', 'referral'],
  evaluation_mechanism: ['evaluation', 'survey'],
  online_needs_survey: ['survey'],
  // 上云率: what the verified households can read online.
  online_venue: ['decision', 'meeting', 'spending', 'fund', 'referral', 'survey', 'evaluation'],
}

/** Entries dated from `start` to `end` (Shanghai days, both included), newest first, per item. */
export async function ledgerEvidence(db: Kysely<Database>, neighbourhoodId: number, w: { start: string; end: string }): Promise<LedgerEvidence> {
  const entries = (await entriesOf(db, neighbourhoodId)).filter((e) => e.date >= w.start && e.date <= w.end)
  const evidence: LedgerEvidence = new Map()
  for (const [leaf, kinds] of Object.entries(BACKING)) {
    const keys = entries.filter((e) => kinds.includes(e.kind)).map((e) => e.key)
    if (keys.length > 0) evidence.set(leaf, keys)
  }
  return evidence
}
