// Helpers shared by the survey and index suites (not a test file: jest only runs *.test.ts).
import ExcelJS from 'exceljs'
import { fakeClock as sharedFakeClock, unitId, type JsonBody, type TestServer } from '../support/server'

export interface Actor {
  authorization: string
  userId: number
}

/** Starts in 2030, far from the demo seed's real-time waves. */
export const fakeClock = (startIso = '2030-03-02T02:00:00.000Z') => sharedFakeClock(startIso)

export const DAY = 86_400_000

export const MODERATOR = '居委会 · 梧桐居民区'
export const OTHER_MODERATOR = '居委会 · 香樟居民区'
export const ADMIN = '街道工作人员 · 长宁示范街道'

export async function call(s: TestServer, who: Actor | null, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const res = await s.app.inject({
    method: method as 'GET',
    url,
    headers: { ...(who ? { authorization: who.authorization } : {}), ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  })
  let body: JsonBody
  try {
    body = res.json()
  } catch {
    body = res.body
  }
  return { status: res.statusCode, body, headers: res.headers, raw: res.rawPayload }
}

export { unitId }

/** A second staff member checks every batch of paper questionnaires still waiting: only checked
 *  batches count in results and the index. Returns how many batches were checked. */
export async function checkPaperBatches(s: TestServer, checker: Actor, surveyId: number): Promise<number> {
  const list = await call(s, checker, 'GET', `/api/surveys/${surveyId}/paper-batches`)
  if (list.status !== 200) throw new Error(`paper batches: ${list.status} ${JSON.stringify(list.body)}`)
  const waiting = (list.body.items as { id: number; checkedAt: string | null }[]).filter((b) => b.checkedAt === null)
  for (const b of waiting) {
    const res = await call(s, checker, 'POST', `/api/surveys/${surveyId}/paper-batches/${b.id}/check`)
    if (res.status !== 200) throw new Error(`check of batch ${b.id}: ${res.status} ${JSON.stringify(res.body)}`)
  }
  return waiting.length
}

/** Demo residents: every verified (approved) resident of a 居民区 with their 楼组. */
export async function verifiedResidents(s: TestServer, neighbourhood: string): Promise<{ userId: number; buildingId: number; description: string }[]> {
  return s.app.db.kysely
    .selectFrom('residences as r')
    .innerJoin('users as us', 'us.id', 'r.user_id')
    .innerJoin('units as b', 'b.id', 'r.building_id')
    .innerJoin('units as e', 'e.id', 'b.parent_id')
    .innerJoin('units as n', 'n.id', 'e.parent_id')
    .select(['r.user_id as userId', 'r.building_id as buildingId', 'us.demo_description as description'])
    .where('n.name', '=', neighbourhood)
    .where('r.status', '=', 'approved')
    .orderBy('r.user_id')
    .execute() as Promise<{ userId: number; buildingId: number; description: string }[]>
}

export async function loginUser(s: TestServer, userId: number): Promise<Actor> {
  const res = await s.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId } })
  if (res.statusCode !== 200) throw new Error(res.body)
  return { authorization: `Bearer ${res.json().token}`, userId }
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) after checking and dropping the BOM. */
export function parseCsv(text: string): string[][] {
  if (text.charCodeAt(0) !== 0xfeff) throw new Error('CSV without a UTF-8 BOM')
  const s = text.slice(1)
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
      continue
    }
    if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  if (field || row.length) rows.push([...row, field])
  return rows
}

/** CSV rows as objects keyed by the header. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text)
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])))
}

/** An .xlsx body opened with exceljs: each sheet as objects keyed by its header row. */
export async function readXlsx(buffer: Buffer): Promise<Record<string, Record<string, unknown>[]>> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buffer as unknown as ArrayBuffer)
  const out: Record<string, Record<string, unknown>[]> = {}
  wb.eachSheet((ws) => {
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String)
    const rows: Record<string, unknown>[] = []
    ws.eachRow((row, n) => {
      if (n === 1) return
      const values = (row.values as unknown[]).slice(1)
      rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])))
    })
    out[ws.name] = rows
  })
  return out
}
