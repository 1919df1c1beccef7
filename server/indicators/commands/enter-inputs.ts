// The 街镇 enters index values by hand: each entry is kept (who, when), the latest per leaf is used.
import type { IndexReport } from '../../../types'
import { logModeration } from '../../core/audit'
import { badInput } from '../../core/errors'
import type { Writer } from '../../surveys'
import { neighbourhoodFor, periodOf } from '../queries/neighbourhood'
import { buildReport } from '../queries/report'
import { manualEntries } from '../rules'

export interface EnterInputs {
  unitId: number
  period: string
  inputs: Record<string, unknown>
  note?: string
}

export async function enterInputs(w: Writer, b: EnterInputs): Promise<IndexReport> {
  const { principal } = w
  const unit = await neighbourhoodFor(w, b.unitId, 'indicators.input')
  const p = periodOf(w, b.period)
  const entries = manualEntries(b.inputs)
  if (entries.length === 0) throw badInput('inputs', '请至少填写一项')
  const note = b.note?.trim() || null
  await w.write(async (trx) => {
    const now = w.clock().toISOString()
    let lastId = 0
    for (const e of entries) {
      const row = await trx
        .insertInto('indicator_inputs')
        .values({
          unit_id: unit.id,
          period: p.id,
          leaf_id: e.key,
          value: e.value === null ? null : JSON.stringify(e.value),
          note,
          entered_by: principal.userId,
          entered_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      lastId = row.id
    }
    await logModeration(trx, {
      actorId: principal.userId,
      action: 'indicator.input',
      targetType: 'indicator_input',
      targetId: lastId,
      unitId: unit.id,
      reason: `${p.id}：${entries.map((e) => e.key).join('、')}`,
    })
    // Only a receipt is kept for a retry; the report below is always computed fresh.
    return { ok: true, saved: entries.map((e) => e.key) }
  })
  return buildReport(w.db, unit, p)
}
