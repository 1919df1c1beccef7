export { verifiedHouseholdsBefore } from './evidence'
