import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Me } from '../../types'
import { accountCache } from './account-cache'
import type { Principal } from './policy'
import { unauthorized } from '../core/errors'
import { enforceLimit } from '../core/rate-limit'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open to anonymous callers (health, login); every other /api route refuses them with 401. */
    public?: boolean
  }
  interface FastifyRequest {
    principal: Principal | null
    me: Me | null
    token: string | null
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const h = request.headers.authorization
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null
  return m ? m[1] : null
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Resolves the bearer token to the caller on every /api request, and limits each caller's writes.
 * An anonymous call to a route not marked `config: { public: true }` is refused here, before its body
 * is parsed or validated, so a stranger learns nothing of the route's schema.
 */
export function installAuth(app: FastifyInstance): void {
  app.decorateRequest('principal', null)
  app.decorateRequest('me', null)
  app.decorateRequest('token', null)
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return
    const token = bearerToken(request)
    if (!token) {
      // Unknown URLs keep their 404.
      if (!request.is404 && !request.routeOptions.config.public) throw unauthorized()
      return
    }
    const account = await accountCache(app).lookup(app.db, token, new Date())
    if (!account) throw unauthorized()
    const userId = account.principal.userId
    request.token = token
    request.principal = account.principal
    request.me = account.me
    if (WRITE_METHODS.has(request.method)) await enforceLimit(request, 'write', `u${userId}`)
  })
}

/** The signed-in caller, or 401. */
export function requireUser(request: FastifyRequest): { principal: Principal; me: Me } {
  if (!request.principal || !request.me) throw unauthorized()
  return { principal: request.principal, me: request.me }
}
