import { Type, type TSchema } from '@sinclair/typebox'
import { Id, Text, literals } from '../core/schema'

// What the accounts routes take and answer (types/accounts.ts, as JSON schemas).

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

export const RoleGrantSchema = Type.Object({
  role: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  unitLevel: Type.String(),
})

export const ResidenceWaitSchema = Type.Object({
  neighbourhoodName: Type.String(),
  contact: Nullable(Type.String()),
  typicalHours: Nullable(Type.Number()),
  reviewedCount: Type.Integer(),
})

export const ResidenceSchema = Type.Object({
  id: Type.Integer(),
  buildingId: Type.Integer(),
  buildingName: Type.String(),
  estateName: Type.String(),
  neighbourhoodId: Type.Integer(),
  neighbourhoodName: Type.String(),
  room: Type.String(),
  status: Type.String(),
  reason: Nullable(Type.String()),
  isRepresentative: Type.Boolean(),
  requestedAt: Type.String(),
  reviewedAt: Nullable(Type.String()),
})

export const MeSchema = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  roles: Type.Array(RoleGrantSchema),
  residence: Nullable(ResidenceSchema),
  verified: Type.Boolean(),
  privacyAcceptedAt: Nullable(Type.String()),
})

export const SessionSchema = Type.Object({ token: Type.String(), expiresAt: Type.String(), user: MeSchema })

export const DevUsersSchema = Type.Object({
  users: Type.Array(Type.Object({ id: Type.Integer(), label: Type.String(), description: Type.String() })),
})

export const VerificationRequestSchema = Type.Object({
  id: Type.Integer(),
  userId: Type.Integer(),
  buildingId: Type.Integer(),
  buildingName: Type.String(),
  estateName: Type.String(),
  room: Type.String(),
  status: Type.String(),
  reason: Nullable(Type.String()),
  isRepresentative: Type.Boolean(),
  requestedAt: Type.String(),
  reviewedAt: Nullable(Type.String()),
})

export const VerificationListSchema = Type.Object({ items: Type.Array(VerificationRequestSchema) })

export const Ok = Type.Object({ ok: Type.Boolean() })

export const DevLoginBody = Type.Object({ userId: Id }, { additionalProperties: false })
export const WechatLoginBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false })
export const ResidenceBody = Type.Object(
  {
    buildingId: Id,
    room: Type.String({ minLength: 1, maxLength: 20, pattern: '^\\s*[0-9A-Za-z\\u4e00-\\u9fa5\\-－# ]+\\s*$' }),
  },
  { additionalProperties: false },
)
export const VerificationsQuery = Type.Object({ status: Type.Optional(literals(['pending', 'approved', 'rejected'] as const)) })
export const ApproveBody = Type.Optional(Type.Object({ isRepresentative: Type.Optional(Type.Boolean()) }, { additionalProperties: false }))
export const RepresentativeBody = Type.Object({ isRepresentative: Type.Boolean() }, { additionalProperties: false })
export const RejectBody = Type.Object({ reason: Text({ minLength: 2, maxLength: 200 }) }, { additionalProperties: false })
