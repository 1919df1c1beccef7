// The 街镇 admin's import of its community tree from a spreadsheet: one row per 楼组.
import type { HousingType, UnitLevel } from './community'

/** The template's columns, in order. */
export const IMPORT_COLUMNS = ['居民区', '小区', '住房类型', '楼组', '户数'] as const
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]

/** One valid row of the file: a 楼组 with its 小区 and 居民区. */
export interface ImportRow {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number
  neighbourhood: string
  estate: string
  housingType: HousingType
  building: string
  households: number
}

/** A bad cell (or a bad row, when `column` is null). */
export interface ImportError {
  row: number
  column: ImportColumn | null
  value: string
  message: string
}

/** A unit the import would add; `path` names it and its ancestors below the 街镇, outermost first. */
export interface PlannedUnit {
  level: Exclude<UnitLevel, 'street'>
  name: string
  path: string[]
  housingType: HousingType | null
  households: number
}

export type UnitField = 'name' | 'housingType' | 'households'

/** A change to a unit the import would make. */
export interface PlannedUpdate {
  unitId: number
  path: string[]
  field: UnitField
  from: string | number | null
  to: string | number | null
}

/** A unit of the 街镇 that the file does not list. Never deleted unless confirmed, and never when in use. */
export interface MissingUnit {
  unitId: number
  name: string
  level: Exclude<UnitLevel, 'street'>
  path: string[]
  /** A residence (any status) in it or under it. */
  hasResidents: boolean
  /** A proposal in it or under it. */
  hasProposals: boolean
  /** Whether confirming it would delete it: nothing refers to it or to anything under it. */
  deletable: boolean
}

export interface ImportPlan {
  create: PlannedUnit[]
  update: PlannedUpdate[]
  missing: MissingUnit[]
}

/** POST /api/community/import/preview */
export interface ImportPreview {
  streetId: number
  rows: number
  errors: ImportError[]
  plan: ImportPlan
  /** Hands this plan to POST /api/community/import; null when the file has errors. */
  token: string | null
  expiresAt: string | null
}

/** POST /api/community/import body. */
export interface ImportRequest {
  token: string
  /** Missing units to delete (those not `deletable` are refused). */
  confirmMissing?: number[]
}

/** POST /api/community/import answer: what was written. */
export interface ImportResult {
  streetId: number
  created: number
  updated: number
  deleted: number
  /** created + updated + deleted: 0 when the file matched the tree. */
  changes: number
}

/** POST /api/units body. */
export interface CreateUnitRequest {
  parentId: number
  level: Exclude<UnitLevel, 'street'>
  name: string
  housingType?: HousingType
  households?: number
}

/** PATCH /api/units/:id body. */
export interface UpdateUnitRequest {
  name?: string
  housingType?: HousingType
  households?: number
  /** 居民区 only: how residents reach the 居委会; empty clears it. */
  contact?: string
}
