// The 台账's money: lines from every source of spending, each source one function. The 自治金 entries
// of 居务公开 join as one more source in MONEY_SOURCES.
import type { Kysely } from 'kysely'
import type { MoneyLine } from '../../../types'
import type { PeriodWindow } from '../../../types/period'
import type { Database } from '../../db/schema'
import type { LedgerFacts } from '../../proposals'
import { projectMoneyLines } from '../rules'

export interface MoneyContext {
  db: Kysely<Database>
  neighbourhoodId: number
  w: PeriodWindow
  /** The proposals' records, already loaded for the rest of the 台账. */
  proposals: LedgerFacts
}

export type MoneySource = (ctx: MoneyContext) => MoneyLine[] | Promise<MoneyLine[]>

/** Projects: the budget set when implementation began, and the spending its progress reports gave. */
const projects: MoneySource = ({ proposals, w }) => projectMoneyLines(proposals, w)

export const MONEY_SOURCES: MoneySource[] = [projects]

export async function moneyLines(ctx: MoneyContext): Promise<MoneyLine[]> {
  return (await Promise.all(MONEY_SOURCES.map((source) => source(ctx)))).flat()
}
