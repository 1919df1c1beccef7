import type { FastifyInstance } from 'fastify'
import type { ProposalState, ReferralTarget } from '../../types'
import { transact } from '../core/write'
import { committeeOf, notifyAudience, roleHolders, tell } from './audience'
import { forgetSharedLists } from './shared-lists'
import { tallyVote } from './queries/tally'
import { loadRow, type ProposalRow, type Tx } from './rows'
import { dueAction, escalationDue, OVERDUE_STATES, REFEREE_ROLE, streetEscalationAt } from './rules'
import { loadSettings } from './settings'
import { systemTransition } from './transitions'

export interface SweepResult {
  expired: number
  votesClosed: number
  closed: number
  /** Past the time limit: the committee, the author and followers (and a referee) told. */
  flaggedOverdue: number
  /** Past twice the time limit: the 街镇's admins (and a referee) told. */
  escalated: number
}

const BATCH = 200

function overdueMessage(state: ProposalState): string {
  switch (state) {
    case 'screening':
      return '提案已超过审核时限，居委会尚未处理'
    case 'accepted':
      return '议题立项后尚未启动协商，已超期'
    case 'deliberating':
      return '协商已超过时限，尚未形成决定，已超期'
    case 'approved':
      return '决议通过后尚未开始实施，已超期'
    case 'implementing':
      return '已超过计划完成日期，尚未完成，已超期'
    case 'referred':
      return '转办后尚未收到答复，已超期'
    default:
      return '提案已超期'
  }
}

/** Whom a proposal is referred to, while it waits for them. */
function refereesOf(tx: Tx, p: ProposalRow): Promise<number[]> {
  if (p.state !== 'referred' || p.referred_to === null || p.referral_answered_at !== null) return Promise.resolve([])
  const target = p.referred_to as ReferralTarget
  return roleHolders(tx.trx, REFEREE_ROLE[target], target === 'street' ? p.street_id : p.neighbourhood_id)
}

/**
 * Escalates an overdue item as far as is due now, each level once (guarded, so two instances sweeping at
 * once tell everyone once): the committee, the author and followers at the time limit; the 街镇 at twice
 * it. A referee is told at both. Returns the levels it took.
 */
async function escalate(tx: Tx, p: ProposalRow): Promise<('flaggedOverdue' | 'escalated')[]> {
  const { trx, now } = tx
  const iso = now.toISOString()
  const state = p.state as ProposalState
  const due = escalationDue({ state, stateEnteredAt: new Date(p.state_entered_at), deadline: p.deadline_at ? new Date(p.deadline_at) : null }, now)
  const done: ('flaggedOverdue' | 'escalated')[] = []
  const referees = due > 0 ? await refereesOf(tx, p) : []
  const escalatesAt = streetEscalationAt(new Date(p.state_entered_at), new Date(p.deadline_at!)).toISOString()
  if (p.overdue_notified_at !== null && p.escalates_at === null) {
    // Flagged before escalation existed (migration 009): only the 街镇's date is missing.
    await trx.updateTable('proposals').set({ escalates_at: escalatesAt }).where('id', '=', p.id).where('escalates_at', 'is', null).execute()
  }
  if (due >= 1 && p.overdue_notified_at === null) {
    const flagged = await trx
      .updateTable('proposals')
      .set({ overdue_notified_at: iso, escalates_at: escalatesAt })
      .where('id', '=', p.id)
      .where('overdue_notified_at', 'is', null)
      .where('state', '=', p.state)
      .executeTakeFirst()
    if (Number(flagged.numUpdatedRows) === 0) return done
    await notifyAudience(tx, p, 'proposal.overdue', overdueMessage(state), { extra: [...(await committeeOf(trx, p)), ...referees], status: '已超期' })
    done.push('flaggedOverdue')
  }
  if (due >= 2 && p.escalated_at === null) {
    const escalated = await trx
      .updateTable('proposals')
      .set({ escalated_at: iso })
      .where('id', '=', p.id)
      .where('escalated_at', 'is', null)
      .where('state', '=', p.state)
      .executeTakeFirst()
    if (Number(escalated.numUpdatedRows) === 0) return done
    const admins = await roleHolders(trx, 'admin', p.street_id)
    // The author (or whoever relays to them) learns it went up too; escalated_at above makes it once.
    const authors = [p.author_id, p.entered_by].filter((id): id is number => id !== null)
    await tell(tx, p, [...admins, ...referees, ...authors], 'proposal.escalated', `超过时限一倍仍未处理，已上报街镇：${overdueMessage(state)}`, '已上报')
    done.push('escalated')
  }
  return done
}

/**
 * Acts on every proposal whose time limit has passed, so nothing lapses silently: collecting → expired,
 * a vote past its closing time → its tallied outcome, completed → closed once the evaluation window ends,
 * any other state → escalated when overdue (escalate above). Each proposal in its own
 * transaction. `server/maintenance.ts` runs it hourly; tests call it with a moved clock.
 */
export async function sweepProposals(app: FastifyInstance, now: Date = app.clock()): Promise<SweepResult> {
  const db = app.db.kysely
  const iso = now.toISOString()
  const result: SweepResult = { expired: 0, votesClosed: 0, closed: 0, flaggedOverdue: 0, escalated: 0 }
  const flagging = OVERDUE_STATES.filter((s) => s !== 'voting')
  let afterId = 0
  for (;;) {
    const due = await db
      .selectFrom('proposals')
      .select(['id', 'state'])
      .where('deadline_at', '<=', iso)
      .where((eb) =>
        eb.or([
          // Held for content review: the co-signing period has not started yet.
          eb.and([eb('state', '=', 'submitted'), eb('content_status', '=', 'visible')]),
          eb('state', 'in', ['voting', 'completed']),
          eb.and([eb('state', 'in', flagging), eb('overdue_notified_at', 'is', null)]),
          eb.and([eb('state', 'in', flagging), eb('escalated_at', 'is', null), eb('escalates_at', '<=', iso)]),
          eb.and([eb('state', 'in', flagging), eb('overdue_notified_at', 'is not', null), eb('escalates_at', 'is', null)]),
        ]),
      )
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(BATCH)
      .execute()
    if (due.length === 0) break
    for (const d of due) {
      afterId = d.id
      try {
        const done = await transact(app, async (trx, after) => {
          after(async (app) => forgetSharedLists(app.db.kysely))
          const tx = { trx, after, now }
          const p = await loadRow(trx, d.id)
          if (!p || !p.deadline_at || p.deadline_at > iso) return null
          const state = p.state as ProposalState
          const settings = await loadSettings(trx, p.neighbourhood_id)
          switch (dueAction(state)) {
            case 'expire':
              await systemTransition(tx, p, 'expired', settings)
              return 'expired' as const
            case 'close_vote': {
              const tally = await tallyVote(trx, p, settings)
              await systemTransition(tx, p, tally.passed ? 'approved' : 'declined', settings, { tally })
              return 'votesClosed' as const
            }
            case 'close':
              await systemTransition(tx, p, 'closed', settings)
              return 'closed' as const
            case 'flag_overdue':
              return escalate(tx, p)
            default:
              return null
          }
        })
        for (const step of [done ?? []].flat()) result[step]++
      } catch (err) {
        app.log.warn({ err, proposalId: d.id }, 'proposal sweep failed for one proposal')
      }
    }
  }
  return result
}
