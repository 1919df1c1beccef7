import type { Topic, TopicModerationAction, TopicState } from '../../../types'
import { checkContent } from '../../content'
import { logModeration } from '../../core/audit'
import { badInput, conflict } from '../../core/errors'
import type { Context } from '../context'
import { enforce, moderateTopicCheck } from '../policy'
import { presentTopic, readableTopic } from '../queries/topics'
import { topicTransition } from '../rules'

export interface TopicActionInput {
  action: TopicModerationAction
  /** 议事纪要: required to conclude, refused otherwise. */
  summary?: string
  reason?: string
}

/** The committee locks, concludes (with its 议事纪要), reopens or approves a topic; each is logged. */
export async function changeTopicState(ctx: Context, topicId: number, input: TopicActionInput): Promise<Topic> {
  const { db, principal, now } = ctx
  const topic = await readableTopic(db, principal, topicId)
  enforce(moderateTopicCheck(principal, topic))
  const { action } = input
  const state = topic.state as TopicState
  const move = topicTransition(state, topic.pending === 1, action)
  if (!move.ok) throw conflict('invalid_transition', move.message, { allowed: move.allowed })
  const summary = input.summary?.trim() ?? ''
  if (action === 'conclude') {
    if (summary.length < 10) throw badInput('summary', '请填写议事纪要（至少 10 个字）：各方意见和结论')
    // A risky word refuses the 纪要 (422); moderators are the reviewers, so "review" does not hold it back.
    await checkContent(ctx.app, { texts: [summary], userId: principal.userId, scene: 3 })
  } else if (summary) {
    throw badInput('summary', '只有形成纪要时才填写议事纪要')
  }
  const at = now.toISOString()
  return ctx.write(async (trx) => {
    const set =
      action === 'approve'
        ? { pending: 0, updated_at: at }
        : action === 'conclude'
          ? { state: move.state, summary, concluded_at: at, concluded_by: principal.userId, updated_at: at }
          : action === 'reopen'
            ? { state: move.state, concluded_at: null, updated_at: at }
            : { state: move.state, updated_at: at }
    const res = await trx
      .updateTable('topics')
      .set(set)
      .where('id', '=', topic.id)
      .where('state', '=', state)
      .where('pending', '=', topic.pending)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw conflict('state_changed', '议题的状态刚刚变化了，请刷新后再试')
    await logModeration(trx, {
      actorId: principal.userId,
      action: `topic.${action}`,
      targetType: 'topic',
      targetId: topic.id,
      unitId: topic.neighbourhood_id,
      reason: input.reason?.trim() || (action === 'conclude' ? summary.slice(0, 200) : null),
    })
    return presentTopic(trx, topic.id, principal, now)
  })
}
