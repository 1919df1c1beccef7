// What the platform's own records say about the index items it can back (indicators.md note 3), for a
// 居民区 and a period. Each capability counts its own records (through its index.ts); this file only
// turns the counts into evidence. The platform only ever asserts what it has seen: with no record, an
// item is left missing (for an admin to fill in), never scored "no".
import type { PlatformProvenance } from '../../types'
import type { ChecklistInput } from '../../types/scoring'
import type { PeriodWindow } from '../../types/period'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { verifiedHouseholdsBefore } from '../accounts'
import { ledgerEvidence } from '../affairs'
import { discussionEvidence } from '../discussions'
import { proposalEvidence } from '../proposals'
import { surveyEvidence, type BuildingInfo } from '../surveys'

/** Platform evidence keyed by leaf id (or `leafId.partId` for a part of a sum). */
export type Evidence = Map<string, PlatformProvenance>

export async function platformEvidence(db: Kysely<Database>, neighbourhoodId: number, buildings: BuildingInfo[], w: PeriodWindow): Promise<Evidence> {
  const evidence: Evidence = new Map()
  const households = buildings.reduce((s, b) => s + b.households, 0)
  const [verified, surveys, proposals, topics, ledger] = await Promise.all([
    households > 0 ? verifiedHouseholdsBefore(db, buildings.map((b) => b.id), w.to) : 0,
    surveyEvidence(db, neighbourhoodId, w),
    proposalEvidence(db, neighbourhoodId, w),
    discussionEvidence(db, neighbourhoodId, w),
    ledgerEvidence(db, neighbourhoodId, w),
  ])

  // 线上阵地: households with a verified resident (approved by the end of the period) / all households.
  if (verified > 0) {
    evidence.set('online_venue', {
      value: Math.min(1, verified / households),
      detail: `本应用已认证住户 ${verified} 户 / 总户数 ${households} 户（截至 ${w.end}）`,
    })
  }

  // Needs surveys online and on paper (需求调研机制) and the online channels (线上需求调研).
  if (surveys.bothChannels > 0) {
    evidence.set('needs_survey_mechanism', {
      value: { online_offline: true },
      detail: `本期 ${surveys.bothChannels} 份问卷同时收集了线上回答和纸质问卷`,
    })
  }
  const channels: string[] = []
  if (surveys.online > 0) channels.push(`电子问卷（本期 ${surveys.online} 份问卷收到线上回答）`)
  if (proposals.raised > 0) channels.push(`小程序（本期居民提出 ${proposals.raised} 件提案）`)
  if (channels.length > 0) evidence.set('online_needs_survey', { value: channels.length, detail: `本应用：${channels.join('；')}` })

  if (proposals.accepted > 0) {
    evidence.set('proposal_mechanism', {
      value: { proposals: true },
      detail: `本期居民提案 ${proposals.raised} 件，立项 ${proposals.accepted} 件`,
    })
  }
  if (proposals.progress > 0) {
    evidence.set('supervision_mechanism', {
      value: { supervision: true },
      detail: `本期公开实施进展 ${proposals.progress} 次，居民跟帖 ${proposals.comments} 条`,
    })
  }
  if (proposals.evaluations > 0 || surveys.noted > 0) {
    evidence.set('evaluation_mechanism', {
      value: { evaluation: true },
      detail: `本期居民对提案成效评价 ${proposals.evaluations} 次；问卷结果公开并反馈整改 ${surveys.noted} 次`,
    })
  }

  if (topics.concluded > 0 && topics.levels >= 2) {
    evidence.set('consultation_mechanism', {
      value: { tiered: true },
      detail: `本期议事厅议题 ${topics.total} 个，分布在 ${topics.levels} 个层级（楼组、小区、居民区），形成议事纪要 ${topics.concluded} 份`,
    })
  }
  const hall: ChecklistInput = {}
  const hallDetail: string[] = []
  if (topics.withPosts > 0) {
    hall.online_hall = true
    hallDetail.push(`议事厅本期 ${topics.withPosts} 个议题有居民发言`)
  }
  if (proposals.meetings > 0) {
    hall.three_meetings = true
    hallDetail.push(`记录听证会、协调会、评议会 ${proposals.meetings} 次`)
  }
  if (topics.concluded > 0) {
    hall.open_process = true
    hallDetail.push(`公开议事纪要 ${topics.concluded} 份`)
  }
  if (hallDetail.length > 0) evidence.set('consultation_platform.platform_evidence', { value: hall, detail: hallDetail.join('；') })

  // Each item the platform backs cites the 居务公开 entries behind it; an entry alone asserts nothing.
  for (const [leaf, p] of evidence) {
    const keys = ledger.get(leaf)
    if (keys) evidence.set(leaf, { ...p, ledger: keys })
  }
  return evidence
}
