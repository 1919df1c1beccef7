// Reads for whom proposals are referred to and for the 街镇: a referee's inbox, a 街镇's overdue items.
import type { EscalationLevel, ProposalCategory, ProposalState, ReferralInbox, ReferralInboxFilter, ReferralTarget, StreetOverdue } from '../../../types'
import { maskPersonalInfo } from '../../content'
import type { ReadContext } from '../context'
import { deny, inboxRefusal, streetOverdueRefusal } from '../policy'
import { daysOverdue, isOverdue, OVERDUE_STATES, REFEREE_ROLE, referralStatus } from '../rules'
import { labelOf } from './items'
import { listQuery } from './select'

const LIMIT = 200

/**
 * GET /api/referrals: what is referred to the caller's kind in the 居民区 (物业, 业委会) or 街镇 (its
 * departments) it serves. Open ones by the date to answer by, answered ones newest first. A referee is
 * not of the committee: residents' personal details are masked, authors shown as "3号楼居民".
 */
export async function refereeInbox({ db, viewer: v, now }: ReadContext, status: ReferralInboxFilter): Promise<ReferralInbox> {
  deny(inboxRefusal(v))
  const targets = Object.entries(REFEREE_ROLE) as [ReferralTarget, string][]
  let q = listQuery(db)
    .leftJoin('units as es', 'es.id', 'p.estate_id')
    .select(['p.body', 'p.referred_to', 'p.state_entered_at', 'p.referral_accepted_at', 'p.referral_answer', 'p.referral_answered_at', 'es.name as estate_name'])
    .where('p.state', '=', 'referred')
    .where((eb) =>
      eb.or(
        v.principal.referees.flatMap((g) =>
          targets
            .filter(([, role]) => role === g.role)
            .map(([target]) => eb.and([eb('p.referred_to', '=', target), eb(target === 'street' ? 'p.street_id' : 'p.neighbourhood_id', '=', g.unitId)])),
        ),
      ),
    )
  q =
    status === 'open'
      ? q.where('p.referral_answered_at', 'is', null).orderBy('p.deadline_at').orderBy('p.id')
      : q.where('p.referral_answered_at', 'is not', null).orderBy('p.referral_answered_at', 'desc').orderBy('p.id', 'desc')
  const rows = await q.limit(LIMIT).execute()

  // The committee's reason: the latest step into 'referred' of each.
  const reasons = new Map<number, string | null>()
  if (rows.length > 0) {
    const steps = await db
      .selectFrom('proposal_transitions')
      .select(['proposal_id', 'reason'])
      .where('proposal_id', 'in', rows.map((r) => r.id))
      .where('to_state', '=', 'referred')
      .orderBy('id')
      .execute()
    for (const s of steps) reasons.set(s.proposal_id, s.reason)
  }
  const masked = (s: string | null | undefined) => (s == null ? null : maskPersonalInfo(s))

  return {
    items: rows.map((r) => ({
      id: r.id,
      title: maskPersonalInfo(r.title),
      body: maskPersonalInfo(r.body),
      category: r.category as ProposalCategory,
      referredTo: r.referred_to as ReferralTarget,
      neighbourhoodId: r.neighbourhood_id,
      neighbourhoodName: r.neighbourhood_name,
      estateName: r.estate_name,
      unitName: r.unit_name,
      authorLabel: labelOf(r),
      reason: masked(reasons.get(r.id)),
      referredAt: r.state_entered_at,
      deadlineAt: r.deadline_at,
      overdue: isOverdue('referred', r.deadline_at, now),
      status: referralStatus(r),
      acceptedAt: r.referral_accepted_at,
      answer: masked(r.referral_answer),
      answeredAt: r.referral_answered_at,
    })),
  }
}

/**
 * GET /api/street/overdue: every item of the 街镇's 居民区 past its time limit, most overdue first, with
 * how far it has been escalated (the sweep's record: who has been told).
 */
export async function streetOverdue({ db, viewer: v, now }: ReadContext, streetId: number): Promise<StreetOverdue> {
  deny(streetOverdueRefusal(v, streetId))
  const rows = await db
    .selectFrom('proposals as p')
    .innerJoin('units as nb', 'nb.id', 'p.neighbourhood_id')
    .select(['p.id', 'p.title', 'p.state', 'p.neighbourhood_id', 'nb.name as neighbourhood_name', 'p.referred_to', 'p.deadline_at', 'p.overdue_notified_at', 'p.escalated_at'])
    .where('p.street_id', '=', streetId)
    .where('p.state', 'in', OVERDUE_STATES)
    .where('p.deadline_at', '<', now.toISOString())
    .orderBy('p.deadline_at')
    .orderBy('p.id')
    .limit(LIMIT)
    .execute()
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      state: r.state as ProposalState,
      neighbourhoodId: r.neighbourhood_id,
      neighbourhoodName: r.neighbourhood_name,
      referredTo: r.referred_to as ReferralTarget | null,
      deadlineAt: r.deadline_at!,
      daysOverdue: daysOverdue(r.deadline_at!, now),
      escalationLevel: (r.escalated_at !== null ? 2 : r.overdue_notified_at !== null ? 1 : 0) as EscalationLevel,
    })),
  }
}
