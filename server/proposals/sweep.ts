import type { FastifyInstance } from 'fastify'
import type { ProposalState } from '../../types'
import { transact } from '../core/write'
import { notifyAudience } from './audience'
import { tallyVote } from './queries/tally'
import { loadRow } from './rows'
import { dueAction, OVERDUE_STATES } from './rules'
import { loadSettings } from './settings'
import { systemTransition } from './transitions'

export interface SweepResult {
  expired: number
  votesClosed: number
  closed: number
  flaggedOverdue: number
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

/**
 * Acts on every proposal whose time limit has passed, so nothing lapses silently: collecting → expired,
 * a vote past its closing time → its tallied outcome, completed → closed once the evaluation window ends,
 * any other state → flagged overdue once (author and followers are told). Each proposal in its own
 * transaction. `server/maintenance.ts` runs it hourly; tests call it with a moved clock.
 */
export async function sweepProposals(app: FastifyInstance, now: Date = app.clock()): Promise<SweepResult> {
  const db = app.db.kysely
  const iso = now.toISOString()
  const result: SweepResult = { expired: 0, votesClosed: 0, closed: 0, flaggedOverdue: 0 }
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
          eb.and([eb('state', 'in', OVERDUE_STATES.filter((s) => s !== 'voting')), eb('overdue_notified_at', 'is', null)]),
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
            case 'flag_overdue': {
              // Guarded, so two instances sweeping at once tell the author once.
              const flagged = await trx
                .updateTable('proposals')
                .set({ overdue_notified_at: iso })
                .where('id', '=', p.id)
                .where('overdue_notified_at', 'is', null)
                .where('state', '=', p.state)
                .executeTakeFirst()
              if (Number(flagged.numUpdatedRows) === 0) return null
              await notifyAudience(tx, p, 'proposal.overdue', overdueMessage(state), { status: '已超期' })
              return 'flaggedOverdue' as const
            }
            default:
              return null
          }
        })
        if (done) result[done]++
      } catch (err) {
        app.log.warn({ err, proposalId: d.id }, 'proposal sweep failed for one proposal')
      }
    }
  }
  return result
}
