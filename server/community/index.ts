// Community: the unit tree (街镇 → 居民区 → 小区 → 楼组) and its household counts, now and in the past.
export { communityRoutes } from './routes'
export { unitChain, unitWithChain, verifiedHouseholdsByBuilding, type UnitWithChain } from './queries/units'
export { householdsAt, recordHouseholds } from './households'
