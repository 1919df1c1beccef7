// 自治金 spending of a 居民区 in a period, for the 台账: each payment at its latest corrected amount.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { entryKey } from '../rules'

export interface FundPayment {
  key: string
  spentOn: string
  title: string
  amountFen: number
  proposalId: number | null
  corrected: boolean
}

export interface FundSpending {
  totalFen: number
  payments: FundPayment[]
}

/** Payments made from `start` to `end` (Shanghai days, both included), oldest first. */
export async function fundSpending(db: Kysely<Database>, neighbourhoodId: number, period: { start: string; end: string }): Promise<FundSpending> {
  const [funds, corrections] = await Promise.all([
    db
      .selectFrom('affairs_entries')
      .select(['id', 'spent_on', 'title', 'amount_fen', 'proposal_id'])
      .where('neighbourhood_id', '=', neighbourhoodId)
      .where('kind', '=', 'fund')
      .where('spent_on', '>=', period.start)
      .where('spent_on', '<=', period.end)
      .orderBy('spent_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('affairs_entries')
      .select(['corrects', 'amount_fen'])
      .where('neighbourhood_id', '=', neighbourhoodId)
      .where('kind', '=', 'correction')
      .where('amount_fen', 'is not', null)
      .orderBy('id')
      .execute(),
  ])
  const latest = new Map<string, number>()
  for (const c of corrections) if (c.corrects) latest.set(c.corrects, c.amount_fen!)
  const payments = funds.map((f) => {
    const key = entryKey('fund', f.id)
    const amountFen = latest.get(key) ?? f.amount_fen ?? 0
    return { key, spentOn: f.spent_on, title: f.title, amountFen, proposalId: f.proposal_id, corrected: latest.has(key) }
  })
  return { totalFen: payments.reduce((s, p) => s + p.amountFen, 0), payments }
}
