import type { FastifyInstance } from 'fastify'
import { checkCopySignature } from '../wechat-check'

/**
 * After an image upload commits: hands it to WeChat's asynchronous check and keeps the trace id its
 * verdict will come back with. If WeChat cannot be asked (no openid: a dev account; or an error), the
 * upload stays pending for the committee, as text does when msgSecCheck is unreachable.
 */
export async function submitForCheck(app: FastifyInstance, id: number): Promise<void> {
  if (!app.mediaCheck) return
  const row = await app.db.kysely
    .selectFrom('media')
    .innerJoin('users', 'users.id', 'media.uploader_id')
    .select(['users.openid'])
    .where('media.id', '=', id)
    .executeTakeFirst()
  if (!row?.openid) return
  const url = new URL(`/api/media/${id}/check-copy`, app.config.publicUrl)
  url.searchParams.set('sig', checkCopySignature(app.config.wechat.secret, id))
  const { traceId } = await app.mediaCheck.submit({ url: url.toString(), openid: row.openid, scene: 3 })
  await app.db.kysely.updateTable('media').set({ trace_id: traceId }).where('id', '=', id).execute()
}
