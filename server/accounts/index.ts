// Accounts: who the caller is (sessions, WeChat login, residence verification) and what they may do.
// Other capabilities import from here only.
export { accountRoutes } from './routes'
export type { AccountPorts } from './ports'
export { MeSchema } from './schemas'
export { installAuth, requireUser } from './auth'
export { forgetAccount } from './account-cache'
export { wechatAuth, type WechatAuth } from './wechat'
export { can, isStaff, isStaffFor, livesIn, type Principal, type UnitChain } from './policy'
export { loadAccount, meOf } from './queries'
export { privacyLabel, STAFF_LABEL } from './privacy'
export { normaliseRoom } from './rules'
export { endExpiredSessions } from './sessions'
export { verifiedHouseholdsBefore } from './evidence'
