// A referral's steps that leave the state as it is, inside the caller's transaction: the referee accepts
// it, or the referee (or the committee on its behalf) answers it. Each is a row of referral_events (the
// timeline reads it, with an answer's photos), told to the committee and the proposal's audience, and
// audited. Who may take which step is policy.ts.
import type { Updateable } from 'kysely'
import type { ReferralAnswerer, ReferralEventKind, ReferralTarget } from '../../types'
import { REFERRAL_TARGET_NAMES } from '../../types'
import { maskPersonalInfo } from '../content'
import { conflict } from '../core/errors'
import { attachPhotos } from '../media'
import { committeeOf, notifyAudience } from './audience'
import { logStaffAct, type ProposalRow, type Tx } from './rows'
import type { ProposalTable } from './tables'

export interface ReferralStep {
  kind: ReferralEventKind
  actor: { userId: number; role: ReferralAnswerer }
  /** The note of an acceptance (optional), the answer. */
  text: string | null
  /** An answer's photos: ids of the answerer's uploads. */
  photos?: number[]
}

function stepMessage(p: ProposalRow, step: ReferralStep): string {
  const text = step.text === null ? '' : `：${maskPersonalInfo(step.text)}`
  if (step.kind === 'accepted') return `${REFERRAL_TARGET_NAMES[p.referred_to as ReferralTarget]}已接收转办，将在时限内答复${text}`
  return `转办已有答复${text}`
}

export async function recordReferralStep(tx: Tx, p: ProposalRow, step: ReferralStep): Promise<void> {
  const { trx, now } = tx
  const iso = now.toISOString()
  const patch: Updateable<ProposalTable> =
    step.kind === 'accepted'
      ? { referral_accepted_at: iso, updated_at: iso }
      : {
          referral_answer: step.text,
          referral_answered_at: iso,
          referral_answered_by: step.actor.role,
          // Answered: the time limit ends, and with it the overdue flag and its escalation.
          deadline_at: null,
          overdue_notified_at: null,
          escalates_at: null,
          escalated_at: null,
          updated_at: iso,
        }
  let q = trx.updateTable('proposals').set(patch).where('id', '=', p.id).where('state', '=', 'referred')
  // A referee's step is guarded by where the referral stands, so a concurrent one cannot slip in twice.
  if (step.actor.role === 'referee') q = q.where('referral_answered_at', 'is', null)
  if (step.kind === 'accepted') q = q.where('referral_accepted_at', 'is', null)
  const res = await q.executeTakeFirst()
  if (Number(res.numUpdatedRows) === 0) throw conflict('state_changed', '转办刚刚发生了变化，请刷新后重试')

  const event = await trx
    .insertInto('referral_events')
    .values({
      proposal_id: p.id,
      kind: step.kind,
      actor_id: step.actor.userId,
      actor_role: step.actor.role,
      referred_to: p.referred_to!,
      text: step.text,
      photos: '[]',
      created_at: iso,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const photos = await attachPhotos(trx, { ids: step.photos ?? [], userId: step.actor.userId, owner: { kind: 'referral', id: event.id }, now })
  if (photos.length > 0) await trx.updateTable('referral_events').set({ photos: JSON.stringify(photos) }).where('id', '=', event.id).execute()
  const status = step.kind === 'accepted' ? '已接收' : '已答复'
  await notifyAudience(tx, p, `proposal.referral_${step.kind === 'accepted' ? 'accept' : 'answer'}`, stepMessage(p, step), {
    except: step.actor.userId,
    extra: step.actor.role === 'referee' ? await committeeOf(trx, p) : [],
    status,
  })
  await logStaffAct(trx, step.actor.userId, `proposal.referral_${step.kind === 'accepted' ? 'accept' : 'answer'}`, p)
}
