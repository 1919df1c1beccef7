// Staff type in a pile of paper questionnaires: the answers and each respondent's 楼组, nothing else.
// The batch waits, uncounted, until another staff member checks it (check-paper-batch.ts); each 楼组
// takes at most its households not yet answered online or on paper.
import type { PaperBatch } from '../../../types'
import { AppError, badInput, conflict } from '../../core/errors'
import type { Writer } from '../context'
import { paperRooms, presentBatch } from '../queries/paper'
import { questionsOf, surveyToManage, type LoadedSurvey, type SurveyRow } from '../queries/surveys'
import { buildingsUnder } from '../queries/units'
import type { Trx } from '../../core/db'
import { isStreetStaff } from '../policy'
import { MAX_PAPER_BATCH, paperRoom, validateAnswers, type StoredAnswers, type UncheckedAnswers } from '../rules'
import { logSurvey } from './log'

export type PaperEntry = { buildingId: number; answers: StoredAnswers }

/**
 * Checks the per-楼组 cap and records the entries as one unchecked batch in the caller's write, logged under
 * `action`. Returns the batch. The survey row is locked first (a no-op update), so two batches
 * entered at once cannot both take a 楼组's last places.
 */
export async function recordPaperBatch(w: Writer, loaded: LoadedSurvey, entries: PaperEntry[], action: string, trx: Trx) {
  const { row } = loaded
  const locked = await trx.updateTable('surveys').set((eb) => ({ state: eb.ref('state') })).where('id', '=', row.id).where('state', '=', 'published').executeTakeFirst()
  if (Number(locked.numUpdatedRows) === 0) throw conflict('survey_closed', '问卷已经结束，不能再录入')
  const buildings = await buildingsUnder(trx, row.unit_id)
  const asked = new Map<number, number>()
  for (const e of entries) asked.set(e.buildingId, (asked.get(e.buildingId) ?? 0) + 1)
  const rooms = await paperRooms(trx, row.id, buildings)
  for (const b of buildings) {
    const room = rooms.get(b.id)!
    const left = paperRoom(room)
    if ((asked.get(b.id) ?? 0) > left) {
      throw conflict('paper_cap_reached', `${b.label}共 ${room.households} 户，还可录入 ${left} 份纸质问卷（已线上作答或已录入的住户不能再录入）`, { buildingId: b.id, left })
    }
  }
  const byStreet = isStreetStaff(w.principal, loaded.target.chain)
  const batch = await trx
    .insertInto('survey_paper_batches')
    .values({
      survey_id: row.id,
      entries: JSON.stringify(entries),
      building_counts: JSON.stringify(Object.fromEntries(asked)),
      count: entries.length,
      by_street: byStreet ? 1 : 0,
      entered_by: w.principal.userId,
      entered_at: w.clock().toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  // The log names the survey and the size of the pile only: never an answer, never a 楼组.
  await logSurvey(trx, w.principal.userId, row, action, `纸质问卷第 ${batch.id} 批，${entries.length} 份，待复核`)
  return batch
}

/**
 * Checks every entry's 楼组 and answers before anything is written. `inBatch`: the request is a batch,
 * so a refused entry's field is named by its place (`entries.3.buildingId`).
 */
export async function paperEntries(w: Writer, row: SurveyRow, entries: { buildingId: number; answers: UncheckedAnswers }[], inBatch: boolean): Promise<PaperEntry[]> {
  if (row.state === 'draft') throw conflict('survey_not_published', '问卷还没有发布')
  if (row.state === 'closed') throw conflict('survey_closed', '问卷已经结束，不能再录入')
  if (entries.length === 0 || entries.length > MAX_PAPER_BATCH) throw badInput('entries', `每批录入 1–${MAX_PAPER_BATCH} 份纸质问卷`)
  const buildings = new Set((await buildingsUnder(w.db, row.unit_id)).map((b) => b.id))
  const questions = questionsOf(row)
  return entries.map((e, i) => {
    const place = (err: AppError) => (inBatch ? new AppError(err.statusCode, err.code, `第 ${i + 1} 份：${err.message}`, `entries.${i}.${err.field}`, err.details) : err)
    if (!buildings.has(e.buildingId)) throw place(badInput('buildingId', '这个楼组不在问卷的调查范围内'))
    try {
      return { buildingId: e.buildingId, answers: validateAnswers(questions, e.answers) }
    } catch (err) {
      throw err instanceof AppError ? place(err) : err
    }
  })
}

/** POST /api/surveys/:id/paper-batches */
export async function enterPaperBatch(w: Writer, id: number, b: { entries: { buildingId: number; answers: UncheckedAnswers }[] }): Promise<PaperBatch> {
  const loaded = await surveyToManage(w, id)
  const entries = await paperEntries(w, loaded.row, b.entries, true)
  return w.write(async (trx) => presentBatch(await recordPaperBatch(w, loaded, entries, 'survey.paper_batch', trx)), 201)
}
