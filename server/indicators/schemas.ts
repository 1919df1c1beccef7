// Request and response schemas of the index routes. The index result trees (IndexResult, from the
// scoring library) and input values are sent whole, as the library shapes them.
import { Type, type TSchema } from '@sinclair/typebox'
import type { IndexInputValue, IndexResult } from '../../types/scoring'
import { Id, literals, Text } from '../core/schema'
import { InstrumentSchema as Instrument } from '../surveys'

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

// ---- requests ---------------------------------------------------------------------------------

const Period = Type.String({ pattern: '^[0-9]{4}(H[12])?$', maxLength: 6 })
export const ReportQuery = Type.Object({ unitId: Type.Optional(Id), period: Type.Optional(Period) })
export const SummaryQuery = Type.Object({ unitId: Type.Optional(Id) })
export const CompareQuery = Type.Object({ streetId: Type.Optional(Id), period: Type.Optional(Period) })
export const ExportQuery = Type.Object({
  unitId: Type.Optional(Id),
  period: Type.Optional(Period),
  format: Type.Optional(literals(['csv', 'xlsx'] as const)),
})
export const InputsBody = Type.Object(
  {
    unitId: Id,
    period: Period,
    // Each value is checked by the scoring library (rules.ts manualEntries), with a message per leaf.
    inputs: Type.Record(Type.String({ maxLength: 80 }), Type.Unknown(), { maxProperties: 60 }),
    note: Type.Optional(Text({ maxLength: 500 })),
  },
  { additionalProperties: false },
)

// ---- responses --------------------------------------------------------------------------------

const LibraryResult = Type.Unsafe<IndexResult>({})
const LibraryValue = Type.Unsafe<IndexInputValue>({})
const Unit = Type.Object({ id: Type.Integer(), name: Type.String() })
const PeriodInfo = Type.Object({ id: Type.String(), label: Type.String(), start: Type.String(), end: Type.String() })
const ScoreStatus = literals(['ok', 'insufficient_sample', 'no_data'] as const)
const Staff = Type.Object({ id: Type.Integer(), label: Type.String() })
const Note = Nullable(Type.Object({ text: Type.String(), publishedAt: Type.String() }))

const Manual = Type.Object({ value: Nullable(LibraryValue), note: Nullable(Type.String()), enteredAt: Type.String(), enteredBy: Staff })
const provenanceFields = {
  leafId: Type.String(),
  used: Nullable(literals(['questionnaire', 'platform', 'manual', 'mixed'] as const)),
  questionnaire: Type.Optional(
    Type.Object({
      surveyId: Type.Integer(),
      title: Type.String(),
      closedAt: Type.String(),
      n: Type.Integer(),
      status: ScoreStatus,
      points: Nullable(Type.Number()),
      paperShare: Type.Number(),
    }),
  ),
  held: Type.Optional(
    Type.Object({
      surveyId: Type.Integer(),
      title: Type.String(),
      closedAt: Type.String(),
      paperShare: Type.Number(),
      committeePaperShare: Type.Number(),
      reason: Type.String(),
    }),
  ),
  platform: Type.Optional(Type.Object({ value: LibraryValue, detail: Type.String() })),
  manual: Type.Optional(Manual),
}
const Provenance = Type.Object({ ...provenanceFields, parts: Type.Optional(Type.Record(Type.String(), Type.Object(provenanceFields))) })
const Radar = Type.Array(Type.Object({ id: Type.String(), name: Type.String(), points: Type.Number(), max: Type.Number() }))

export const IndexReport = Type.Object({
  unit: Unit,
  period: PeriodInfo,
  definition: Type.Object({ id: Type.String(), name: Type.String(), source: Type.String() }),
  result: LibraryResult,
  provenance: Type.Record(Type.String(), Provenance),
  radar: Radar,
  previous: Type.Object({ period: PeriodInfo, result: LibraryResult, radar: Radar }),
  deltas: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      depth: Type.Integer(),
      points: Type.Number(),
      previousPoints: Type.Number(),
      delta: Type.Number(),
    }),
  ),
})

export const IndicatorSummary = Type.Object({
  unit: Unit,
  wave: Nullable(
    Type.Object({
      surveyId: Type.Integer(),
      title: Type.String(),
      closedAt: Type.String(),
      responses: Type.Integer(),
      paperShare: Type.Number(),
      heldReason: Nullable(Type.String()),
      scores: Type.Array(
        Type.Object({
          instrumentId: Instrument,
          name: Type.String(),
          max: Type.Number(),
          points: Nullable(Type.Number()),
          interval: Nullable(Type.Tuple([Type.Number(), Type.Number()])),
          n: Type.Integer(),
          status: Type.Union([ScoreStatus, Type.Literal('suppressed')]),
          previousPoints: Nullable(Type.Number()),
        }),
      ),
      responseNote: Note,
    }),
  ),
})

export const InputHistory = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      leafId: Type.String(),
      leafName: Type.String(),
      value: Nullable(LibraryValue),
      note: Nullable(Type.String()),
      enteredAt: Type.String(),
      enteredBy: Staff,
      current: Type.Boolean(),
    }),
  ),
})

export const IndexComparison = Type.Object({
  street: Unit,
  period: PeriodInfo,
  items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), depth: Type.Integer(), max: Type.Number() })),
  neighbourhoods: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      cells: Type.Array(Type.Object({ points: Type.Number(), missing: Type.Integer() })),
    }),
  ),
})
