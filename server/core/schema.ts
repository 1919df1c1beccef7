import { Type, type TLiteral, type TString } from '@sinclair/typebox'

// The request-schema pieces every route uses, so a bound or a refusal is written once.

/** Ids are PostgreSQL integers: a larger number is bad input (400), never a database error (500). */
export const MAX_ID = 2_147_483_647
export const Id = Type.Integer({ minimum: 1, maximum: MAX_ID })
export const IdParams = Type.Object({ id: Id })

// Control characters (NUL above all: PostgreSQL text cannot hold it) and lone UTF-16 surrogates (not
// text at all) are refused; newlines and tabs are fine.
const PLAIN_TEXT = '^(?:[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])*$'

/** Free text a person types. */
export const Text = (opts: { minLength?: number; maxLength: number; pattern?: never }): TString =>
  Type.String({ ...opts, pattern: PLAIN_TEXT })

/** One of a fixed set of words (states, kinds, sorts). */
export const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)) as TLiteral<T>[])

/** A calendar day, 'YYYY-MM-DD'. */
export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })

/** An instant as ISO-8601 text. */
export const Instant = Type.String({ format: 'date-time', maxLength: 40 })

/** Paging: an opaque cursor from the previous page and a page size. */
export const Cursor = Type.String({ maxLength: 200 })
export const PageLimit = (max = 50) => Type.Integer({ minimum: 1, maximum: max })
