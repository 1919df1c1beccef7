import type { FastifyInstance } from 'fastify'
import { transact } from '../../core/write'
import { statusForSuggest } from '../rules'

export interface VerdictPush {
  trace_id?: string
  errcode?: number
  result?: { suggest?: string; label?: number }
}

/**
 * WeChat's verdict on an image (its signature already checked): pass publishes it, risky rejects it,
 * review (or a failed check) leaves it to the committee. A verdict on an upload a committee member has
 * already decided changes nothing: people have the last word.
 */
export async function recordVerdict(app: FastifyInstance, push: VerdictPush): Promise<void> {
  const status = push.errcode ? null : statusForSuggest(push.result?.suggest)
  if (!push.trace_id || !status) return
  const traceId = push.trace_id
  await transact(app, (trx) =>
    trx
      .updateTable('media')
      .set({ status, decided_at: app.clock().toISOString() })
      .where('trace_id', '=', traceId)
      .where('status', '=', 'pending')
      .where('decided_by', 'is', null)
      .execute(),
  )
}
