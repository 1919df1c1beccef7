// The 街镇's summary: each of its 居民区's ledgers in figures, side by side.
import type { AffairsSummary } from '../../../types'
import { can } from '../../accounts'
import { badInput, forbidden } from '../../core/errors'
import { unitInfo } from '../../surveys'
import type { Reader } from '../context'
import { entriesOf } from './ledger'

export async function streetSummary(r: Reader, q: { streetId: number; year?: string }): Promise<AffairsSummary> {
  const street = await unitInfo(r.db, q.streetId)
  if (!street || street.level !== 'street') throw badInput('streetId', '请选择一个街镇')
  if (!can(r.principal, 'affairs.manage', street.chain)) throw forbidden('只有街镇工作人员可以查看各居民区的居务公开汇总')
  const units = await r.db.selectFrom('units').select(['id', 'name']).where('parent_id', '=', street.id).where('level', '=', 'neighbourhood').orderBy('id').execute()
  const neighbourhoods = await Promise.all(
    units.map(async (u) => {
      const [entries, open, members] = await Promise.all([
        entriesOf(r.db, u.id, { year: q.year }),
        r.db.selectFrom('affairs_questions').select((eb) => eb.fn.countAll().as('n')).where('neighbourhood_id', '=', u.id).where('answered_at', 'is', null).executeTakeFirst(),
        r.db.selectFrom('affairs_supervisors').select((eb) => eb.fn.countAll().as('n')).where('neighbourhood_id', '=', u.id).where('removed_at', 'is', null).executeTakeFirst(),
      ])
      const byKind: AffairsSummary['neighbourhoods'][number]['entries'] = {}
      for (const e of entries) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1
      return { id: u.id, name: u.name, entries: byKind, unanswered: Number(open?.n ?? 0), supervisors: Number(members?.n ?? 0) }
    }),
  )
  return { street: { id: street.id, name: street.name }, year: q.year ?? null, neighbourhoods }
}
