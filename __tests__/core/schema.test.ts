import Fastify from 'fastify'
import { Type } from '@sinclair/typebox'
import { decodeCursor, encodeCursor, isId } from '../../server/core/cursor'
import { installErrorHandling } from '../../server/core/errors'
import { Id, Text } from '../../server/core/schema'

// The shared schema pieces, checked through Fastify's own validator as the routes use them.
async function echo() {
  const app = Fastify()
  installErrorHandling(app)
  app.post('/echo/:id', { schema: { params: Type.Object({ id: Id }), body: Type.Object({ text: Text({ maxLength: 10 }) }) } }, async (req) => req.body)
  await app.ready()
  return app
}

describe('shared request schemas', () => {
  it('bounds ids to what PostgreSQL can hold', async () => {
    const app = await echo()
    const send = (id: string) => app.inject({ method: 'POST', url: `/echo/${id}`, payload: { text: 'x' } })
    expect((await send('2147483647')).statusCode).toBe(200)
    for (const bad of ['2147483648', '3000000000', '0', '-1']) expect((await send(bad)).statusCode).toBe(400)
    await app.close()
  })

  it('refuses control characters and lone surrogates, and keeps emoji, newlines and tabs', async () => {
    const app = await echo()
    const send = (text: string) => app.inject({ method: 'POST', url: '/echo/1', payload: JSON.stringify({ text }), headers: { 'content-type': 'application/json' } })
    for (const ok of ['楼道堆物\n第二行', '\t缩进', '好👍']) expect((await send(ok)).statusCode).toBe(200)
    for (const bad of ['a\u0000b', 'bell\u0007', '\u001b[31m', 'x\ud800', '\udc00y']) {
      const res = await send(bad)
      expect(res.statusCode).toBe(400)
      expect(res.json().error.field).toBe('text')
    }
    await app.close()
  })
})

describe('paging cursors', () => {
  const readId = ([tag, id]: unknown[]) => (tag === 't' && isId(id) ? id : null)

  it('reads back what it wrote', () => {
    expect(decodeCursor(encodeCursor(['t', 42]), readId)).toBe(42)
  })

  it('answers anything else with one readable 400', () => {
    for (const raw of ['', 'not-a-cursor', encodeCursor(['t', 0]), encodeCursor(['x', 1]), Buffer.from('{"id":1}').toString('base64url')]) {
      expect(() => decodeCursor(raw, readId)).toThrow('翻页位置无效，请刷新后重试')
    }
  })
})
