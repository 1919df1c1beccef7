import Fastify from 'fastify'
import { Type } from '@sinclair/typebox'
import { installErrorHandling } from '../../server/core/errors'
import { validatorCompiler } from '../../server/core/validation'
import { Id, IdParams, PageLimit } from '../../server/core/schema'

// The validator every route uses: bodies as sent, parameters read from plain decimals, numbers finite.
async function app() {
  const a = Fastify()
  a.setValidatorCompiler(validatorCompiler())
  installErrorHandling(a)
  const Body = Type.Object({ userId: Type.Optional(Id), body: Type.Optional(Type.String()), photos: Type.Optional(Type.Array(Type.String())), rating: Type.Optional(Type.Number({ minimum: 1, maximum: 5 })) })
  a.post('/things/:id', { schema: { params: IdParams, querystring: Type.Object({ limit: Type.Optional(PageLimit(50)) }), body: Body } }, async (req) => ({ params: req.params, query: req.query, body: req.body }))
  a.get('/things/:id', { schema: { params: IdParams, querystring: Type.Object({ limit: Type.Optional(PageLimit(50)), mine: Type.Optional(Type.Boolean()) }) } }, async (req) => ({ params: req.params, query: req.query }))
  await a.ready()
  return a
}

describe('request validation', () => {
  it('takes a JSON body as sent, refusing values of the wrong type instead of converting them', async () => {
    const a = await app()
    const post = (payload: string) => a.inject({ method: 'POST', url: '/things/1', payload, headers: { 'content-type': 'application/json' } })
    expect((await post('{"userId":3,"body":"好","photos":["a"],"rating":4.5}')).json().body).toEqual({ userId: 3, body: '好', photos: ['a'], rating: 4.5 })
    for (const bad of ['{"userId":true}', '{"userId":"1"}', '{"body":123}', '{"photos":"x"}', '{"rating":"Infinity"}', '{"rating":1e309}', '{"rating":-1e309}']) {
      const res = await post(bad)
      expect([bad, res.statusCode]).toEqual([bad, 400])
      expect(res.json().error.code).toBe('invalid_input')
    }
    await a.close()
  })

  it('reads path and query numbers only from plain decimals, and only finite ones', async () => {
    const a = await app()
    const get = (url: string) => a.inject({ method: 'GET', url })
    expect((await get('/things/16?limit=20&mine=true')).json()).toEqual({ params: { id: 16 }, query: { limit: 20, mine: true } })
    for (const url of ['/things/0x10', '/things/1e1', '/things/Infinity', '/things/-Infinity', '/things/NaN', '/things/%2B7', '/things/2147483648', '/things/1?limit=Infinity', '/things/1?limit=-Infinity', '/things/1?limit=1e309', '/things/1?limit=0x10', '/things/1?limit=%207']) {
      const res = await get(url)
      expect([url, res.statusCode]).toEqual([url, 400])
    }
    await a.close()
  })
})
