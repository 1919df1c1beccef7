// A resident answers a survey. Two rows in one transaction, sharing nothing: survey_participation
// (who has answered) and survey_responses (what was answered, under a random key) — see anonymity.ts.
//
// Why not core/write's idempotency: it keeps, next to the user id, the request body's hash and the
// response, and hashing candidate answers would find whose they are. A retry is recognised instead by
// the Idempotency-Key kept on the participation row, which holds nothing derived from the answers.
import type { SubmitResponseResult } from '../../../types'
import { compiled } from '../../core/compiled'
import { onSqlite } from '../../core/dialect'
import { isUniqueViolation } from '../../core/db'
import { badInput, conflict } from '../../core/errors'
import { insertResponse, mixSoon } from '../anonymity'
import type { Writer } from '../context'
import { answerRefusal } from '../policy'
import { loadSurvey, questionsOf } from '../queries/surveys'
import { surveyStatus, validateAnswers, type UncheckedAnswers } from '../rules'

// A survey's submits come in bursts (a 楼组 meeting, a WeChat group reminder): compiled once (core/compiled.ts).
const participation = compiled((db, v: { surveyId: number; userId: number }) =>
  db.selectFrom('survey_participation').select('idem_key').where('survey_id', '=', v.surveyId).where('user_id', '=', v.userId),
)
// On PostgreSQL the state is read FOR SHARE: a closing commits before it (the submit sees 'closed') or
// waits for the submit (its rewrite then holds this answer). Unlocked, an answer committed beside a closing
// stayed outside its rewrite, unmixed. SQLite's writes take turns already.
const surveyState = compiled((db, v: { id: number }) => {
  const state = db.selectFrom('surveys').select(['state', 'opens_at', 'closes_at']).where('id', '=', v.id)
  return onSqlite(db) ? state : state.forShare()
})
const participate = compiled((db, v: { surveyId: number; userId: number; key: string | null }) =>
  db.insertInto('survey_participation').values({ survey_id: v.surveyId, user_id: v.userId, idem_key: v.key }),
)

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
      const prior = await participation.first(trx, { surveyId: row.id, userId: principal.userId })
      if (prior) {
        if (key !== null && prior.idem_key === key) return 'replay'
        throw conflict('already_responded', '您已经填写过这份问卷了，每人只能填写一次')
      }
      const now = w.clock()
      const current = (await surveyState.first(trx, { id: row.id }))!
      const status = surveyStatus(current, now)
      if (status !== 'open') throw conflict('survey_not_open', status === 'scheduled' ? '问卷还没有开始' : '问卷已经截止了')
      await participate.all(trx, { surveyId: row.id, userId: principal.userId, key })
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
  if (outcome === 'new') w.later(() => mixSoon(db, row.id))
  return { ok: true, surveyId: row.id }
}
