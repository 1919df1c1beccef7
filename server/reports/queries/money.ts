// The 台账's money: lines from every source of spending, each source one function.
import type { Kysely } from 'kysely'
import type { MoneyLine } from '../../../types'
import type { PeriodWindow } from '../../../types/period'
import type { Database } from '../../db/schema'
import type { LedgerFacts } from '../../proposals'
import { fundSpending } from '../../affairs'
import { fundMoneyLines, projectMoneyLines } from '../rules'

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

/** 自治金: the payments the 居委会 entered on 居务公开 with their receipts. */
const funds: MoneySource = async ({ db, neighbourhoodId, w }) => fundMoneyLines((await fundSpending(db, neighbourhoodId, w)).payments)

export const MONEY_SOURCES: MoneySource[] = [projects, funds]

export async function moneyLines(ctx: MoneyContext): Promise<MoneyLine[]> {
  return (await Promise.all(MONEY_SOURCES.map((source) => source(ctx)))).flat()
}
