// Moderation's response schemas, field for field as types/moderation.ts (the serializer drops the rest).
import { Type, type TSchema } from '@sinclair/typebox'
import { literals } from '../core/schema'
import { AppealSchema, PostSchema } from '../discussions'
import { REPORT_REASONS } from './rules'

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

export const ReportReasonSchema = literals(REPORT_REASONS)

export const ReportedSchema = Type.Object({ ok: Type.Boolean(), autoHidden: Type.Boolean() })

export const MuteSchema = Type.Object({
  id: Type.Integer(),
  userId: Type.Integer(),
  neighbourhoodId: Type.Integer(),
  reason: Type.String(),
  endsAt: Type.String(),
  createdAt: Type.String(),
  liftedAt: Nullable(Type.String()),
})

export const QueueSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      kind: literals(['appeal', 'auto_hidden', 'reported', 'pending', 'pending_topic', 'recent'] as const),
      topic: Type.Object({ id: Type.Integer(), question: Type.String(), unitName: Type.String(), state: Type.String(), pending: Type.Boolean() }),
      post: Nullable(PostSchema),
      reports: Type.Array(Type.Object({ reason: ReportReasonSchema, count: Type.Integer() })),
      appeal: Nullable(AppealSchema),
      since: Type.String(),
    }),
  ),
})

export const LogPageSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      actorId: Nullable(Type.Integer()),
      actorLabel: Type.String(),
      action: Type.String(),
      actionName: Type.String(),
      targetType: Type.String(),
      targetId: Type.Integer(),
      unitId: Type.Integer(),
      unitName: Type.String(),
      reason: Nullable(Type.String()),
      createdAt: Type.String(),
    }),
  ),
  nextCursor: Nullable(Type.String()),
})

export const SettingsSchema = Type.Object({ neighbourhoodId: Type.Integer(), reportThreshold: Type.Integer() })
export const SettingsListSchema = Type.Object({ items: Type.Array(SettingsSchema) })
