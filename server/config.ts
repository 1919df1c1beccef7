import path from 'node:path'
import { DEFAULT_LIMITS, type Limit, type LimitName } from './core/rate-limit'
import type { WechatConfig } from './core/wechat'
import type { S3Settings } from './media'

export type AuthMode = 'dev' | 'wechat'

export interface Config {
  port: number
  host: string
  /** postgres://… when set; otherwise the embedded SQLite file under dataDir. */
  databaseUrl: string | null
  dataDir: string
  redisUrl: string | null
  authMode: AuthMode
  wechat: WechatConfig
  /** Directory of the built H5 app to serve at /, if any. */
  staticDir: string | null
  sessionDays: number
  bodyLimitBytes: number
  /** Seed the demo community into an empty database. */
  seedDemo: boolean
  logLevel: string
  limits: Record<LimitName, Limit>
  /**
   * Which X-Forwarded-For hops to believe for the client address (rate limits are keyed by it): false
   * (the default) believes none; a list believes those proxies' addresses or CIDRs (the safe choice); a
   * hop count believes the nearest n hops whoever sent them, so only when nothing but the proxy can reach
   * the server. Never "all": a client could then name any address it likes and escape its limit.
   */
  trustProxy: false | number | string[]
  /** The server's address as WeChat and residents' links reach it (invitation links, images WeChat checks). */
  publicUrl: string
  /** Uploaded files on local disk, unless a bucket is configured. */
  mediaDir: string
  s3: S3Settings | null
  /** The token of WeChat's message push (开发管理 → 消息推送), which signs the content check's verdicts. */
  wechatPushToken: string
  /** Signs photo addresses for the app (server/media/signing.ts); unset, each process makes its own. */
  mediaUrlSecret: string
  /** Processes serving on the one port (WORKERS, node:cluster); 1 serves from the main process itself. */
  workers: number
  /** Days the record of each subscribe message sent is kept (PUSH_LOG_DAYS); the hourly sweep removes older ones. */
  pushLogDays: number
}

/** TRUST_PROXY: unset/0 → off, a hop count like `1`, or a comma list of proxy addresses/CIDRs. */
function parseTrustProxy(raw: string | undefined): Config['trustProxy'] {
  const value = raw?.trim() ?? ''
  if (value === '' || value === '0') return false
  if (/^\d+$/.test(value)) return Number(value)
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const root = path.resolve(__dirname, '..')
  const authMode = env.AUTH_MODE === 'dev' ? 'dev' : 'wechat'
  const dataDir = path.resolve(env.DATA_DIR ?? path.join(root, 'data'))
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    dataDir,
    redisUrl: env.REDIS_URL || null,
    authMode,
    wechat: {
      appId: env.WECHAT_APPID ?? '',
      secret: env.WECHAT_SECRET ?? '',
      baseUrl: env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com',
    },
    staticDir: env.STATIC_DIR === '' ? null : path.resolve(env.STATIC_DIR ?? path.join(root, 'dist/h5')),
    sessionDays: Number(env.SESSION_DAYS ?? 30),
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 256 * 1024),
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO !== '0' : authMode === 'dev',
    logLevel: env.LOG_LEVEL ?? 'info',
    limits: {
      login: { ...DEFAULT_LIMITS.login, max: Number(env.LOGIN_RATE_LIMIT ?? DEFAULT_LIMITS.login.max) },
      write: { ...DEFAULT_LIMITS.write, max: Number(env.WRITE_RATE_LIMIT ?? DEFAULT_LIMITS.write.max) },
      post: { ...DEFAULT_LIMITS.post, max: Number(env.POST_RATE_LIMIT ?? DEFAULT_LIMITS.post.max) },
      proposal: { ...DEFAULT_LIMITS.proposal, max: Number(env.PROPOSAL_RATE_LIMIT ?? DEFAULT_LIMITS.proposal.max) },
      invitation: { ...DEFAULT_LIMITS.invitation, max: Number(env.INVITATION_RATE_LIMIT ?? DEFAULT_LIMITS.invitation.max) },
      export: { ...DEFAULT_LIMITS.export, max: Number(env.EXPORT_RATE_LIMIT ?? DEFAULT_LIMITS.export.max) },
    },
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    publicUrl: env.PUBLIC_URL || 'http://localhost:8080',
    mediaDir: path.join(dataDir, 'media'),
    s3: env.S3_BUCKET
      ? {
          endpoint: env.S3_ENDPOINT || null,
          bucket: env.S3_BUCKET,
          region: env.S3_REGION || 'ap-shanghai',
          accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
          secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
        }
      : null,
    wechatPushToken: env.WECHAT_PUSH_TOKEN ?? '',
    mediaUrlSecret: env.MEDIA_URL_SECRET ?? '',
    workers: Math.max(1, Math.floor(Number(env.WORKERS ?? 1)) || 1),
    pushLogDays: Number(env.PUSH_LOG_DAYS ?? 90),
  }
}
