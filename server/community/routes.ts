import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type TSchema } from '@sinclair/typebox'
import { requireUser } from '../accounts'
import { unitTree } from './queries'

// The tree is four levels deep (街镇 → 居民区 → 小区 → 楼组); a 楼组's children list is empty.
const unitNode = (depth: number): TSchema =>
  Type.Object({
    id: Type.Integer(),
    parentId: Type.Union([Type.Integer(), Type.Null()]),
    level: Type.String(),
    name: Type.String(),
    housingType: Type.Union([Type.String(), Type.Null()]),
    households: Type.Integer(),
    verifiedHouseholds: Type.Integer(),
    children: Type.Array(depth > 1 ? unitNode(depth - 1) : Type.Object({})),
  })

const UnitTreeSchema = Type.Object({ units: Type.Array(unitNode(4)) })

export const communityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/units', { schema: { response: { 200: UnitTreeSchema } } }, async (request) => {
    requireUser(request)
    return unitTree(app.db.kysely)
  })
}
