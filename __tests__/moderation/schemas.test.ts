import type { Static } from '@sinclair/typebox'
import type { DiscussionSettings, ModerationLogEntry, ModerationQueue, Mute } from '../../types'
import { LogPageSchema, MuteSchema, QueueSchema, SettingsListSchema } from '../../server/moderation/schemas'
import { throughSchema, type Same } from '../discussions/helpers'

const post = {
  id: 7,
  topicId: 1,
  parentId: null,
  replyTo: null,
  author: { label: '3号楼居民', isStaff: false, isMine: false, userId: 21 },
  official: false,
  pinned: false,
  status: 'hidden' as const,
  body: '原文',
  placeholder: '该内容已被隐藏（广告）',
  photos: [{ id: 1, url: '/api/media/1', thumbUrl: '/api/media/1/thumb', status: 'visible' as const }],
  hiddenReason: '广告',
  likeCount: 1,
  likedByMe: false,
  reportedByMe: false,
  replyCount: 0,
  createdAt: '2025-03-01T02:00:00.000Z',
  editedAt: null,
  editableUntil: null,
  appeal: null,
  canAppeal: false,
  moderation: { reportCount: 3, openReports: 3, reasons: { ad: 3 }, hiddenAt: '2025-03-01T03:00:00.000Z', autoHidden: true },
}
const appeal = { id: 3, postId: 7, status: 'denied' as const, reason: '请复核', note: '维持', createdAt: '2025-03-02T00:00:00.000Z', decidedAt: '2025-03-03T00:00:00.000Z' }

describe('the moderation response schemas', () => {
  it('describe the shared types exactly', () => {
    // Checked by the type checker: a field missing on either side makes one of these `false`.
    const exact: [
      Same<Static<typeof QueueSchema>, ModerationQueue>,
      Same<Static<typeof MuteSchema>, Mute>,
      Same<Static<typeof LogPageSchema>, { items: ModerationLogEntry[]; nextCursor: string | null }>,
      Same<Static<typeof SettingsListSchema>, { items: DiscussionSettings[] }>,
    ] = [true, true, true, true]
    expect(exact).toEqual([true, true, true, true])
  })

  it('keep every field of the queue, a mute, the log and the settings', async () => {
    const queue: ModerationQueue = {
      items: [
        { kind: 'appeal', topic: { id: 1, question: '加装电梯', unitName: '3号楼', state: 'open', pending: false }, post, reports: [{ reason: 'ad', count: 3 }], appeal, since: '2025-03-02T00:00:00.000Z' },
        { kind: 'pending_topic', topic: { id: 2, question: '停车', unitName: '梧桐', state: 'open', pending: true }, post: null, reports: [], appeal: null, since: '2025-03-01T00:00:00.000Z' },
      ],
    }
    expect(await throughSchema(QueueSchema, queue)).toEqual(queue)
    const mute: Mute = { id: 1, userId: 2, neighbourhoodId: 3, reason: '刷屏', endsAt: '2025-03-04T00:00:00.000Z', createdAt: '2025-03-01T00:00:00.000Z', liftedAt: null }
    expect(await throughSchema(MuteSchema, mute)).toEqual(mute)
    const entry: ModerationLogEntry = {
      id: 9,
      actorId: 12,
      actorLabel: '居委会',
      action: 'post.hide',
      actionName: '隐藏发言',
      targetType: 'post',
      targetName: '发言',
      targetId: 7,
      targetLabel: null,
      unitId: 2,
      unitName: '梧桐居民区',
      reason: '广告',
      createdAt: '2025-03-01T00:00:00.000Z',
    }
    expect(await throughSchema(LogPageSchema, { items: [entry], nextCursor: 'x' })).toEqual({ items: [entry], nextCursor: 'x' })
    expect(await throughSchema(SettingsListSchema, { items: [{ neighbourhoodId: 2, reportThreshold: 5 }] })).toEqual({ items: [{ neighbourhoodId: 2, reportThreshold: 5 }] })
  })
})
