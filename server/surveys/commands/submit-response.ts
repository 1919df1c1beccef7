// A resident answers a survey. Two rows in one transaction, sharing nothing: survey_participation
// (who has answered) and survey_responses (what was answered, under a random key) — see anonymity.ts.
//
// Why not core/write's idempotency: it keeps, next to the user id, the request body's hash and the
// response, and hashing candidate answers would find whose they are. A retry is recognised instead by
// the Idempotency-Key kept on the participation row, which holds nothing derived from the answers.
import type { SubmitResponseResult } from '../../../types'
import { isUniqueViolation } from '../../core/db'
import { badInput, conflict } from '../../core/errors'
import { insertResponse, mixResponses } from '../anonymity'
import type { Writer } from '../context'
import { answerRefusal } from '../policy'
import { loadSurvey, questionsOf } from '../queries/surveys'
import { surveyStatus, validateAnswers, type UncheckedAnswers } from '../rules'

export async function submitResponse(w: Writer, id: number, input: { answers: UncheckedAnswers }): Promise<SubmitResponseResult> {
  const { db, principal } = w
  const { row, target } = await loadSurvey(db, id)
  const refused = answerRefusal(principal, target)
  if (refused) throw refused
  const key = w.idempotencyKey
  if (key !== null && key.length > 100) throw badInput('Idempotency-Key', 'Idempotency-Key 太长')
  const answers = validateAnswers(questionsOf(row), input.answers)
  const buildingId = principal.residence!.buildingId

  const attempt = () =>
    db.transaction().execute(async (trx): Promise<'new' | 'replay'> => {
      const prior = await trx
        .selectFrom('survey_participation')
        .select('idem_key')
        .where('survey_id', '=', row.id)
        .where('user_id', '=', principal.userId)
        .executeTakeFirst()
      if (prior) {
        if (key !== null && prior.idem_key === key) return 'replay'
        throw conflict('already_responded', '您已经填写过这份问卷了，每人只能填写一次')
      }
      const now = w.clock()
      const current = await trx.selectFrom('surveys').select(['state', 'opens_at', 'closes_at']).where('id', '=', row.id).executeTakeFirstOrThrow()
      const status = surveyStatus(current, now)
      if (status !== 'open') throw conflict('survey_not_open', status === 'scheduled' ? '问卷还没有开始' : '问卷已经截止了')
      await trx.insertInto('survey_participation').values({ survey_id: row.id, user_id: principal.userId, idem_key: key }).execute()
      await insertResponse(trx, { surveyId: row.id, buildingId, channel: 'app', answers, now })
      return 'new'
    })
  let outcome: 'new' | 'replay'
  try {
    outcome = await attempt()
  } catch (err) {
    // A concurrent twin committed first: ours rolled back; the second try replays or refuses.
    if (!isUniqueViolation(err)) throw err
    outcome = await attempt()
  }
  w.respond(201, outcome === 'replay')
  if (outcome === 'new') await mixResponses(db, row.id).catch((err) => w.warn(err, 'survey answers not mixed yet'))
  return { ok: true, surveyId: row.id }
}
