// A fake API behind Taro.request for rendering screens: routes by "METHOD /path" (query string left
// off), each answering a body (status 200) or [status, body]; every call is recorded. A jest spy:
// restored with the others after each test (see setUpScreen).
import Taro from '@tarojs/taro'

export interface Call {
  method: string
  path: string
  /** The query string's parameters, decoded. */
  query: Record<string, string>
  data: unknown
}
type Answer = unknown | [number, unknown]
export type Routes = Record<string, (call: Call) => Answer>

export function fakeServer(routes: Routes): { calls: Call[] } {
  const calls: Call[] = []
  jest.spyOn(Taro, 'request').mockImplementation(((opt: Taro.request.Option) => {
    const [path, search = ''] = opt.url.replace(/^https?:\/\/[^/]+/, '').split('?')
    const call: Call = { method: opt.method ?? 'GET', path, query: Object.fromEntries(new URLSearchParams(search)), data: opt.data }
    calls.push(call)
    const route = routes[`${call.method} ${call.path}`]
    if (!route) return Promise.resolve({ statusCode: 404, data: { error: { code: 'not_found', message: `没有 ${call.method} ${call.path}` } }, header: {}, errMsg: 'ok' })
    const answer = route(call)
    const [statusCode, data] = Array.isArray(answer) && answer.length === 2 && typeof answer[0] === 'number' ? answer : [200, answer]
    return Promise.resolve({ statusCode, data, header: {}, errMsg: 'ok' })
  }) as unknown as typeof Taro.request)
  return { calls }
}
