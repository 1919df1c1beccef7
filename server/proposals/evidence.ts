// What a 居民区's proposals show about a period, for the index's platform evidence: counts only.
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { PeriodWindow } from '../../types/period'
import { addShanghaiDays } from '../../types/time'
import type { Database } from '../db/schema'

export interface ProposalEvidence {
  /** Proposals residents raised. */
  raised: number
  /** Proposals accepted (立项). */
  accepted: number
  /** Implementation progress published. */
  progress: number
  /** Residents' comments on that progress. */
  comments: number
  /** Residents' evaluations of the results. */
  evaluations: number
  /** Hearings, coordination and evaluation meetings held (三会). */
  meetings: number
}

/**
 * Rows of a proposal table (the proposals themselves, or a child table through `link`) of the 居民区
 * whose `at` falls in [from, to).
 */
async function countInWindow(
  db: Kysely<Database>,
  neighbourhoodId: number,
  c: { table: keyof Database; link: 'id' | 'proposal_id'; at: 'created_at' | 'held_on'; from: string; to: string; only?: RawBuilder<unknown> },
): Promise<number> {
  const at = sql.ref(`c.${c.at}`)
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from ${sql.table(c.table)} as c
    inner join proposals as p on p.id = ${sql.ref(`c.${c.link}`)}
    where p.neighbourhood_id = ${neighbourhoodId} and ${at} >= ${c.from} and ${at} < ${c.to}
    ${c.only ? sql`and ${c.only}` : sql``}`.execute(db)
  return Number(rows[0]?.n ?? 0)
}

export async function proposalEvidence(db: Kysely<Database>, neighbourhoodId: number, w: PeriodWindow): Promise<ProposalEvidence> {
  const made = (table: keyof Database, link: 'id' | 'proposal_id', only?: RawBuilder<unknown>) =>
    countInWindow(db, neighbourhoodId, { table, link, at: 'created_at', from: w.from, to: w.to, only })
  const [raised, accepted, progress, comments, evaluations, meetings] = await Promise.all([
    made('proposals', 'id'),
    made('proposal_transitions', 'proposal_id', sql`c.to_state = ${'accepted'}`),
    made('proposal_progress', 'proposal_id'),
    made('proposal_progress_comments', 'proposal_id'),
    made('proposal_evaluations', 'proposal_id'),
    // held_on is a Shanghai day: the period's days, the last one included.
    countInWindow(db, neighbourhoodId, {
      table: 'proposal_meetings',
      link: 'proposal_id',
      at: 'held_on',
      from: w.start,
      to: addShanghaiDays(w.end, 1),
      only: sql`c.kind in (${sql.join(['hearing', 'coordination', 'evaluation'])})`,
    }),
  ])
  return { raised, accepted, progress, comments, evaluations, meetings }
}
