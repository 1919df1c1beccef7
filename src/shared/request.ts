import Taro from '@tarojs/taro'
import type { ApiError } from '@yishi/types'
import { apiBaseUrl } from './env'

// The one HTTP client of the app, over Taro.request.
// - base URL from the build (env.ts), bearer token from the session (see configureRequest);
// - a JSON error body {error:{code,message}} becomes an ApiRequestError and a toast with the
//   Chinese message; network failures toast "网络不给力，请稍后重试";
// - 401 clears the session and sends the user to the login page;
// - every write carries an Idempotency-Key made once per logical call; network failures (and
//   502/503/504 from a proxy) are retried up to 2 times with the same key, 4xx never.

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export const NETWORK_ERROR_MESSAGE = '网络不给力，请稍后重试'
export const SERVER_ERROR_MESSAGE = '服务暂时不可用，请稍后重试'
export const SESSION_EXPIRED_MESSAGE = '登录已过期，请重新登录'

export interface RequestOptions {
  method?: Method
  data?: unknown
  query?: Record<string, string | number | boolean | undefined | null>
  /** Do not show a toast on failure (the caller shows the error itself). */
  silent?: boolean
  /** Send no Authorization header (login calls). */
  anonymous?: boolean
  /** Use this key instead of generating one (e.g. to tie a user's repeated taps to one write). */
  idempotencyKey?: string
  /** Retries after the first attempt for network failures; default 2. */
  retries?: number
  /** Send `data` as it is (a file's bytes) with this content type instead of JSON. */
  contentType?: string
}

export class ApiRequestError extends Error {
  /** HTTP status; 0 for a network failure. */
  readonly status: number
  /** The API's error code ('network_error' when the request did not complete). */
  readonly code: string
  readonly field?: string
  readonly details?: unknown

  constructor(status: number, code: string, message: string, field?: string, details?: unknown) {
    super(message)
    this.name = 'ApiRequestError'
    this.status = status
    this.code = code
    this.field = field
    this.details = details
  }
}

interface Hooks {
  getToken(): string | null
  onUnauthorized(): void
}

let hooks: Hooks = {
  getToken: () => null,
  onUnauthorized: () => undefined,
}

/** The session module tells the client where the token is and what a 401 does. */
export function configureRequest(next: Partial<Hooks>): void {
  hooks = { ...hooks, ...next }
}

/** The signed-in user's Authorization header, for calls made outside request() (file uploads). */
export function authHeader(): Record<string, string> {
  const token = hooks.getToken()
  return token ? { Authorization: `Bearer ${token}` } : {}
}

/** Delay before retry n (1-based): 400 ms, then 1200 ms. Tests may shorten it. */
export let retryDelay = (attempt: number): number => 400 * Math.pow(3, attempt - 1)
export function setRetryDelay(fn: (attempt: number) => number): void {
  retryDelay = fn
}

/** A random RFC 4122 version 4 id; crypto.randomUUID is missing in the mini-program. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16)
  })
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  let url = apiBaseUrl + path
  if (query) {
    const parts = Object.keys(query)
      .filter((k) => query[k] !== undefined && query[k] !== null)
      .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(query[k]))}`)
    if (parts.length) url += (url.includes('?') ? '&' : '?') + parts.join('&')
  }
  return url
}

function isApiError(body: unknown): body is ApiError {
  const e = (body as ApiError | null)?.error
  return !!e && typeof e === 'object' && typeof e.message === 'string'
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

const RETRYABLE_STATUS = new Set([502, 503, 504])

export function showError(message: string): void {
  Taro.showToast({ title: message, icon: 'none', duration: 2500 })
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const isWrite = method !== 'GET'
  const header: Record<string, string> = { 'Content-Type': options.contentType ?? 'application/json' }
  const token = options.anonymous ? null : hooks.getToken()
  if (token) header.Authorization = `Bearer ${token}`
  // One key per logical call, shared by all of its attempts, so the server replays instead of redoing.
  if (isWrite) header['Idempotency-Key'] = options.idempotencyKey ?? newIdempotencyKey()
  const url = buildUrl(path, options.query)
  const maxRetries = options.retries ?? 2

  let failure: ApiRequestError
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) await sleep(retryDelay(attempt))
    let res: Taro.request.SuccessCallbackResult
    try {
      const params: Taro.request.Option = { url, method, header, dataType: 'json', timeout: 15000 }
      if (isWrite) params.data = options.data ?? {}
      res = await Taro.request(params)
    } catch {
      failure = new ApiRequestError(0, 'network_error', NETWORK_ERROR_MESSAGE)
      if (attempt < maxRetries) continue
      break
    }

    const status = res.statusCode
    const body = res.data
    if (status >= 200 && status < 300) return body as T

    if (RETRYABLE_STATUS.has(status) && attempt < maxRetries) continue

    if (isApiError(body)) {
      failure = new ApiRequestError(status, body.error.code, body.error.message, body.error.field, body.error.details)
    } else if (status >= 500) {
      failure = new ApiRequestError(status, 'server_error', SERVER_ERROR_MESSAGE)
    } else {
      failure = new ApiRequestError(status, 'http_' + status, `请求失败（${status}）`)
    }
    if (status === 401 && !options.anonymous) {
      failure = new ApiRequestError(401, failure.code, SESSION_EXPIRED_MESSAGE)
      hooks.onUnauthorized()
    }
    break
  }

  if (!options.silent) showError(failure.message)
  throw failure
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'data'>) => request<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, data?: unknown, options?: Omit<RequestOptions, 'method' | 'data'>) =>
    request<T>(path, { ...options, method: 'POST', data }),
  put: <T>(path: string, data?: unknown, options?: Omit<RequestOptions, 'method' | 'data'>) => request<T>(path, { ...options, method: 'PUT', data }),
  patch: <T>(path: string, data?: unknown, options?: Omit<RequestOptions, 'method' | 'data'>) =>
    request<T>(path, { ...options, method: 'PATCH', data }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'data'>) => request<T>(path, { ...options, method: 'DELETE' }),
}
