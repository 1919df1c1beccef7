import { Type } from '@sinclair/typebox'

// Shared request schemas of the 议事厅 routes.

/** Ids are PostgreSQL integers: a larger number is bad input (400), never a database error (500). */
export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })
export const IdParams = Type.Object({ id: Id })

// Control characters (NUL above all: PostgreSQL text cannot hold it) are refused; newlines and tabs are fine.
const NO_CONTROL = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$'

/** Free text a person types. */
export const Text = (opts: { minLength?: number; maxLength: number }) => Type.String({ ...opts, pattern: NO_CONTROL })
