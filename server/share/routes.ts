// Pictures for sharing: a poster with a QR code (to print or save for neighbours not in the group chat)
// and a share card's picture. Both only for whoever may read the item.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { SHARE_KINDS, sharePath } from '../../types'
import { Id, literals } from '../core/schema'
import { posterText } from './facts'
import { renderCard, renderPoster } from './render'

const Params = Type.Object({ kind: literals(SHARE_KINDS), id: Id })

export const shareRoutes: FastifyPluginAsyncTypebox<{ publicUrl: string }> = async (app, { publicUrl }) => {
  app.get('/api/share/:kind/:id/poster.png', { schema: { params: Params } }, async (request, reply) => {
    const { kind, id } = request.params
    const text = await posterText(kind, id, request, reply)
    // The H5 app routes by hash: the QR code opens the same page a share card opens in WeChat.
    const png = await renderPoster(text, `${publicUrl.replace(/\/+$/, '')}/#${sharePath(kind, id)}`)
    return reply
      .type('image/png')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename="yishi-${kind}-${id}.png"`)
      .send(png)
  })

  app.get('/api/share/:kind/:id/card.png', { schema: { params: Params } }, async (request, reply) => {
    const { kind, id } = request.params
    const png = await renderCard(await posterText(kind, id, request, reply))
    return reply.type('image/png').header('cache-control', 'private, no-store').send(png)
  })
}
