// The 议事厅's request pieces and response schemas. Fastify's serializer drops what a response schema
// leaves out, so these follow types/discussions.ts field for field (schemas.test.ts holds them to it).
import { Type, type TSchema } from '@sinclair/typebox'
import { MEDIA_STATUSES } from '../../types'
import { Id, literals, Text } from '../core/schema'
import { MAX_PHOTOS } from '../media'
import { MAX_BODY } from './rules'

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])
const Count = Type.Integer({ minimum: 0 })

// ---- requests -------------------------------------------------------------------------------

export const StanceSchema = literals(['support', 'oppose', 'neutral'] as const)
export const TopicStateSchema = literals(['open', 'locked', 'concluded'] as const)
export const Flag = literals(['1', '0', 'true', 'false'] as const)
export const flag = (v: string | undefined) => v === '1' || v === 'true'
export const Body = Text({ minLength: 1, maxLength: MAX_BODY })
/** The author's uploads (POST /api/media), at most nine. */
export const Photos = Type.Array(Id, { maxItems: MAX_PHOTOS })
const Photo = Type.Object({ id: Type.Integer(), url: Type.String(), thumbUrl: Nullable(Type.String()), status: literals(MEDIA_STATUSES) })

// ---- responses ------------------------------------------------------------------------------

export const TopicSchema = Type.Object({
  id: Type.Integer(),
  unit: Type.Object({ id: Type.Integer(), name: Type.String(), level: literals(['street', 'neighbourhood', 'estate', 'building'] as const) }),
  neighbourhoodId: Type.Integer(),
  question: Type.String(),
  background: Type.String(),
  closesAt: Nullable(Type.String()),
  state: TopicStateSchema,
  closed: Type.Boolean(),
  pending: Type.Boolean(),
  summary: Nullable(Type.String()),
  concludedAt: Nullable(Type.String()),
  proposalId: Nullable(Type.Integer()),
  openedAt: Type.String(),
  lastPostAt: Nullable(Type.String()),
  postCount: Count,
  participantCount: Count,
  stances: Type.Object({ support: Count, oppose: Count, neutral: Count }),
  myStance: Nullable(StanceSchema),
  canPost: Type.Boolean(),
  cannotPostReason: Nullable(Type.String()),
  canModerate: Type.Boolean(),
})

export const TopicPageSchema = Type.Object({ items: Type.Array(TopicSchema), nextCursor: Nullable(Type.String()) })

export const AppealSchema = Type.Object({
  id: Type.Integer(),
  postId: Type.Integer(),
  status: literals(['pending', 'granted', 'denied'] as const),
  reason: Type.String(),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
  decidedAt: Nullable(Type.String()),
})

const postFields = {
  id: Type.Integer(),
  topicId: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  replyTo: Nullable(Type.Object({ id: Type.Integer(), label: Type.String() })),
  author: Type.Object({ label: Type.String(), isStaff: Type.Boolean(), isMine: Type.Boolean(), userId: Type.Optional(Type.Integer()) }),
  official: Type.Boolean(),
  pinned: Type.Boolean(),
  status: literals(['published', 'pending', 'hidden', 'deleted'] as const),
  body: Type.String(),
  placeholder: Nullable(Type.String()),
  photos: Type.Array(Photo),
  hiddenReason: Nullable(Type.String()),
  likeCount: Count,
  likedByMe: Type.Boolean(),
  reportedByMe: Type.Boolean(),
  replyCount: Count,
  createdAt: Type.String(),
  editedAt: Nullable(Type.String()),
  editableUntil: Nullable(Type.String()),
  appeal: Nullable(AppealSchema),
  canAppeal: Type.Boolean(),
  moderation: Type.Optional(
    Type.Object({
      reportCount: Count,
      openReports: Count,
      reasons: Type.Partial(Type.Object({ ad: Count, attack: Count, misinfo: Count, privacy: Count, offtopic: Count, other: Count })),
      hiddenAt: Nullable(Type.String()),
      autoHidden: Type.Boolean(),
    }),
  ),
}

/** A post; in lists a root carries its first replies (one level: replies have none of their own). */
export const PostSchema = Type.Object({ ...postFields, replies: Type.Optional(Type.Array(Type.Object(postFields))) })

export const PostPageSchema = Type.Object({ items: Type.Array(PostSchema), pinned: Type.Array(PostSchema), nextCursor: Nullable(Type.String()) })

export const PostThreadSchema = Type.Object({
  topic: Type.Object({ id: Type.Integer(), question: Type.String(), state: TopicStateSchema }),
  root: PostSchema,
  replies: Type.Array(PostSchema),
  focusId: Nullable(Type.Integer()),
  focusIndex: Nullable(Type.Integer()),
})

export const DeletedSchema = Type.Object({ ok: Type.Boolean(), placeholder: Type.Boolean() })
export const LikeSchema = Type.Object({ liked: Type.Boolean(), likeCount: Count })
