// Staff: how a 街镇 gets its admins and its people: one-time invitations to a role, the list of who
// holds which role, and taking a role away. The server's admin command (server/cli) starts it off.
export { staffRoutes } from './routes'
export { createStreet } from './commands/create-street'
export { inviteAdmin } from './commands/invite-admin'
export { revokeInvitationByCode } from './commands/revoke-invitation'
export { streetInvitations } from './queries'
export { invitationLink, DEFAULT_INVITATION_DAYS, MAX_INVITATION_DAYS } from './rules'
