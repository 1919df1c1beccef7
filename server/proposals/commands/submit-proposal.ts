import type { ProposalDetail } from '../../../types'
import { UNIT_LEVEL_NAMES } from '../../../types'
import { maskPersonalInfo } from '../../content'
import { badInput } from '../../core/errors'
import { indexDocument } from '../../search'
import type { CommandContext, Q } from '../context'
import { deny, homeUnitRefusal, submitRefusal } from '../policy'
import { proposalDetail } from '../queries/detail'
import { logStaffAct } from '../rows'
import type { SubmitInput } from '../schemas'
import { cosignThreshold, deadlineFor } from '../rules'
import { storePhotos } from '../photos'
import { loadSettings } from '../settings'
import { householdsIn, proposalUnit, type ProposalUnit } from '../units'

const chars = (s: string) => [...s].length

/** The text as stored: trimmed and long enough. */
export function cleanSubmission(b: SubmitInput): { title: string; body: string } {
  const title = b.title.trim()
  const body = b.body.trim()
  if (chars(title) < 5) throw badInput('title', '标题至少需要 5 个字')
  if (!body) throw badInput('body', '请填写内容')
  return { title, body }
}

const LEVEL_INDEX = { building: 0, estate: 1, neighbourhood: 2 } as const

/** The proposal's unit, chosen from `home` (a 楼组's chain): the one named, or the level's. */
export async function chooseUnit(db: Q, home: number[], b: Pick<SubmitInput, 'unitId' | 'level'>): Promise<ProposalUnit> {
  const unitId = b.unitId ?? home[LEVEL_INDEX[b.level ?? 'building']]
  deny(homeUnitRefusal(home, unitId))
  const unit = await proposalUnit(db, unitId)
  if (!unit) throw badInput('unitId', '请选择提案所属的楼组、小区或居民区')
  if (b.level && unit.level !== b.level) throw badInput('level', `所选范围是${UNIT_LEVEL_NAMES[unit.level]}，与层级不一致`)
  return unit
}

/** Stores a new proposal, collecting co-signatures (or held for review if the content check says so). */
export async function enterProposal(
  ctx: CommandContext,
  b: SubmitInput,
  text: { title: string; body: string },
  unit: ProposalUnit,
  author: { buildingId: number; proxy: { note: string | null } | null },
): Promise<ProposalDetail> {
  const { userId } = ctx.viewer
  const verdict = await ctx.checkText([text.title, text.body], 3)
  const settings = await loadSettings(ctx.db, unit.neighbourhoodId)
  const threshold = cosignThreshold(await householdsIn(ctx.db, unit), settings)
  return ctx.write(async ({ trx, now }) => {
    const iso = now.toISOString()
    const deadline = deadlineFor({ state: 'submitted', stateEnteredAt: now }, settings)
    const { id } = await trx
      .insertInto('proposals')
      .values({
        title: text.title,
        body: text.body,
        category: b.category,
        level: unit.level,
        unit_id: unit.id,
        building_id: unit.buildingId,
        estate_id: unit.estateId,
        neighbourhood_id: unit.neighbourhoodId,
        street_id: unit.streetId,
        photos: '[]',
        author_id: author.proxy ? null : userId,
        author_building_id: author.buildingId,
        hide_building: b.hideBuilding ? 1 : 0,
        entered_by: author.proxy ? userId : null,
        staff_note: author.proxy?.note || null,
        state: 'submitted',
        state_entered_at: iso,
        deadline_at: deadline ? deadline.toISOString() : null,
        overdue_notified_at: null,
        threshold,
        cosign_count: 0,
        content_status: verdict === 'pass' ? 'visible' : 'pending_review',
        decided_offline: 0,
        created_at: iso,
        updated_at: iso,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await indexDocument(trx, 'proposal', id, maskPersonalInfo(text.title), maskPersonalInfo(text.body))
    // Attached by whoever submits: the resident, or the committee member entering it for them (代录).
    await storePhotos(trx, b.photos, userId, { kind: 'proposal', id }, now)
    await trx
      .insertInto('proposal_transitions')
      .values({
        proposal_id: id,
        from_state: null,
        to_state: 'submitted',
        actor_id: userId,
        actor_role: author.proxy ? 'committee' : 'author',
        reason: null,
        details: author.proxy ? JSON.stringify({ enteredByStaff: true }) : null,
        created_at: iso,
      })
      .execute()
    if (author.proxy) await logStaffAct(trx, userId, 'proposal.proxy_submit', { id, neighbourhood_id: unit.neighbourhoodId })
    return proposalDetail({ db: trx, viewer: ctx.viewer, now }, id)
  })
}

/** A verified resident's proposal in their own 楼组, 小区 or 居民区 (rate-limited per resident). */
export async function submitProposal(ctx: CommandContext, b: SubmitInput): Promise<ProposalDetail> {
  const text = cleanSubmission(b)
  const { principal, userId } = ctx.viewer
  deny(submitRefusal(principal))
  const unit = await chooseUnit(ctx.db, principal.residence!.chain, b)
  deny(submitRefusal(principal, unit.chain))
  await ctx.limit('proposal', `u${userId}`)
  return enterProposal(ctx, b, text, unit, { buildingId: principal.residence!.buildingId, proxy: null })
}
