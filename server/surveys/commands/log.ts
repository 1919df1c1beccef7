import type { Trx } from '../../core/db'
import { logModeration } from '../../core/audit'
import type { SurveyRow } from '../queries/surveys'

/** Every staff action on a survey goes to the audit log, under the survey's 居民区. */
export async function logSurvey(
  trx: Trx,
  actorId: number,
  row: Pick<SurveyRow, 'id' | 'neighbourhood_id'>,
  action: string,
  reason: string | null = null,
): Promise<void> {
  await logModeration(trx, { actorId, action, targetType: 'survey', targetId: row.id, unitId: row.neighbourhood_id, reason })
}
