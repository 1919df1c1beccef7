import { Type, type TSchema } from '@sinclair/typebox'
import { Id, Text, literals } from '../core/schema'
import type { RoleName } from '../../types'
import { MAX_INVITATION_DAYS } from './rules'

// What the staff routes take and answer (types/setup.ts, as JSON schemas).

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])
const ROLES: readonly RoleName[] = ['admin', 'moderator', 'property', 'owners_committee', 'department']

export const CreateInvitationBody = Type.Object(
  {
    role: literals(ROLES),
    unitId: Id,
    label: Type.Optional(Text({ maxLength: 40 })),
    validDays: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_INVITATION_DAYS })),
  },
  { additionalProperties: false },
)

// Any text: a malformed code is simply an unknown one (and counts against the limit like any other try).
export const AcceptBody = Type.Object({ code: Type.String({ maxLength: 40 }) }, { additionalProperties: false })

export const UnitQuery = Type.Object({ unitId: Type.Optional(Id) })
export const GrantParams = Type.Object({ grantId: Id })

export const CreatedInvitationSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  role: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  label: Nullable(Type.String()),
  expiresAt: Type.String(),
})

export const InvitationSchema = Type.Object({
  id: Type.Integer(),
  role: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  label: Nullable(Type.String()),
  status: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  usedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
})

export const InvitationListSchema = Type.Object({ items: Type.Array(InvitationSchema) })

export const StaffListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      grantId: Type.Integer(),
      userId: Type.Integer(),
      role: Type.String(),
      unitId: Type.Integer(),
      unitName: Type.String(),
      unitLevel: Type.String(),
      label: Nullable(Type.String()),
      since: Type.String(),
      realName: Nullable(Type.String()),
      phone: Nullable(Type.String()),
    }),
  ),
})

export const Ok = Type.Object({ ok: Type.Boolean() })
