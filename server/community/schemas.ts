// Request and response schemas of the community routes.
import { Type } from '@sinclair/typebox'
import { HOUSING_TYPE_NAMES, IMPORT_COLUMNS, type HousingType } from '../../types'
import { Id, literals, Text } from '../core/schema'
import { MAX_CONTACT_LENGTH, MAX_HOUSEHOLDS, MAX_NAME_LENGTH } from './rules'

const HousingTypeSchema = literals(Object.keys(HOUSING_TYPE_NAMES) as HousingType[])
const BelowStreet = literals(['neighbourhood', 'estate', 'building'] as const)
const Name = Text({ minLength: 1, maxLength: MAX_NAME_LENGTH })
const Households = Type.Integer({ minimum: 1, maximum: MAX_HOUSEHOLDS })
const Path = Type.Array(Type.String())
const Value = Type.Union([Type.String(), Type.Integer(), Type.Null()])

export const Unit = Type.Object({
  id: Type.Integer(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  level: Type.String(),
  name: Type.String(),
  housingType: Type.Union([Type.String(), Type.Null()]),
  households: Type.Integer(),
  contact: Type.Optional(Type.Union([Type.String(), Type.Null()])),
})

export const CreateUnitBody = Type.Object(
  { parentId: Id, level: BelowStreet, name: Name, housingType: Type.Optional(HousingTypeSchema), households: Type.Optional(Households) },
  { additionalProperties: false },
)

export const UpdateUnitBody = Type.Object(
  {
    name: Type.Optional(Name),
    housingType: Type.Optional(HousingTypeSchema),
    households: Type.Optional(Households),
    contact: Type.Optional(Text({ maxLength: MAX_CONTACT_LENGTH })),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const PreviewQuery = Type.Object({ streetId: Id })

const Plan = Type.Object({
  create: Type.Array(
    Type.Object({ level: BelowStreet, name: Type.String(), path: Path, housingType: Type.Union([Type.String(), Type.Null()]), households: Type.Integer() }),
  ),
  update: Type.Array(Type.Object({ unitId: Type.Integer(), path: Path, field: literals(['name', 'housingType', 'households'] as const), from: Value, to: Value })),
  missing: Type.Array(
    Type.Object({
      unitId: Type.Integer(),
      name: Type.String(),
      level: BelowStreet,
      path: Path,
      hasResidents: Type.Boolean(),
      hasProposals: Type.Boolean(),
      deletable: Type.Boolean(),
    }),
  ),
})

export const Preview = Type.Object({
  streetId: Type.Integer(),
  rows: Type.Integer(),
  errors: Type.Array(
    Type.Object({ row: Type.Integer(), column: Type.Union([literals(IMPORT_COLUMNS), Type.Null()]), value: Type.String(), message: Type.String() }),
  ),
  plan: Plan,
  token: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
})

export const ImportBody = Type.Object(
  // The preview's token is base64url: anything else (a NUL, say, which PostgreSQL refuses) is no token.
  { token: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }), confirmMissing: Type.Optional(Type.Array(Id, { maxItems: 5000 })) },
  { additionalProperties: false },
)

export const ImportResult = Type.Object({
  streetId: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  deleted: Type.Integer(),
  changes: Type.Integer(),
})
