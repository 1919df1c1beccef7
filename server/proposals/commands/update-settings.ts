import type { ProposalSettings, ProposalState } from '../../../types'
import type { Trx } from '../../core/db'
import { logModeration } from '../../core/audit'
import { badInput } from '../../core/errors'
import type { CommandContext } from '../context'
import { settingsUnit } from '../queries/settings'
import { deadlineFor, invalidSetting, type SettingsValues } from '../rules'
import { loadSettings, saveSettings } from '../settings'

/** New time limits apply to proposals already under way (thresholds stay as they were when submitted). */
async function rederiveDeadlines(trx: Trx, neighbourhoodId: number, s: SettingsValues, now: Date): Promise<void> {
  const rows = await trx
    .selectFrom('proposals')
    .select(['id', 'state', 'state_entered_at', 'vote_closes_at', 'impl_planned_date', 'referral_answered_at', 'deadline_at'])
    .where('neighbourhood_id', '=', neighbourhoodId)
    .where('state', 'in', ['submitted', 'screening', 'accepted', 'deliberating', 'approved', 'completed', 'referred'])
    .execute()
  for (const r of rows) {
    const d = deadlineFor(
      {
        state: r.state as ProposalState,
        stateEnteredAt: new Date(r.state_entered_at),
        voteClosesAt: r.vote_closes_at ? new Date(r.vote_closes_at) : null,
        plannedDate: r.impl_planned_date,
        referralAnswered: r.referral_answered_at !== null,
      },
      s,
    )
    const iso = d ? d.toISOString() : null
    if (iso === r.deadline_at) continue
    // No longer overdue: nothing told yet. Still overdue: the sweep works out anew when the 街镇 is due.
    const cleared = iso === null || iso > now.toISOString() ? { overdue_notified_at: null, escalated_at: null } : {}
    await trx
      .updateTable('proposals')
      .set({ deadline_at: iso, escalates_at: null, ...cleared })
      .where('id', '=', r.id)
      .execute()
  }
}

/** The committee changes its 居民区's thresholds and time limits (the rest stay as they were). */
export async function updateSettings(ctx: CommandContext, unitId: number | undefined, changes: Partial<SettingsValues>): Promise<ProposalSettings> {
  const { userId } = ctx.viewer
  const unit = await settingsUnit(ctx.db, ctx.viewer, unitId)
  const bad = invalidSetting(changes)
  if (bad) throw badInput(bad.field, bad.message)
  return ctx.write(async ({ trx, now }) => {
    const { neighbourhoodId: _n, isDefault: _d, ...current } = await loadSettings(trx, unit.id)
    const next: SettingsValues = { ...current, ...changes }
    await saveSettings(trx, unit.id, next, userId, now)
    await rederiveDeadlines(trx, unit.id, next, now)
    await logModeration(trx, { actorId: userId, action: 'proposal.settings', targetType: 'unit', targetId: unit.id, unitId: unit.id, reason: JSON.stringify(changes) })
    return loadSettings(trx, unit.id)
  })
}
