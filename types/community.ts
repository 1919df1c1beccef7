// The community tree: 街镇 → 居民区 → 小区 → 楼组. Household counts are the denominators of every rate.
export type UnitLevel = 'street' | 'neighbourhood' | 'estate' | 'building'

export const UNIT_LEVEL_NAMES: Record<UnitLevel, string> = {
  street: '街镇',
  neighbourhood: '居民区',
  estate: '小区',
  building: '楼组',
}

export type HousingType = 'public_sold' | 'commercial' | 'foreign_commercial' | 'old_villa' | 'resettlement'

// 分类治理's five housing types (seeds 000, 001).
export const HOUSING_TYPE_NAMES: Record<HousingType, string> = {
  public_sold: '售后公房',
  commercial: '普通商品房',
  foreign_commercial: '涉外商品房',
  old_villa: '老洋房',
  resettlement: '动迁安置房',
}

export interface Unit {
  id: number
  parentId: number | null
  level: UnitLevel
  name: string
  /** Only 小区 carry a housing type. */
  housingType: HousingType | null
  households: number
  /** 居民区 only: how residents reach the 居委会 (phone, office hours), as the committee wrote it. */
  contact?: string | null
}

export interface UnitNode extends Unit {
  children: UnitNode[]
  /** Households with at least one verified resident (the app's own 上云率 numerator). */
  verifiedHouseholds: number
}
