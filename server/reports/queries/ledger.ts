// The 台账 of one 居民区 for a period: each capability's records (through its index.ts), and rules.ts
// for every figure.
import type { Kysely } from 'kysely'
import type { Ledger, LedgerPeriod } from '../../../types'
import type { Database } from '../../db/schema'
import { verifiedHouseholdsBefore } from '../../accounts'
import { discussionEvidence } from '../../discussions'
import { buildIndexReport, indexExportRows } from '../../indicators'
import { proposalLedgerFacts } from '../../proposals'
import { buildingsUnder, closedSurveyFacts } from '../../surveys'
import { parsePeriod } from '../../../types/period'
import { moneyLines } from './money'
import {
  asOfFor,
  indexPeriodFor,
  ledgerIndexOf,
  ledgerProposals,
  ledgerWindow,
  meetingCounts,
  meetingsIn,
  moneySummary,
  participationOf,
  stageSummaries,
} from '../rules'

export async function buildLedger(db: Kysely<Database>, nb: { id: number; name: string }, period: LedgerPeriod, now: Date): Promise<Ledger> {
  const w = ledgerWindow(period)
  const asOf = asOfFor(w, now)
  const [facts, buildings, topics, surveys, index] = await Promise.all([
    proposalLedgerFacts(db, nb.id, w.to),
    buildingsUnder(db, nb.id, asOf),
    discussionEvidence(db, nb.id, w),
    closedSurveyFacts(db, nb.id, w),
    buildIndexReport(db, nb, parsePeriod(indexPeriodFor(period))!),
  ])
  const households = buildings.reduce((s, b) => s + b.households, 0)
  const [verifiedHouseholds, money] = await Promise.all([
    verifiedHouseholdsBefore(
      db,
      buildings.map((b) => b.id),
      asOf,
    ),
    moneyLines({ db, neighbourhoodId: nb.id, w, proposals: facts }),
  ])
  const held = meetingsIn(facts.meetings, w)
  const list = ledgerProposals(facts, w, asOf)
  return {
    unit: { id: nb.id, name: nb.name },
    period,
    asOf,
    meetings: { counts: meetingCounts(held), list: held },
    proposals: { stages: stageSummaries(list, w), list, overdue: list.filter((p) => p.daysOverdue !== null) },
    participation: participationOf(facts, { households, verifiedHouseholds, posts: topics.posts, topicsWithPosts: topics.withPosts, surveys }, w),
    money: moneySummary(money),
    index: ledgerIndexOf(index, indexExportRows(index)),
  }
}
