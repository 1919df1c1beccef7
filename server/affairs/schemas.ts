// Request and response schemas of the 居务公开 API.
import { Type } from '@sinclair/typebox'
import { AFFAIR_KINDS } from '../../types'
import { DateString, Id, literals, Text } from '../core/schema'
import { ENTRY_KEY_PATTERN } from './rules'

export const KeyParams = Type.Object({ key: Type.String({ pattern: ENTRY_KEY_PATTERN, maxLength: 30 }) })

const Year = Type.String({ pattern: '^20[0-9]{2}$' })

export const LedgerQuery = Type.Object({
  unitId: Type.Optional(Id),
  year: Type.Optional(Year),
  kind: Type.Optional(literals(AFFAIR_KINDS)),
})

export const SummaryQuery = Type.Object({ streetId: Id, year: Type.Optional(Year) })

export const UnitQuery = Type.Object({ unitId: Type.Optional(Id) })

export const TextBody = Type.Object({ body: Text({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false })
export const AnswerBody = Type.Object({ answer: Text({ minLength: 2, maxLength: 1000 }) }, { additionalProperties: false })

// Money in 元 (whole fen checked by the command: a float multipleOf would refuse 4800.07).
const Amount = Type.Number({ minimum: 0, maximum: 9_999_999 })
const PhotoIds = Type.Array(Id, { maxItems: 9 })

export const FundBody = Type.Object(
  {
    unitId: Type.Optional(Id),
    title: Text({ minLength: 2, maxLength: 60 }),
    body: Text({ minLength: 2, maxLength: 1000 }),
    amount: Amount,
    spentOn: DateString,
    proposalId: Type.Optional(Id),
    photos: Type.Optional(PhotoIds),
  },
  { additionalProperties: false },
)

export const CorrectionBody = Type.Object(
  { body: Text({ minLength: 2, maxLength: 1000 }), amount: Type.Optional(Amount), photos: Type.Optional(PhotoIds) },
  { additionalProperties: false },
)

export const AppointBody = Type.Object({ unitId: Type.Optional(Id), userId: Id }, { additionalProperties: false })

const Unit = Type.Object({ id: Type.Integer(), name: Type.String() })
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

export const EntrySchema = Type.Object({
  key: Type.String(),
  kind: literals(AFFAIR_KINDS),
  date: Type.String(),
  title: Type.String(),
  lines: Type.Array(Type.String()),
  amount: Nullable(Type.Number()),
  link: Nullable(Type.Object({ kind: literals(['proposal', 'survey'] as const), id: Type.Integer(), title: Type.String() })),
  corrects: Nullable(Type.String()),
  correctedBy: Type.Array(Type.String()),
  questions: Type.Integer(),
  openFlags: Type.Integer(),
})

export const SupervisorSchema = Type.Object({ id: Type.Integer(), label: Type.String(), appointedAt: Type.String() })

export const LedgerSchema = Type.Object({
  neighbourhood: Unit,
  entries: Type.Array(EntrySchema),
  supervisors: Type.Array(SupervisorSchema),
  isSupervisor: Type.Boolean(),
  isCommittee: Type.Boolean(),
})

const QuestionFields = {
  id: Type.Integer(),
  entryKey: Type.String(),
  kind: literals(['question', 'flag'] as const),
  authorLabel: Type.String(),
  body: Type.String(),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  createdAt: Type.String(),
  isMine: Type.Boolean(),
}

export const DetailSchema = Type.Object({
  entry: EntrySchema,
  neighbourhood: Unit,
  questions: Type.Array(Type.Object(QuestionFields)),
  related: Type.Array(EntrySchema),
  photos: Type.Array(Type.Object({ id: Type.Integer(), url: Type.String(), thumbUrl: Nullable(Type.String()) })),
  noticeUrl: Type.String(),
  isSupervisor: Type.Boolean(),
  isCommittee: Type.Boolean(),
})

export const QueueSchema = Type.Object({ items: Type.Array(Type.Object({ ...QuestionFields, entryTitle: Type.String() })) })

export const CandidatesSchema = Type.Array(
  Type.Object({ userId: Type.Integer(), label: Type.String(), buildingName: Type.String(), room: Type.String(), supervisorId: Nullable(Type.Integer()) }),
)

export const SummarySchema = Type.Object({
  street: Unit,
  year: Nullable(Type.String()),
  neighbourhoods: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      entries: Type.Record(Type.String(), Type.Integer()),
      unanswered: Type.Integer(),
      supervisors: Type.Integer(),
    }),
  ),
})
