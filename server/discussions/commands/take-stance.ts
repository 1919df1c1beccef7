import type { Stance, Topic } from '../../../types'
import { compiled } from '../../core/compiled'
import type { Trx } from '../../core/db'
import type { Context } from '../context'
import { enforce, stanceCheck, withdrawStanceCheck, writableCheck } from '../policy'
import { presentTopic, readableTopic } from '../queries/topics'

/** A resident takes part in a topic by posting or taking a stance (counted once). */
const participant = compiled((db, v: { topicId: number; userId: number; at: string }) =>
  db
    .insertInto('topic_participants')
    .values({ topic_id: v.topicId, user_id: v.userId, created_at: v.at })
    .onConflict((oc) => oc.columns(['topic_id', 'user_id']).doNothing()),
)

export async function joinTopic(trx: Trx, topicId: number, userId: number, now: Date): Promise<void> {
  await participant.all(trx, { topicId, userId, at: now.toISOString() })
}

/** Sets (or changes) the resident's one stance on the topic. */
export async function setStance(trx: Trx, topicId: number, userId: number, stance: Stance, now: Date): Promise<void> {
  await trx
    .insertInto('topic_stances')
    .values({ topic_id: topicId, user_id: userId, stance, updated_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['topic_id', 'user_id']).doUpdateSet({ stance, updated_at: now.toISOString() }))
    .execute()
  await joinTopic(trx, topicId, userId, now)
}

export async function takeStance(ctx: Context, topicId: number, stance: Stance): Promise<Topic> {
  const { db, principal, now } = ctx
  const topic = await readableTopic(db, principal, topicId)
  enforce(stanceCheck(principal, topic))
  enforce(writableCheck(topic, now))
  return ctx.write(async (trx) => {
    await setStance(trx, topic.id, principal.userId, stance, now)
    return presentTopic(trx, topic.id, principal, now)
  })
}

export async function withdrawStance(ctx: Context, topicId: number): Promise<Topic> {
  const { db, principal, now } = ctx
  const topic = await readableTopic(db, principal, topicId)
  enforce(withdrawStanceCheck(principal, topic))
  enforce(writableCheck(topic, now))
  return ctx.write(async (trx) => {
    await trx.deleteFrom('topic_stances').where('topic_id', '=', topic.id).where('user_id', '=', principal.userId).execute()
    return presentTopic(trx, topic.id, principal, now)
  })
}
