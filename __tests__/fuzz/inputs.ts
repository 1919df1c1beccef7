// Inputs for the route fuzzer, made from each route's own JSON schema: one plausible value, then every
// way a careless or hostile client gets it wrong. Pure and seeded, so a failure reproduces.

export interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  const?: unknown
  enum?: unknown[]
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  pattern?: string
  format?: string
}

export type Rng = () => number

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]

// Strings that satisfy the patterns the API uses, tried before falling back to plain text.
const PATTERN_SAMPLES = ['2026-05-01', '301', '3号楼居民', 'abc', '2026', '2026H1']

/** A value the schema accepts, as far as a generator can tell without solving regular expressions. */
export function plausible(schema: JsonSchema, rng: Rng, depth = 0): unknown {
  if (schema.const !== undefined) return schema.const
  if (schema.enum) return pick(rng, schema.enum)
  if (schema.anyOf) return plausible(pick(rng, schema.anyOf), rng, depth + 1)
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'integer':
    case 'number': {
      const lo = schema.minimum ?? 0
      const hi = Math.min(schema.maximum ?? lo + 20, lo + 20)
      return Math.floor(lo + rng() * (hi - lo + 1))
    }
    case 'boolean':
      return rng() < 0.5
    case 'null':
      return null
    case 'array': {
      const n = Math.min(schema.minItems ?? 0, 3) + (rng() < 0.5 ? 1 : 0)
      return Array.from({ length: Math.min(n, schema.maxItems ?? n) }, () => (schema.items ? plausible(schema.items, rng, depth + 1) : 1))
    }
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(k) || rng() < 0.5) out[k] = plausible(v, rng, depth + 1)
      }
      return out
    }
    default: {
      if (schema.format === 'date-time') return new Date(Date.UTC(2026, 4, 1 + Math.floor(rng() * 60))).toISOString()
      if (schema.pattern) {
        const re = new RegExp(schema.pattern, 'u')
        const fit = PATTERN_SAMPLES.filter((s) => re.test(s))
        if (fit.length > 0) return pick(rng, fit)
      }
      const min = schema.minLength ?? 1
      return '楼道里的电动车充电问题'.slice(0, Math.max(min, Math.min(schema.maxLength ?? 10, 10))).padEnd(min, '好')
    }
  }
}

// What a hostile or broken client sends where a value belongs.
export const HOSTILE_VALUES: readonly unknown[] = [
  'Infinity',
  '-Infinity',
  '1e309',
  'NaN',
  '0x10',
  '1e3',
  -1,
  0,
  1.5,
  2_147_483_648,
  Number.MAX_SAFE_INTEGER + 2, // past what a double holds exactly
  -(Number.MAX_SAFE_INTEGER + 2),
  '',
  ' ',
  'a\u0000b',
  '\u0007\u001b[31m',
  'x\ud800',
  '\ufeff带BOM',
  '楼'.repeat(20_000),
  'a'.repeat(70_000),
  true,
  false,
  null,
  [],
  [1, 2, 3],
  {},
  { PROTO: { admin: true } },
  { constructor: { prototype: { admin: true } } },
  '<script>alert(1)</script>',
  "'; drop table users; --",
  '../../etc/passwd',
]

// Path and query parameters arrive as text.
export const HOSTILE_PARAMS: readonly string[] = [
  '0',
  '-1',
  '1.5',
  '2147483647',
  '2147483648',
  '3000000000',
  '9007199254740993',
  'Infinity',
  '-Infinity',
  '1e309',
  'NaN',
  '0x10',
  '1e3',
  'abc',
  '%00',
  '%ED%A0%80',
  '%E6%A5%BC'.repeat(300),
  '1;drop',
  '__proto__',
]

function deepNesting(levels: number): unknown {
  let v: unknown = 1
  for (let i = 0; i < levels; i++) v = { a: v }
  return v
}

// JSON.stringify cannot write a "__proto__" key (an object literal sets the prototype instead), so the
// values carry PROTO and the text is patched after.
const toJson = (v: unknown) => JSON.stringify(v).replace(/"PROTO":/g, '"__proto__":')

/**
 * A body as JSON text, mutated one way: a field dropped, a field replaced by a hostile value, a
 * "__proto__" key, or the wrong shape altogether.
 */
export function mutateBody(schema: JsonSchema | undefined, rng: Rng): string {
  const base = schema ? plausible(schema, rng) : {}
  const fields = Object.keys(schema?.properties ?? {})
  const roll = rng()
  if (roll < 0.1) return toJson(pick(rng, [null, [], 'text', 42, true, deepNesting(2_000)]))
  if (roll < 0.15) return toJson({ ...(base as object), PROTO: { isAdmin: true }, extra: 1 })
  if (typeof base !== 'object' || base === null || Array.isArray(base) || fields.length === 0) return toJson(pick(rng, HOSTILE_VALUES))
  const out = { ...(base as Record<string, unknown>) }
  const field = pick(rng, fields)
  if (roll < 0.25) delete out[field]
  else out[field] = pick(rng, HOSTILE_VALUES)
  return toJson(out)
}

/** A body that is not JSON at all, is cut off, or carries what JSON text must not (a lone surrogate, invalid UTF-8, a BOM). */
export const BROKEN_BODIES: readonly (string | Buffer)[] = [
  '{',
  '{"title":',
  'null',
  '[]',
  'not json',
  '{"a":1}{"b":2}',
  '{"body":"\\ud800"}', // a lone surrogate written as a JSON escape
  Buffer.from([0x7b, 0x22, 0x62, 0x6f, 0x64, 0x79, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), // {"body":"<invalid UTF-8>"}
  Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), // a UTF-8 BOM, then {}
]

/** A path with each :param replaced, by a plausible id most of the time and by a hostile one otherwise. */
export function fillPath(url: string, rng: Rng, ids: readonly number[]): string {
  return url.replace(/:(\w+)/g, () => (rng() < 0.6 ? String(pick(rng, ids)) : pick(rng, HOSTILE_PARAMS)))
}

/** A query string: plausible values with one hostile one now and then, sometimes an unknown or doubled key. */
export function fillQuery(schema: JsonSchema | undefined, rng: Rng): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(schema?.properties ?? {})) {
    if (!(schema?.required ?? []).includes(k) && rng() < 0.5) continue
    const value = rng() < 0.3 ? pick(rng, HOSTILE_PARAMS) : String(plausible(v, rng))
    params.append(k, value)
    if (rng() < 0.05) params.append(k, value)
  }
  if (rng() < 0.05) params.append('unknown', '1')
  const s = params.toString()
  return s ? `?${s}` : ''
}
