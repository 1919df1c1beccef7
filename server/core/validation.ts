import { AjvCompiler, type Ajv } from '@fastify/ajv-compiler'
import type { FastifySchema, FastifySchemaCompiler } from 'fastify'

// How requests are checked against route schemas, for every route alike:
// - a JSON body is taken as sent: `{"userId": true}` or `{"body": 123}` is refused, never coerced;
// - path and query parameters arrive as text, so they are read as the numbers or booleans they declare,
//   but only from plain decimals: "0x10", "1e3", " 7" or "+7" is not a way to write an id;
// - every number must be finite. Ajv reads "Infinity", "-Infinity" and "1e309" as ±Infinity and then
//   skips the bounds for them, and JSON.parse turns 1e309 into Infinity, so an explicit check is needed.

const finiteNumbers = (ajv: Ajv): Ajv =>
  ajv.addKeyword({
    keyword: 'finite',
    type: 'number',
    schemaType: 'boolean',
    errors: false,
    validate: (required: boolean, data: number) => !required || Number.isFinite(data),
  })

const isNumeric = (type: unknown) =>
  type === 'number' || type === 'integer' || (Array.isArray(type) && (type.includes('number') || type.includes('integer')))

/** A copy of the schema in which every number and integer also demands `finite`. */
function requireFinite(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(requireFinite)
  if (schema === null || typeof schema !== 'object') return schema
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(schema)) {
    // `properties` and `patternProperties` map names to schemas: walk their values, keep their keys.
    out[k] = k === 'const' || k === 'enum' || k === 'default' || k === 'examples' ? v : requireFinite(v)
  }
  if (isNumeric(out.type)) out.finite = true
  return out
}

const DECIMAL = /^-?\d{1,20}(?:\.\d{1,20})?$/

type Validate = ReturnType<FastifySchemaCompiler<FastifySchema>>

/** Refuses numeric parameters written other than as plain decimals, before Ajv coerces them. */
function plainDecimals(schema: { properties?: Record<string, { type?: unknown }> }, validate: Validate): Validate {
  const numeric = Object.entries(schema.properties ?? {})
    .filter(([, s]) => isNumeric(s.type))
    .map(([k]) => k)
  if (numeric.length === 0) return validate
  const check: Validate = (data) => {
    for (const key of numeric) {
      const raw = (data as Record<string, unknown> | null)?.[key]
      if ([raw].flat().some((v) => typeof v === 'string' && !DECIMAL.test(v))) {
        check.errors = [{ keyword: 'type', instancePath: `/${key}`, schemaPath: '', params: { type: 'number' }, message: 'must be a decimal number' }]
        return false
      }
    }
    const ok = validate(data)
    check.errors = validate.errors
    return ok
  }
  return check
}

export function validatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  const pool = AjvCompiler()
  const base = { allErrors: false, removeAdditional: false as const }
  const plugins = [finiteNumbers]
  const forText = pool({}, { customOptions: { ...base, coerceTypes: 'array' }, plugins })
  const forBody = pool({}, { customOptions: { ...base, coerceTypes: false }, plugins })
  return (route) => {
    const schema = requireFinite(route.schema) as FastifySchema
    if (route.httpPart === 'body') return forBody({ ...route, schema })
    return plainDecimals(schema as never, forText({ ...route, schema }) as Validate)
  }
}
