import type { ProposalSettings } from '../../../types'
import { badInput } from '../../core/errors'
import type { Q, ReadContext } from '../context'
import { deny, settingsRefusal, type Viewer } from '../policy'
import { loadSettings } from '../settings'
import { proposalUnit, type ProposalUnit } from '../units'

/** The 居民区 whose settings the caller reads or changes: the one named, or the first they serve. */
export async function settingsUnit(db: Q, v: Viewer, unitId: number | undefined): Promise<ProposalUnit> {
  const id = unitId ?? v.principal.grants.find(() => true)?.unitId
  if (!id) deny(settingsRefusal(v, null))
  const unit = await proposalUnit(db, id!)
  if (!unit || unit.level !== 'neighbourhood') throw badInput('unitId', '请选择居民区')
  deny(settingsRefusal(v, unit.chain))
  return unit
}

export async function proposalSettings({ db, viewer }: ReadContext, unitId: number | undefined): Promise<ProposalSettings> {
  const unit = await settingsUnit(db, viewer, unitId)
  return loadSettings(db, unit.id)
}
