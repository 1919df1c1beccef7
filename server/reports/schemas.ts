// Request and response schemas of the 台账 routes. The report is sent whole, as types/reports.ts shapes it.
import { Type } from '@sinclair/typebox'
import type { Ledger, StreetLedger } from '../../types'
import { Id, literals } from '../core/schema'

const Period = Type.String({ pattern: '^[0-9]{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$', maxLength: 7 })
export const LedgerQuery = Type.Object({ unitId: Type.Optional(Id), period: Type.Optional(Period) })
export const DownloadQuery = Type.Object({ unitId: Type.Optional(Id), period: Type.Optional(Period), format: Type.Optional(literals(['xlsx', 'pdf'] as const)) })

export const LedgerSchema = Type.Unsafe<Ledger>({})
export const StreetLedgerSchema = Type.Unsafe<StreetLedger>({})
