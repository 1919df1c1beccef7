// Moving a proposal through its lifecycle inside the caller's transaction: the guarded state change, its
// timeline entry, the merge carry-over and the notifications. Who may take which step is policy.ts and
// rules.ts; the commands and the sweep call here once they have asked.
import type { Updateable } from 'kysely'
import type { ProposalState, ReferralTarget, VoteTally } from '../../types'
import { PROPOSAL_STATE_NAMES, REFERRAL_TARGET_NAMES } from '../../types'
import { shanghaiDay } from '../../types/time'
import { maskPersonalInfo } from '../content'
import { conflict } from '../core/errors'
import { notifyAudience } from './audience'
import { carryOver } from './cosignatures'
import type { ProposalRow, Tx } from './rows'
import { deadlineFor, toFen, type ActorRole, type SettingsValues, type TransitionFields } from './rules'
import { loadSettings } from './settings'
import type { ProposalTable } from './tables'

export interface Actor {
  userId: number | null
  role: ActorRole
}

const DAY = 86_400_000
const SYSTEM: Actor = { userId: null, role: 'system' }
const NO_REFERRAL = { referred_to: null, referral_answer: null, referral_answered_at: null, referral_accepted_at: null, referral_answered_by: null }

function transitionMessage(
  from: ProposalState,
  to: ProposalState,
  p: ProposalRow,
  fields: TransitionFields,
  extra: { tally?: VoteTally; mergedTitle?: string; settings: SettingsValues },
): string {
  const reason = fields.reason ? `：${maskPersonalInfo(fields.reason)}` : ''
  switch (to) {
    case 'screening':
      if (from === 'referred') return `${REFERRAL_TARGET_NAMES[p.referred_to as ReferralTarget]}未接收转办${reason}，退回居委会重新审核`
      return `附议人数已达到 ${p.threshold} 人，提案进入居委会审核`
    case 'accepted':
      return '居委会已受理，提案列为议题'
    case 'deliberating':
      return '议题进入协商阶段，欢迎参加议事'
    case 'voting':
      return `居民投票已开始，每户一票，截止 ${shanghaiDay(fields.closesAt!)}`
    case 'approved':
    case 'declined': {
      const verdict = to === 'approved' ? '通过' : '未通过'
      if (from !== 'voting') return `居民代表会议表决${verdict}`
      const t = extra.tally!
      return `投票结果：${verdict}（赞成 ${t.for}、反对 ${t.against}、弃权 ${t.abstain}，${t.turnout}/${t.eligibleHouseholds} 户参与）`
    }
    case 'implementing':
      return `开始实施，负责人：${fields.owner}，计划 ${fields.plannedDate} 完成`
    case 'completed':
      return `已实施完成，欢迎在 ${extra.settings.evaluationDays} 天内评议成效`
    case 'closed':
      return '成效评议已结束，提案结项'
    case 'rejected':
      return `居委会未受理${reason}`
    case 'merged':
      return `已合并到提案「${maskPersonalInfo(extra.mergedTitle ?? '')}」，附议已一并转入`
    case 'referred':
      return `已转办至${REFERRAL_TARGET_NAMES[fields.referTo as ReferralTarget]}${reason}`
    case 'withdrawn':
      return '提案已撤回'
    case 'expired':
      return `附议期已结束，未达到 ${p.threshold} 人附议，提案已过期`
    default:
      return `提案状态更新为「${PROPOSAL_STATE_NAMES[to]}」`
  }
}

/**
 * Moves `p` to `to`: the guarded state update (a concurrent change makes it 409), the timeline entry, the
 * merge carry-over and the notifications. Permission and required fields are the caller's to check.
 */
export async function applyTransition(
  tx: Tx,
  p: ProposalRow,
  to: ProposalState,
  actor: Actor,
  fields: TransitionFields,
  settings: SettingsValues,
  extra: { tally?: VoteTally; alsoTell?: number[] } = {},
): Promise<void> {
  const { trx, now } = tx
  const from = p.state as ProposalState
  const iso = now.toISOString()
  // A new state starts its own time limit: nothing is overdue or escalated yet.
  const patch: Updateable<ProposalTable> = {
    state: to,
    state_entered_at: iso,
    overdue_notified_at: null,
    escalates_at: null,
    escalated_at: null,
    updated_at: iso,
  }
  const details: Record<string, unknown> = {}
  let voteClosesAt: Date | null = null
  if (from === 'referred') {
    // The referee refused: the referral is over (the timeline keeps it), and the step is theirs.
    details.refusedBy = p.referred_to
    Object.assign(patch, NO_REFERRAL)
  }

  switch (to) {
    case 'voting': {
      voteClosesAt = fields.closesAt ? new Date(fields.closesAt) : new Date(now.getTime() + settings.votingDays * DAY)
      fields = { ...fields, closesAt: voteClosesAt.toISOString() }
      patch.vote_closes_at = voteClosesAt.toISOString()
      details.closesAt = patch.vote_closes_at
      break
    }
    case 'approved':
    case 'declined':
      if (from === 'voting') {
        const t = extra.tally!
        Object.assign(patch, {
          vote_for: t.for,
          vote_against: t.against,
          vote_abstain: t.abstain,
          vote_eligible: t.eligibleHouseholds,
          vote_passed: t.passed ? 1 : 0,
        })
        details.tally = t
      } else {
        patch.decided_offline = 1
        details.minutes = fields.minutes
      }
      break
    case 'implementing':
      Object.assign(patch, {
        impl_owner: fields.owner!.trim(),
        impl_planned_date: fields.plannedDate,
        budget_planned_fen: fields.budgetPlanned === undefined ? null : toFen(fields.budgetPlanned),
        progress_percent: 0,
      })
      details.owner = fields.owner!.trim()
      details.plannedDate = fields.plannedDate
      if (fields.budgetPlanned !== undefined) details.budgetPlanned = fields.budgetPlanned
      break
    case 'referred':
      Object.assign(patch, NO_REFERRAL, { referred_to: fields.referTo })
      details.referTo = fields.referTo
      break
    case 'merged':
      patch.merged_into = fields.mergeInto
      details.mergeInto = fields.mergeInto
      break
  }
  const deadline = deadlineFor(
    { state: to, stateEnteredAt: now, voteClosesAt, plannedDate: fields.plannedDate ?? null, referralAnswered: false },
    settings,
  )
  patch.deadline_at = deadline ? deadline.toISOString() : null

  const res = await trx.updateTable('proposals').set(patch).where('id', '=', p.id).where('state', '=', from).executeTakeFirst()
  if (Number(res.numUpdatedRows) === 0) throw conflict('state_changed', '提案状态刚刚发生了变化，请刷新后重试')

  await trx
    .insertInto('proposal_transitions')
    .values({
      proposal_id: p.id,
      from_state: from,
      to_state: to,
      actor_id: actor.userId,
      actor_role: actor.role,
      reason: fields.reason?.trim() || null,
      details: Object.keys(details).length > 0 ? JSON.stringify(details) : null,
      created_at: iso,
    })
    .execute()

  let extraRecipients: number[] = []
  let mergedTitle: string | undefined
  if (to === 'merged') {
    const carried = await carryOver(tx, p, fields.mergeInto!)
    if (carried.reached) await enterScreening(tx, carried.reached, await loadSettings(trx, carried.reached.neighbourhood_id))
    mergedTitle = carried.targetTitle
    extraRecipients = carried.cosignerIds
  }

  const after = { ...p, ...patch } as ProposalRow
  await notifyAudience(tx, after, 'proposal.transition', transitionMessage(from, to, p, fields, { tally: extra.tally, mergedTitle, settings }), {
    except: actor.userId,
    extra: [...extraRecipients, ...(extra.alsoTell ?? [])],
    status: PROPOSAL_STATE_NAMES[to],
  })
}

/** Enough co-signatures: the proposal goes to the committee's screening at once. */
export async function enterScreening(tx: Tx, reached: ProposalRow, settings: SettingsValues): Promise<void> {
  await applyTransition(tx, reached, 'screening', SYSTEM, {}, settings)
}

/** The server's own steps (the sweep): expiry, the vote's outcome, closing. */
export async function systemTransition(
  tx: Tx,
  p: ProposalRow,
  to: ProposalState,
  settings: SettingsValues,
  extra: { tally?: VoteTally } = {},
): Promise<void> {
  await applyTransition(tx, p, to, SYSTEM, {}, settings, extra)
}
