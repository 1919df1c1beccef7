// 居务公开: the public ledger of a 居民区. Other capabilities import from here only.
export { affairsRoutes } from './routes'
export { entriesOf } from './queries/ledger'
export { fundSpending, type FundPayment, type FundSpending } from './queries/funds'
export { fundPhotoReader } from './queries/photos'
export { ledgerEvidence, type LedgerEvidence } from './queries/evidence'
export { seedDemoAffairs } from './seed'
