// Manual index inputs, entered by the 街镇: every entry is kept with who entered it and when; the latest
// entry of each leaf (or part of a sum leaf, keyed `leafId.partId`) is the one in use.
import type { Kysely } from 'kysely'
import type { IndexInputValue } from '../../../src/scoring'
import type { IndicatorInputEntry, ManualProvenance } from '../../../types'
import type { Database } from '../../db/schema'
import type { Reader } from '../../surveys'
import { neighbourhoodFor, periodOf, type NeighbourhoodQuery } from './neighbourhood'
import { LEAVES } from '../rules'

type Q = Kysely<Database>

/** Who entered an input, as staff read it: "长宁示范街道 工作人员 #3". */
async function enterers(db: Q, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .select(['g.user_id', 'g.role', 'u.name'])
    .where('g.user_id', 'in', ids)
    .orderBy('g.id')
    .execute()
  const out = new Map<number, string>()
  for (const id of ids) {
    const grant = rows.find((r) => r.user_id === id && r.role === 'admin') ?? rows.find((r) => r.user_id === id)
    out.set(id, grant ? `${grant.name}${grant.role === 'admin' ? '工作人员' : '居委会'} #${id}` : `用户 #${id}`)
  }
  return out
}

export async function inputHistory(db: Q, unitId: number, period: string): Promise<IndicatorInputEntry[]> {
  const rows = await db
    .selectFrom('indicator_inputs')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('period', '=', period)
    .orderBy('id', 'desc')
    .execute()
  const names = await enterers(db, [...new Set(rows.map((r) => r.entered_by))])
  const seen = new Set<string>()
  return rows.map((r) => {
    const current = !seen.has(r.leaf_id)
    seen.add(r.leaf_id)
    const [leafId, partId] = r.leaf_id.split('.')
    const info = LEAVES.get(leafId)
    const part = partId ? info?.parts?.find((p) => p.id === partId) : undefined
    return {
      id: r.id,
      leafId: r.leaf_id,
      leafName: part ? `${info!.leaf.name} · ${part.name}` : info?.leaf.name ?? r.leaf_id,
      value: r.value === null ? null : (JSON.parse(r.value) as IndexInputValue),
      note: r.note,
      enteredAt: r.entered_at,
      enteredBy: { id: r.entered_by, label: names.get(r.entered_by) ?? `用户 #${r.entered_by}` },
      current,
    }
  })
}

/** The entry in use for each key (`leafId` or `leafId.partId`). */
export async function latestManual(db: Q, unitId: number, period: string): Promise<Map<string, ManualProvenance>> {
  const out = new Map<string, ManualProvenance>()
  for (const e of await inputHistory(db, unitId, period)) {
    if (e.current) out.set(e.leafId, { value: e.value, note: e.note, enteredAt: e.enteredAt, enteredBy: e.enteredBy })
  }
  return out
}

/** GET /api/indicators/inputs: the entries of a period, latest first. */
export async function listInputs(r: Reader, q: NeighbourhoodQuery): Promise<{ items: IndicatorInputEntry[] }> {
  const unit = await neighbourhoodFor(r, q.unitId, 'indicators.read')
  return { items: await inputHistory(r.db, unit.id, periodOf(r, q.period).id) }
}
