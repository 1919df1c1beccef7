import type { Static } from '@sinclair/typebox'
import type { Post, PostPage, PostThread, Topic } from '../../types'
import { PostPageSchema, PostSchema, PostThreadSchema, TopicPageSchema, TopicSchema } from '../../server/discussions/schemas'
import { throughSchema, type Same } from './helpers'

// Every field of the shared types, optional ones included, must survive the response schemas.
const appeal = { id: 3, postId: 7, status: 'pending' as const, reason: '请复核', note: null, createdAt: '2025-03-01T02:00:00.000Z', decidedAt: null }

const reply: Post = {
  id: 8,
  topicId: 1,
  parentId: 7,
  replyTo: { id: 9, label: '5号楼居民' },
  author: { label: '3号楼居民', isStaff: false, isMine: false, userId: 21 },
  official: false,
  pinned: false,
  status: 'published',
  body: '同意',
  placeholder: null,
  photos: [],
  hiddenReason: null,
  likeCount: 0,
  likedByMe: false,
  reportedByMe: true,
  replyCount: 0,
  createdAt: '2025-03-01T02:05:00.000Z',
  editedAt: null,
  editableUntil: '2025-03-01T02:15:00.000Z',
  appeal: null,
  canAppeal: false,
}

const root: Post = {
  ...reply,
  id: 7,
  parentId: null,
  replyTo: null,
  official: true,
  pinned: true,
  status: 'hidden',
  body: '原文',
  placeholder: '该内容已被隐藏（广告）',
  photos: [{ id: 1, url: '/api/media/1', thumbUrl: '/api/media/1/thumb', status: 'visible' }],
  hiddenReason: '广告',
  likeCount: 4,
  likedByMe: true,
  replyCount: 1,
  editedAt: '2025-03-01T02:06:00.000Z',
  editableUntil: null,
  appeal,
  canAppeal: true,
  replies: [reply],
  moderation: { reportCount: 3, openReports: 2, reasons: { ad: 2, other: 1 }, hiddenAt: '2025-03-01T03:00:00.000Z', autoHidden: true },
}

const topic: Topic = {
  id: 1,
  unit: { id: 200, name: '梧桐新村3号楼', level: 'building' },
  neighbourhoodId: 2,
  question: '加装电梯',
  background: '背景',
  closesAt: '2025-04-01T00:00:00.000Z',
  state: 'concluded',
  closed: false,
  pending: true,
  summary: '纪要',
  concludedAt: '2025-03-20T00:00:00.000Z',
  proposalId: 5,
  openedAt: '2025-03-01T00:00:00.000Z',
  lastPostAt: null,
  postCount: 2,
  participantCount: 2,
  stances: { support: 1, oppose: 0, neutral: 1 },
  myStance: 'neutral',
  canPost: false,
  cannotPostReason: '议题已形成议事纪要，讨论已结束',
  canModerate: true,
}

describe('the 议事厅 response schemas', () => {
  it('describe the shared types exactly', () => {
    // Checked by the type checker: a field missing on either side makes one of these `false`.
    const exact: [
      Same<Static<typeof TopicSchema>, Topic>,
      Same<Static<typeof PostSchema>, Post>,
      Same<Static<typeof PostPageSchema>, PostPage>,
      Same<Static<typeof PostThreadSchema>, PostThread>,
    ] = [true, true, true, true]
    expect(exact).toEqual([true, true, true, true])
  })

  it('keep every field of a topic and a post', async () => {
    expect(await throughSchema(TopicPageSchema, { items: [topic], nextCursor: 'abc' })).toEqual({ items: [topic], nextCursor: 'abc' })
    const page: PostPage = { items: [root], pinned: [root], nextCursor: null }
    expect(await throughSchema(PostPageSchema, page)).toEqual(page)
    const thread: PostThread = { topic: { id: 1, question: '加装电梯', state: 'open' }, root, replies: [reply], focusId: 8, focusIndex: 0 }
    expect(await throughSchema(PostThreadSchema, thread)).toEqual(thread)
  })
})
