// What a poster or card says of one item, read as the caller may read it: each capability's own read
// refuses (403, 404) whoever may not see the item, so a 居民区's proposal is never drawn for an outsider.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ShareKind } from '../../types'
import { SHARE_ACTIONS, SHARE_KIND_NAMES } from '../../types'
import { requireUser } from '../accounts'
import { maskPersonalInfo } from '../content'
import { contextOf, showTopic } from '../discussions'
import { proposalDetail, viewerOf } from '../proposals'
import { readSurvey, reader } from '../surveys'
import type { PosterText } from './render'

async function titleAndPlace(kind: ShareKind, id: number, request: FastifyRequest, reply: FastifyReply): Promise<{ title: string; place: string }> {
  switch (kind) {
    case 'proposal': {
      const app = request.server
      const d = await proposalDetail({ db: app.db.kysely, now: app.clock(), viewer: viewerOf(requireUser(request).principal) }, id)
      return { title: d.title, place: d.unitName }
    }
    case 'topic': {
      const t = await showTopic(contextOf(request, reply), id)
      return { title: t.question, place: t.unit.name }
    }
    case 'survey': {
      const s = await readSurvey(reader(request), id)
      return { title: s.title, place: s.unitName }
    }
  }
}

/** The poster's text: masked as residents read it, whoever prints it (the committee sees originals). */
export async function posterText(kind: ShareKind, id: number, request: FastifyRequest, reply: FastifyReply): Promise<PosterText> {
  const { title, place } = await titleAndPlace(kind, id, request, reply)
  return { kind: SHARE_KIND_NAMES[kind], place, title: maskPersonalInfo(title), action: SHARE_ACTIONS[kind] }
}
