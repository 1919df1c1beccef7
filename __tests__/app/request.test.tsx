/**
 * The request client over Taro.request (mocked): errors become toasts with the server's Chinese
 * message, writes keep one Idempotency-Key across retries, 4xx is never retried, 401 signs out.
 */
import './taro-h5'
import Taro from '@tarojs/taro'
import {
  ApiRequestError,
  configureRequest,
  NETWORK_ERROR_MESSAGE,
  request,
  setRetryDelay,
} from '@/shared/request'
import { installSessionHooks, useSession } from '@/accounts/session'

type Call = { url: string; method?: string; header: Record<string, string>; data?: unknown }

let requestMock: jest.SpyInstance
let toastMock: jest.SpyInstance
let reLaunchMock: jest.SpyInstance

function calls(): Call[] {
  return requestMock.mock.calls.map((c) => c[0] as Call)
}

function reply(statusCode: number, data: unknown) {
  return Promise.resolve({ statusCode, data, header: {}, errMsg: 'request:ok' })
}

function networkFailure() {
  return Promise.reject(Object.assign(new Error('Failed to fetch'), { errMsg: 'request:fail' }))
}

beforeEach(() => {
  jest.restoreAllMocks()
  setRetryDelay(() => 0)
  requestMock = jest.spyOn(Taro, 'request')
  toastMock = jest.spyOn(Taro, 'showToast').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
  reLaunchMock = jest.spyOn(Taro, 'reLaunch').mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
  configureRequest({ getToken: () => 'tok-123', onUnauthorized: () => undefined })
})

test('a successful GET returns the body and sends the bearer token but no idempotency key', async () => {
  requestMock.mockImplementationOnce(() => reply(200, { ok: true, database: 'up', dialect: 'sqlite' }))
  await expect(request('/api/health', { query: { a: 1, b: undefined } })).resolves.toEqual({
    ok: true,
    database: 'up',
    dialect: 'sqlite',
  })
  const [call] = calls()
  expect(call.url).toBe('/api/health?a=1')
  expect(call.method).toBe('GET')
  expect(call.header.Authorization).toBe('Bearer tok-123')
  expect(call.header['Idempotency-Key']).toBeUndefined()
  expect(toastMock).not.toHaveBeenCalled()
})

test('an error body becomes a toast with its Chinese message and a typed error', async () => {
  requestMock.mockImplementationOnce(() =>
    reply(400, { error: { code: 'invalid_room', message: '房号格式不对', field: 'room' } }),
  )
  const err = await request('/api/me/residence', { method: 'POST', data: { buildingId: 1, room: '' } }).catch((e) => e)
  expect(err).toBeInstanceOf(ApiRequestError)
  expect(err).toMatchObject({ status: 400, code: 'invalid_room', field: 'room', message: '房号格式不对' })
  expect(toastMock).toHaveBeenCalledTimes(1)
  expect(toastMock.mock.calls[0][0]).toMatchObject({ title: '房号格式不对', icon: 'none' })
})

test('a 4xx on a write is never retried', async () => {
  requestMock.mockImplementation(() => reply(409, { error: { code: 'conflict', message: '已经提交过了' } }))
  await expect(request('/api/x', { method: 'POST', data: {} })).rejects.toMatchObject({ status: 409 })
  expect(requestMock).toHaveBeenCalledTimes(1)
})

test('a write retried after network failures reuses the same Idempotency-Key', async () => {
  requestMock
    .mockImplementationOnce(networkFailure)
    .mockImplementationOnce(networkFailure)
    .mockImplementationOnce(() => reply(200, { id: 7, status: 'pending' }))
  await expect(request('/api/me/residence', { method: 'POST', data: { buildingId: 3, room: '302' } })).resolves.toEqual({
    id: 7,
    status: 'pending',
  })
  expect(requestMock).toHaveBeenCalledTimes(3)
  const keys = calls().map((c) => c.header['Idempotency-Key'])
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
  expect(new Set(keys).size).toBe(1)
  expect(calls().every((c) => JSON.stringify(c.data) === JSON.stringify({ buildingId: 3, room: '302' }))).toBe(true)
  expect(toastMock).not.toHaveBeenCalled()
})

test('two separate writes get different keys', async () => {
  requestMock.mockImplementation(() => reply(200, {}))
  await request('/api/a', { method: 'POST' })
  await request('/api/a', { method: 'POST' })
  const [a, b] = calls().map((c) => c.header['Idempotency-Key'])
  expect(a).toBeTruthy()
  expect(a).not.toBe(b)
})

test('after 2 retries a network failure gives up with "网络不给力，请稍后重试"', async () => {
  requestMock.mockImplementation(networkFailure)
  await expect(request('/api/me/privacy', { method: 'POST' })).rejects.toMatchObject({ status: 0, code: 'network_error' })
  expect(requestMock).toHaveBeenCalledTimes(3)
  expect(toastMock).toHaveBeenCalledTimes(1)
  expect(toastMock.mock.calls[0][0]).toMatchObject({ title: NETWORK_ERROR_MESSAGE, icon: 'none' })
})

test('a 503 from a proxy is retried with the same key; a 500 is not', async () => {
  requestMock.mockImplementationOnce(() => reply(503, null)).mockImplementationOnce(() => reply(200, { ok: true }))
  await expect(request('/api/a', { method: 'POST' })).resolves.toEqual({ ok: true })
  const keys = calls().map((c) => c.header['Idempotency-Key'])
  expect(keys[0]).toBe(keys[1])

  requestMock.mockReset()
  requestMock.mockImplementation(() => reply(500, { error: { code: 'internal', message: '服务器出错了' } }))
  await expect(request('/api/a', { method: 'POST' })).rejects.toMatchObject({ status: 500, message: '服务器出错了' })
  expect(requestMock).toHaveBeenCalledTimes(1)
})

test('silent requests throw without a toast', async () => {
  requestMock.mockImplementationOnce(() => reply(403, { error: { code: 'dev_login_disabled', message: '演示登录未开启' } }))
  await expect(request('/api/auth/dev-users', { silent: true })).rejects.toMatchObject({ code: 'dev_login_disabled' })
  expect(toastMock).not.toHaveBeenCalled()
})

test('401 clears the session and goes to the login page', async () => {
  installSessionHooks()
  useSession.setState({
    token: 'old',
    expiresAt: '2999-01-01T00:00:00Z',
    me: { id: 1, label: '3号楼居民', roles: [], residence: null, verified: false, privacyAcceptedAt: null },
  })
  requestMock.mockImplementationOnce(() => reply(401, { error: { code: 'unauthorized', message: '请先登录' } }))
  await expect(request('/api/me')).rejects.toMatchObject({ status: 401 })
  expect(calls()[0].header.Authorization).toBe('Bearer old')
  expect(useSession.getState().token).toBeNull()
  expect(useSession.getState().me).toBeNull()
  expect(reLaunchMock).toHaveBeenCalledWith({ url: '/pages/login/index' })
  expect(toastMock.mock.calls[0][0].title).toBe('登录已过期，请重新登录')
})

test('anonymous calls (login) send no token', async () => {
  requestMock.mockImplementationOnce(() => reply(200, { token: 't', expiresAt: '', user: {} }))
  await request('/api/auth/dev-login', { method: 'POST', data: { userId: 1 }, anonymous: true })
  expect(calls()[0].header.Authorization).toBeUndefined()
  expect(calls()[0].header['Idempotency-Key']).toBeTruthy()
})
