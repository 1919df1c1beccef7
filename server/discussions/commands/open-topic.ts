import type { Topic } from '../../../types'
import { unitChain } from '../../community'
import { checkContent, maskPersonalInfo } from '../../content'
import { logModeration } from '../../core/audit'
import type { Trx } from '../../core/db'
import { badInput } from '../../core/errors'
import { indexDocument } from '../../search'
import type { Context } from '../context'
import { enforce, openTopicCheck } from '../policy'
import { presentTopic } from '../queries/topics'
import { neighbourhoodOf } from '../rules'

export interface OpenTopicInput {
  /** A 楼组, 小区 or 居民区. */
  unitId: number
  question: string
  background: string
  closesAt?: string | null
  /** Set when the topic is opened because a proposal was accepted. */
  proposalId?: number | null
  /** The moderator opening it (or accepting the proposal); the log names them. */
  openedBy: number
  /** Held for review by the content check (routes set it; proposals' text was checked already). */
  pending?: boolean
  now?: Date
}

/**
 * Opens a topic inside the caller's transaction and logs it. Proposals call this when a proposal is
 * accepted (then proposalId links the topic back); the 议事厅's own route calls it for moderators.
 */
export async function openTopic(trx: Trx, input: OpenTopicInput): Promise<{ id: number; neighbourhoodId: number }> {
  const unit = await trx.selectFrom('units').select(['id', 'level']).where('id', '=', input.unitId).executeTakeFirst()
  if (!unit || unit.level === 'street') throw badInput('unitId', '议题只能属于某个楼组、小区或居民区')
  const chain = (await unitChain(trx, input.unitId))!
  const neighbourhoodId = neighbourhoodOf(chain)
  const now = (input.now ?? new Date()).toISOString()
  const row = await trx
    .insertInto('topics')
    .values({
      unit_id: input.unitId,
      neighbourhood_id: neighbourhoodId,
      question: input.question.trim(),
      background: input.background.trim(),
      closes_at: input.closesAt ?? null,
      state: 'open',
      pending: input.pending ? 1 : 0,
      proposal_id: input.proposalId ?? null,
      opened_by: input.openedBy,
      post_count: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await indexDocument(trx, 'topic', row.id, maskPersonalInfo(input.question), maskPersonalInfo(input.background))
  await logModeration(trx, {
    actorId: input.openedBy,
    action: 'topic.open',
    targetType: 'topic',
    targetId: row.id,
    unitId: neighbourhoodId,
    reason: input.proposalId ? `由提案 #${input.proposalId} 转入议事厅` : null,
  })
  return { id: row.id, neighbourhoodId }
}

/** A committee opens a topic in its 居民区 (held for review if the content check says so). */
export async function openTopicAsCommittee(
  ctx: Context,
  input: { unitId: number; question: string; background?: string; closesAt?: string },
): Promise<Topic> {
  const { db, principal, now } = ctx
  const chain = await unitChain(db, input.unitId)
  if (!chain) throw badInput('unitId', '没有这个单元')
  enforce(openTopicCheck(principal, chain))
  let closesAt: string | null = null
  if (input.closesAt !== undefined) {
    const t = Date.parse(input.closesAt)
    if (Number.isNaN(t) || t <= now.getTime()) throw badInput('closesAt', '截止时间需要晚于现在')
    closesAt = new Date(t).toISOString()
  }
  if (input.question.trim().length < 4) throw badInput('question', '议题至少需要 4 个字')
  const check = await checkContent(ctx.app, { texts: [input.question, input.background ?? ''], userId: principal.userId, scene: 3 })
  return ctx.write(async (trx) => {
    const { id } = await openTopic(trx, {
      unitId: input.unitId,
      question: input.question,
      background: input.background ?? '',
      closesAt,
      openedBy: principal.userId,
      pending: check.verdict === 'review',
      now,
    })
    return presentTopic(trx, id, principal, now)
  }, 201)
}
