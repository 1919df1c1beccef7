// What a 居民区's proposals record up to an instant, as facts for the 台账 (server/reports does the
// arithmetic): each proposal with its transitions, the meetings, the spending reports, the co-signatures
// and the referral answers. Reads only; staff eyes (the 台账 is the committee's and the 街镇's).
import type { Kysely } from 'kysely'
import type { MeetingKind, ProposalState } from '../../types'
import type { Database } from '../db/schema'
import type { SettingsValues } from './rules'
import { loadSettings } from './settings'

export interface LedgerTransition {
  proposalId: number
  from: ProposalState | null
  to: ProposalState
  at: string
  /** The transition's details: closesAt of a vote, plannedDate of implementation. */
  details: Record<string, unknown>
}

export interface LedgerFacts {
  settings: SettingsValues
  proposals: {
    id: number
    title: string
    createdAt: string
    budgetPlannedFen: number | null
    voteFor: number | null
    voteAgainst: number | null
    voteAbstain: number | null
    voteEligible: number | null
    votePassed: boolean | null
  }[]
  transitions: LedgerTransition[]
  meetings: { id: number; proposalId: number; proposalTitle: string; kind: MeetingKind; heldOn: string; place: string; attendance: number }[]
  /** Spending reports with a figure, in order. */
  spending: { proposalId: number; spentFen: number; at: string }[]
  cosigns: { proposalId: number; at: string }[]
  referralAnswers: { proposalId: number; at: string }[]
}

const parse = (details: string | null): Record<string, unknown> => {
  if (!details) return {}
  try {
    return JSON.parse(details) as Record<string, unknown>
  } catch {
    return {}
  }
}

/** Everything before `until` (ISO) of the 居民区's proposals (merged ones excluded: their records moved). */
export async function proposalLedgerFacts(db: Kysely<Database>, neighbourhoodId: number, until: string): Promise<LedgerFacts> {
  const [settings, proposals, transitions, meetings, spending, cosigns, answers] = await Promise.all([
    loadSettings(db, neighbourhoodId),
    db
      .selectFrom('proposals')
      .select(['id', 'title', 'created_at', 'budget_planned_fen', 'vote_for', 'vote_against', 'vote_abstain', 'vote_eligible', 'vote_passed'])
      .where('neighbourhood_id', '=', neighbourhoodId)
      .where('created_at', '<', until)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('proposal_transitions as c')
      .innerJoin('proposals as p', 'p.id', 'c.proposal_id')
      .where('p.neighbourhood_id', '=', neighbourhoodId)
      .select(['c.proposal_id', 'c.from_state', 'c.to_state', 'c.created_at', 'c.details'])
      .where('c.created_at', '<', until)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute(),
    db
      .selectFrom('proposal_meetings as m')
      .innerJoin('proposals as p', 'p.id', 'm.proposal_id')
      .select(['m.id', 'm.proposal_id', 'p.title', 'm.kind', 'm.held_on', 'm.place', 'm.attendance', 'm.created_at'])
      .where('p.neighbourhood_id', '=', neighbourhoodId)
      .where('m.created_at', '<', until)
      .orderBy('m.held_on')
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('proposal_progress as g')
      .innerJoin('proposals as p', 'p.id', 'g.proposal_id')
      .select(['g.proposal_id', 'g.budget_spent_fen', 'g.created_at'])
      .where('p.neighbourhood_id', '=', neighbourhoodId)
      .where('g.budget_spent_fen', 'is not', null)
      .where('g.created_at', '<', until)
      .orderBy('g.created_at')
      .orderBy('g.id')
      .execute(),
    db
      .selectFrom('proposal_cosigns as c')
      .innerJoin('proposals as p', 'p.id', 'c.proposal_id')
      .select(['c.proposal_id', 'c.created_at'])
      .where('p.neighbourhood_id', '=', neighbourhoodId)
      .where('c.created_at', '<', until)
      .execute(),
    db
      .selectFrom('referral_events as e')
      .innerJoin('proposals as p', 'p.id', 'e.proposal_id')
      .select(['e.proposal_id', 'e.created_at'])
      .where('p.neighbourhood_id', '=', neighbourhoodId)
      .where('e.kind', '=', 'answered')
      .where('e.created_at', '<', until)
      .execute(),
  ])
  const { neighbourhoodId: _id, isDefault: _default, ...values } = settings
  return {
    settings: values,
    proposals: proposals.map((p) => ({
      id: p.id,
      title: p.title,
      createdAt: p.created_at,
      budgetPlannedFen: p.budget_planned_fen,
      voteFor: p.vote_for,
      voteAgainst: p.vote_against,
      voteAbstain: p.vote_abstain,
      voteEligible: p.vote_eligible,
      votePassed: p.vote_passed === null ? null : p.vote_passed === 1,
    })),
    transitions: transitions.map((t) => ({
      proposalId: t.proposal_id,
      from: t.from_state as ProposalState | null,
      to: t.to_state as ProposalState,
      at: t.created_at,
      details: parse(t.details),
    })),
    meetings: meetings.map((m) => ({
      id: m.id,
      proposalId: m.proposal_id,
      proposalTitle: m.title,
      kind: m.kind,
      heldOn: m.held_on,
      place: m.place,
      attendance: m.attendance,
    })),
    spending: spending.map((g) => ({ proposalId: g.proposal_id, spentFen: g.budget_spent_fen!, at: g.created_at })),
    cosigns: cosigns.map((c) => ({ proposalId: c.proposal_id, at: c.created_at })),
    referralAnswers: answers.map((a) => ({ proposalId: a.proposal_id, at: a.created_at })),
  }
}
