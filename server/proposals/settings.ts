import type { ProposalSettings } from '../../types'
import type { Trx } from '../core/db'
import type { Q } from './context'
import { DEFAULT_SETTINGS, type SettingsValues } from './rules'
import type { ProposalSettingsTable } from './tables'

const pct = (bp: number) => bp / 100
const bp = (percent: number) => Math.round(percent * 100)

function fromRow(r: ProposalSettingsTable): SettingsValues {
  return {
    cosignMinCount: r.cosign_min_count,
    cosignSharePercent: pct(r.cosign_share_bp),
    cosignDays: r.cosign_days,
    screeningDays: r.screening_days,
    acceptedDays: r.accepted_days,
    deliberatingDays: r.deliberating_days,
    votingDays: r.voting_days,
    approvedDays: r.approved_days,
    referredDays: r.referred_days,
    evaluationDays: r.evaluation_days,
    voteTurnoutPercent: pct(r.vote_turnout_bp),
    voteMajorityPercent: pct(r.vote_majority_bp),
  }
}

/** A 居民区's settings, or the defaults when its committee has not changed any. */
export async function loadSettings(db: Q, neighbourhoodId: number): Promise<ProposalSettings> {
  const row = await db.selectFrom('proposal_settings').selectAll().where('neighbourhood_id', '=', neighbourhoodId).executeTakeFirst()
  return { neighbourhoodId, ...(row ? fromRow(row) : DEFAULT_SETTINGS), isDefault: !row }
}

export async function saveSettings(trx: Trx, neighbourhoodId: number, values: SettingsValues, userId: number, now: Date): Promise<void> {
  const row = {
    cosign_min_count: values.cosignMinCount,
    cosign_share_bp: bp(values.cosignSharePercent),
    cosign_days: values.cosignDays,
    screening_days: values.screeningDays,
    accepted_days: values.acceptedDays,
    deliberating_days: values.deliberatingDays,
    voting_days: values.votingDays,
    approved_days: values.approvedDays,
    referred_days: values.referredDays,
    evaluation_days: values.evaluationDays,
    vote_turnout_bp: bp(values.voteTurnoutPercent),
    vote_majority_bp: bp(values.voteMajorityPercent),
    updated_by: userId,
    updated_at: now.toISOString(),
  }
  await trx
    .insertInto('proposal_settings')
    .values({ neighbourhood_id: neighbourhoodId, ...row })
    .onConflict((oc) => oc.column('neighbourhood_id').doUpdateSet(row))
    .execute()
}
