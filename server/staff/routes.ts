import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParams } from '../core/schema'
import { enforceLimit } from '../core/rate-limit'
import { write } from '../core/write'
import { MeSchema, requireUser } from '../accounts'
import { acceptInvitation } from './commands/accept-invitation'
import { createInvitation } from './commands/create-invitation'
import { removeGrant } from './commands/remove-grant'
import { revokeInvitation } from './commands/revoke-invitation'
import { listInvitations, listStaff } from './queries'
import { AcceptBody, CreatedInvitationSchema, CreateInvitationBody, GrantParams, InvitationListSchema, InvitationSchema, Ok, StaffListSchema, UnitQuery } from './schemas'

export const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db.kysely

  app.post('/api/invitations', { schema: { body: CreateInvitationBody, response: { 201: CreatedInvitationSchema } } }, async (request, reply) => {
    const { principal } = requireUser(request)
    return write(request, reply, (trx) => createInvitation(trx, principal, request.body, app.clock()), 201)
  })

  app.get('/api/invitations', { schema: { querystring: UnitQuery, response: { 200: InvitationListSchema } } }, async (request) =>
    listInvitations(db, requireUser(request).principal, request.query.unitId, app.clock()),
  )

  app.delete('/api/invitations/:id', { schema: { params: IdParams, response: { 200: InvitationSchema } } }, async (request, reply) => {
    const { principal } = requireUser(request)
    return write(request, reply, (trx) => revokeInvitation(trx, principal, request.params.id, app.clock()))
  })

  // Limited per address like logins, so codes cannot be found by trying them.
  app.post(
    '/api/invitations/accept',
    { preHandler: (request) => enforceLimit(request, 'invitation', request.ip), schema: { body: AcceptBody, response: { 200: MeSchema } } },
    async (request, reply) => {
      const { principal } = requireUser(request)
      return write(request, reply, (trx, after) => acceptInvitation(trx, principal, request.body.code, app.clock(), after))
    },
  )

  app.get('/api/staff', { schema: { querystring: UnitQuery, response: { 200: StaffListSchema } } }, async (request) =>
    listStaff(db, requireUser(request).principal, request.query.unitId),
  )

  app.delete('/api/staff/:grantId', { schema: { params: GrantParams, response: { 200: Ok } } }, async (request, reply) => {
    const { principal } = requireUser(request)
    return write(request, reply, (trx, after) => removeGrant(trx, principal, request.params.grantId, after))
  })
}
