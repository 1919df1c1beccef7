// Request and response schemas of the survey routes. Responses list every field the types in
// types/surveys.ts carry (Fastify's serializer drops what a schema does not name); the scoring
// library's scores are passed through as the library shapes them.
import { Type, type TSchema } from '@sinclair/typebox'
import type { InstrumentScore, SubgroupScore } from '../../types/scoring'
import { Id, Instant, literals, Text } from '../core/schema'
import { INSTRUMENT_IDS, MAX_PAPER_BATCH, MAX_QUESTIONS, TEMPLATE_IDS } from './rules'

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

// ---- requests ---------------------------------------------------------------------------------

export const Instrument = literals(INSTRUMENT_IDS)
const Time = Nullable(Instant)
const QuestionType = literals(['single', 'multiple', 'likert', 'rating', 'text'] as const)
const SurveyState = literals(['draft', 'published', 'closed'] as const)

const QuestionInput = Type.Object(
  {
    id: Type.Optional(Type.String({ maxLength: 20 })),
    type: QuestionType,
    text: Text({ minLength: 1, maxLength: 200 }),
    required: Type.Optional(Type.Boolean()),
    options: Type.Optional(Type.Array(Text({ minLength: 1, maxLength: 50 }), { maxItems: 20 })),
    maxChoices: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    labels: Type.Optional(Type.Array(Text({ minLength: 1, maxLength: 20 }), { minItems: 2, maxItems: 11 })),
    dkLabel: Type.Optional(Text({ minLength: 1, maxLength: 10 })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
)
const Questions = Type.Array(QuestionInput, { maxItems: MAX_QUESTIONS })
// The value's shape depends on the question: checked by validateAnswers, with a message per question.
const Answers = Type.Array(
  Type.Object({ questionId: Type.String({ minLength: 1, maxLength: 20 }), value: Type.Unknown() }, { additionalProperties: false }),
  { maxItems: MAX_QUESTIONS },
)
const Flag = literals(['1', '0', 'true', 'false'] as const)
export const LIST_LIMIT = 50

export const ListQuery = Type.Object({
  /** Only surveys open now (首页). */
  open: Type.Optional(Flag),
  unitId: Type.Optional(Id),
  state: Type.Optional(SurveyState),
  cursor: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9]+$' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIST_LIMIT })),
})

export const CreateBody = Type.Object(
  {
    unitId: Type.Optional(Id),
    template: Type.Optional(literals(TEMPLATE_IDS)),
    instruments: Type.Optional(Type.Array(Instrument, { maxItems: 5 })),
    copyOf: Type.Optional(Id),
    title: Type.Optional(Text({ minLength: 1, maxLength: 60 })),
    intro: Type.Optional(Text({ maxLength: 1000 })),
    opensAt: Type.Optional(Time),
    closesAt: Type.Optional(Time),
    questions: Type.Optional(Questions),
  },
  { additionalProperties: false },
)

export const EditBody = Type.Object(
  {
    title: Type.Optional(Text({ minLength: 1, maxLength: 60 })),
    intro: Type.Optional(Text({ maxLength: 1000 })),
    opensAt: Type.Optional(Time),
    closesAt: Type.Optional(Time),
    instruments: Type.Optional(Type.Array(Instrument, { maxItems: 5 })),
    questions: Type.Optional(Questions),
  },
  { additionalProperties: false },
)

export const ResponseNoteBody = Type.Object({ text: Text({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })
export const SubmitBody = Type.Object({ answers: Answers }, { additionalProperties: false })
export const PaperBody = Type.Object({ buildingId: Id, answers: Answers }, { additionalProperties: false })
export const PaperBatchBody = Type.Object({ entries: Type.Array(PaperBody, { minItems: 1, maxItems: MAX_PAPER_BATCH }) }, { additionalProperties: false })
export const BatchParams = Type.Object({ id: Id, batchId: Id })
export const ExportQuery = Type.Object({ format: Type.Optional(literals(['csv', 'xlsx'] as const)) })

// ---- responses --------------------------------------------------------------------------------

const UnitLevel = literals(['street', 'neighbourhood', 'estate', 'building'] as const)
const SurveyStatus = literals(['draft', 'scheduled', 'open', 'ended', 'closed'] as const)
const Note = Nullable(Type.Object({ text: Type.String(), publishedAt: Type.String() }))
/** A score as the scoring library computes it, sent whole. */
const LibraryScore = Type.Unsafe<InstrumentScore>({})
const LibrarySubgroup = Type.Unsafe<SubgroupScore>({})

export const Template = Type.Object({
  id: literals(TEMPLATE_IDS),
  title: Type.String(),
  intro: Type.String(),
  instruments: Type.Array(Instrument),
  questionCount: Type.Integer(),
  estimatedMinutes: Type.Integer(),
})
export const Templates = Type.Object({ templates: Type.Array(Template) })

const listItemFields = {
  id: Type.Integer(),
  title: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  unitLevel: UnitLevel,
  neighbourhoodId: Type.Integer(),
  state: SurveyState,
  status: SurveyStatus,
  opensAt: Nullable(Type.String()),
  closesAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  instruments: Type.Array(Instrument),
  questionCount: Type.Integer(),
  estimatedMinutes: Type.Integer(),
  canAnswer: Type.Boolean(),
  answered: Type.Boolean(),
  responseCount: Type.Optional(Type.Integer()),
}
export const SurveyListItem = Type.Object(listItemFields)
export const SurveyList = Type.Object({ items: Type.Array(SurveyListItem), nextCursor: Nullable(Type.String()) })

const questionBase = {
  id: Type.String(),
  text: Type.String(),
  required: Type.Boolean(),
  instrumentId: Type.Optional(Instrument),
}
const Scale = Type.Object({
  min: Type.Number(),
  max: Type.Number(),
  labels: Type.Array(Type.String()),
  dkLabel: Type.Optional(Type.String()),
})
const Question = Type.Union([
  Type.Object({ ...questionBase, type: Type.Literal('single'), options: Type.Array(Type.String()) }),
  Type.Object({ ...questionBase, type: Type.Literal('multiple'), options: Type.Array(Type.String()), maxChoices: Type.Optional(Type.Integer()) }),
  Type.Object({ ...questionBase, type: Type.Literal('likert'), scale: Scale }),
  Type.Object({ ...questionBase, type: Type.Literal('rating'), min: Type.Literal(1), max: Type.Literal(10) }),
  Type.Object({ ...questionBase, type: Type.Literal('text'), maxLength: Type.Integer() }),
])

export const SurveyDetail = Type.Object({
  ...listItemFields,
  intro: Type.String(),
  questions: Type.Array(Question),
  publishedAt: Nullable(Type.String()),
  copiedFrom: Nullable(Type.Integer()),
  responseNote: Note,
  canManage: Type.Boolean(),
})

export const SubmitResult = Type.Object({ ok: Type.Literal(true), surveyId: Type.Integer() })
export const PaperResult = Type.Object({ ok: Type.Literal(true), surveyId: Type.Integer(), paperResponses: Type.Integer() })
export const PaperBatch = Type.Object({
  id: Type.Integer(),
  surveyId: Type.Integer(),
  count: Type.Integer(),
  byStreet: Type.Boolean(),
  enteredBy: Type.Integer(),
  enteredAt: Type.String(),
  checkedBy: Nullable(Type.Integer()),
  checkedAt: Nullable(Type.String()),
})
export const PaperBatchList = Type.Object({ items: Type.Array(PaperBatch) })
export const PaperStanding = Type.Object({
  paperShare: Type.Number(),
  committeePaperShare: Type.Number(),
  uncheckedPaper: Type.Integer(),
  confirmedAt: Nullable(Type.String()),
  heldReason: Nullable(Type.String()),
})

const OptionCount = Type.Object({
  value: Type.Union([Type.Number(), Type.Literal('dk')]),
  label: Type.String(),
  count: Type.Integer(),
  share: Type.Number(),
})
const QuestionResult = Type.Object({
  questionId: Type.String(),
  text: Type.String(),
  type: QuestionType,
  instrumentId: Type.Optional(Instrument),
  answered: Type.Integer(),
  suppressed: Type.Boolean(),
  distribution: Type.Optional(Type.Array(OptionCount)),
  mean: Type.Optional(Nullable(Type.Number())),
  texts: Type.Optional(Type.Array(Type.String())),
})
const Subgroup = Type.Object({ group: Type.String(), label: Type.String(), score: LibrarySubgroup })
const InstrumentResult = Type.Object({
  instrumentId: Instrument,
  name: Type.String(),
  score: Nullable(LibraryScore),
  suppressed: Type.Boolean(),
  byBuilding: Type.Array(Subgroup),
  byHousingType: Type.Array(Subgroup),
})
export const SurveyResults = Type.Object({
  surveyId: Type.Integer(),
  title: Type.String(),
  status: SurveyStatus,
  unit: Type.Object({ id: Type.Integer(), name: Type.String(), level: UnitLevel }),
  responses: Type.Object({ total: Type.Integer(), app: Type.Integer(), paper: Type.Integer(), paperShare: Type.Number() }),
  paper: PaperStanding,
  eligible: Type.Object({ verifiedResidents: Type.Integer(), verifiedHouseholds: Type.Integer(), households: Type.Integer() }),
  responseRate: Nullable(Type.Number()),
  minCellSize: Type.Integer(),
  available: Type.Boolean(),
  unavailableReason: Type.Optional(Type.String()),
  questions: Type.Array(QuestionResult),
  instruments: Type.Array(InstrumentResult),
  responseNote: Note,
})
