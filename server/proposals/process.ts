// Changing proposals, inside the caller's transaction: transitions with their timeline entry and
// notifications, co-signatures (which may reach the threshold), merging. Routes and the sweep share these.
import type { Selectable, Updateable } from 'kysely'
import type { ProposalState, ReferralTarget } from '../../types'
import { PROPOSAL_STATE_NAMES, REFERRAL_TARGET_NAMES } from '../../types'
import { maskPersonalInfo } from '../content'
import { conflict } from '../core/errors'
import type { Trx } from '../core/db'
import { notify, type Push } from '../notifications'
import { onAccepted } from './hooks'
import { deadlineFor, toFen, type ActorRole, type SettingsValues, type TransitionFields } from './rules'
import type { ProposalTable } from './tables'
import { loadSettings } from './settings'
import { buildingsIn } from './units'

export type ProposalRow = Selectable<ProposalTable>

export interface Env {
  now: Date
  /** Subscribe messages to send once the transaction has committed. */
  pushes: Push[]
}

export interface Actor {
  userId: number | null
  role: ActorRole
}

export interface Tally {
  for: number
  against: number
  abstain: number
  turnout: number
  eligibleHouseholds: number
  passed: boolean
}

const DAY = 86_400_000

export async function loadRow(trx: Trx, id: number): Promise<ProposalRow | undefined> {
  return trx.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The author (or, for 代录, the committee member who relays to them) and the followers. */
async function audience(trx: Trx, p: ProposalRow): Promise<number[]> {
  const followers = await trx.selectFrom('proposal_follows').select('user_id').where('proposal_id', '=', p.id).execute()
  const ids = followers.map((f) => f.user_id)
  if (p.author_id !== null) ids.push(p.author_id)
  if (p.entered_by !== null) ids.push(p.entered_by)
  return ids
}

export async function notifyAudience(
  trx: Trx,
  env: Env,
  p: ProposalRow,
  kind: string,
  body: string,
  opts: { except?: number | null; extra?: number[]; status?: string } = {},
): Promise<void> {
  const ids = [...(await audience(trx, p)), ...(opts.extra ?? [])].filter((id) => id !== opts.except)
  const pushes = await notify(
    trx,
    ids,
    { kind, title: maskPersonalInfo(p.title), body, targetType: 'proposal', targetId: p.id, status: opts.status },
    env.now,
  )
  env.pushes.push(...pushes)
}

function shanghaiDay(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

function transitionMessage(from: ProposalState, to: ProposalState, p: ProposalRow, fields: TransitionFields, extra: { tally?: Tally; mergedTitle?: string; settings: SettingsValues }): string {
  const reason = fields.reason ? `：${maskPersonalInfo(fields.reason)}` : ''
  switch (to) {
    case 'screening':
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
 * side effects (merge carry-over, the accept hook) and the notifications. Permission and required fields
 * are checked by the caller with rules.checkTransition.
 */
export async function applyTransition(
  trx: Trx,
  env: Env,
  p: ProposalRow,
  to: ProposalState,
  actor: Actor,
  fields: TransitionFields,
  settings: SettingsValues,
  extra: { tally?: Tally } = {},
): Promise<void> {
  const from = p.state as ProposalState
  const iso = env.now.toISOString()
  const patch: Updateable<ProposalTable> = { state: to, state_entered_at: iso, overdue_notified_at: null, updated_at: iso }
  const details: Record<string, unknown> = {}
  let voteClosesAt: Date | null = null
  let mergedTitle: string | undefined

  switch (to) {
    case 'voting': {
      voteClosesAt = fields.closesAt ? new Date(fields.closesAt) : new Date(env.now.getTime() + settings.votingDays * DAY)
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
      patch.referred_to = fields.referTo
      details.referTo = fields.referTo
      break
    case 'merged': {
      patch.merged_into = fields.mergeInto
      details.mergeInto = fields.mergeInto
      break
    }
  }
  const deadline = deadlineFor(
    { state: to, stateEnteredAt: env.now, voteClosesAt, plannedDate: fields.plannedDate ?? null, referralAnswered: false },
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
  if (to === 'merged') {
    const carried = await carryOver(trx, env, p, fields.mergeInto!)
    mergedTitle = carried.targetTitle
    extraRecipients = carried.cosignerIds
  }
  if (to === 'accepted' && actor.userId !== null) {
    const topicId = await onAccepted(
      trx,
      { id: p.id, title: p.title, body: p.body, category: p.category, unitId: p.unit_id, neighbourhoodId: p.neighbourhood_id },
      actor.userId,
      env.now,
    )
    if (topicId !== null) await trx.updateTable('proposals').set({ topic_id: topicId }).where('id', '=', p.id).execute()
  }

  const after = { ...p, ...patch } as ProposalRow
  await notifyAudience(trx, env, after, 'proposal.transition', transitionMessage(from, to, p, fields, { tally: extra.tally, mergedTitle, settings }), {
    except: actor.userId,
    extra: extraRecipients,
    status: PROPOSAL_STATE_NAMES[to],
  })
}

// ---------------------------------------------------------------------------
// Co-signatures
// ---------------------------------------------------------------------------

export interface Signer {
  /** "u:<userId>" or "p:<building>:<room>:<name>" (代录). */
  key: string
  userId: number | null
  buildingId: number
  room: string | null
  enteredBy: number | null
}

/**
 * Adds a co-signature while the proposal collects them; reaching the threshold moves it to screening at
 * once. Returns false if this signer had already co-signed (nothing changes).
 */
export async function addCosign(trx: Trx, env: Env, p: ProposalRow, s: Signer, settings: SettingsValues): Promise<boolean> {
  const iso = env.now.toISOString()
  const inserted = await trx
    .insertInto('proposal_cosigns')
    .values({ proposal_id: p.id, signer_key: s.key, user_id: s.userId, building_id: s.buildingId, room: s.room, entered_by: s.enteredBy, created_at: iso })
    .onConflict((oc) => oc.columns(['proposal_id', 'signer_key']).doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!inserted) return false
  // The count moves only while the proposal is still collecting: a concurrent transition rolls this back.
  const updated = await trx
    .updateTable('proposals')
    .set((eb) => ({ cosign_count: eb('cosign_count', '+', 1), updated_at: iso }))
    .where('id', '=', p.id)
    .where('state', '=', 'submitted')
    .returning(['cosign_count', 'threshold'])
    .executeTakeFirst()
  if (!updated) throw conflict('not_collecting', '这条提案已不在征集附议阶段')
  if (s.userId !== null) {
    await trx
      .insertInto('proposal_follows')
      .values({ proposal_id: p.id, user_id: s.userId, created_at: iso })
      .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
      .execute()
  }
  if (updated.cosign_count >= updated.threshold) {
    await applyTransition(trx, env, { ...p, cosign_count: updated.cosign_count }, 'screening', { userId: null, role: 'system' }, {}, settings)
  }
  return true
}

/** Takes a resident's own co-signature back (only while collecting). Returns false if there was none. */
export async function removeCosign(trx: Trx, env: Env, p: ProposalRow, userId: number): Promise<boolean> {
  const deleted = await trx
    .deleteFrom('proposal_cosigns')
    .where('proposal_id', '=', p.id)
    .where('signer_key', '=', `u:${userId}`)
    .returning('id')
    .executeTakeFirst()
  if (!deleted) return false
  const updated = await trx
    .updateTable('proposals')
    .set((eb) => ({ cosign_count: eb('cosign_count', '-', 1), updated_at: env.now.toISOString() }))
    .where('id', '=', p.id)
    .where('state', '=', 'submitted')
    .returning('cosign_count')
    .executeTakeFirst()
  if (!updated) throw conflict('not_collecting', '提案已进入下一阶段，附议不能再撤回')
  return true
}

/**
 * Merge: the source's co-signers (and its author) become co-signers of the target where they live in the
 * target's unit; the target may reach its threshold by this. Returns who to tell.
 */
async function carryOver(trx: Trx, env: Env, source: ProposalRow, targetId: number): Promise<{ targetTitle: string; cosignerIds: number[] }> {
  const target = await loadRow(trx, targetId)
  if (!target) throw conflict('merge_target_gone', '要合并到的提案不存在')
  const iso = env.now.toISOString()
  const rows = await trx
    .selectFrom('proposal_cosigns')
    .select(['signer_key', 'user_id', 'building_id', 'room', 'entered_by'])
    .where('proposal_id', '=', source.id)
    .execute()
  const signers: Signer[] = rows.map((r) => ({ key: r.signer_key, userId: r.user_id, buildingId: r.building_id, room: r.room, enteredBy: r.entered_by }))
  if (source.author_id !== null) {
    signers.push({ key: `u:${source.author_id}`, userId: source.author_id, buildingId: source.author_building_id, room: null, enteredBy: null })
  }
  const eligible = new Set((await buildingsIn(trx, { id: target.unit_id, level: target.level })).map((b) => b.id))
  const carried = signers.filter((s) => eligible.has(s.buildingId) && (s.userId === null || s.userId !== target.author_id))
  for (let i = 0; i < carried.length; i += 200) {
    await trx
      .insertInto('proposal_cosigns')
      .values(
        carried.slice(i, i + 200).map((s) => ({
          proposal_id: target.id,
          signer_key: s.key,
          user_id: s.userId,
          building_id: s.buildingId,
          room: s.room,
          entered_by: s.enteredBy,
          created_at: iso,
        })),
      )
      .onConflict((oc) => oc.columns(['proposal_id', 'signer_key']).doNothing())
      .execute()
  }
  const followers = carried.filter((s) => s.userId !== null).map((s) => ({ proposal_id: target.id, user_id: s.userId!, created_at: iso }))
  for (let i = 0; i < followers.length; i += 300) {
    await trx
      .insertInto('proposal_follows')
      .values(followers.slice(i, i + 300))
      .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
      .execute()
  }
  const { n } = await trx
    .selectFrom('proposal_cosigns')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('proposal_id', '=', target.id)
    .executeTakeFirstOrThrow()
  const count = Number(n)
  await trx.updateTable('proposals').set({ cosign_count: count, updated_at: iso }).where('id', '=', target.id).execute()
  if (target.state === 'submitted' && count >= target.threshold) {
    const settings = await loadSettings(trx, target.neighbourhood_id)
    await applyTransition(trx, env, { ...target, cosign_count: count }, 'screening', { userId: null, role: 'system' }, {}, settings)
  }
  return {
    targetTitle: target.title,
    cosignerIds: signers.filter((s) => s.userId !== null).map((s) => s.userId!),
  }
}
