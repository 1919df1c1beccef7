import Taro from '@tarojs/taro'

// WeChat delivers a subscribe message only if the resident said yes to its template beforehand, once per
// message: the app asks at the moments news will follow (a proposal submitted or co-signed, a residence
// request, a post). A template the resident turned down is not asked for again (remembered per template).

const REFUSED_KEY = 'subscribe-refused'
/** WeChat asks about at most 3 templates at once. */
const MAX_PER_ASK = 3

/**
 * The template ids configured at build time (TARO_APP_SUBSCRIBE_TEMPLATES, config/index.ts): comma
 * separated, or the server's WECHAT_SUBSCRIBE_TEMPLATES JSON {kind: id} as it is.
 */
export function configuredTemplates(raw: string = typeof SUBSCRIBE_TEMPLATES === 'string' ? SUBSCRIBE_TEMPLATES : ''): string[] {
  let ids: string[] = raw.split(',')
  if (raw.trim().startsWith('{')) {
    try {
      ids = Object.values(JSON.parse(raw) as Record<string, string>)
    } catch {
      ids = []
    }
  }
  return [...new Set(ids.map((id) => String(id).trim()).filter(Boolean))]
}

function refusedTemplates(): string[] {
  try {
    const stored: unknown = Taro.getStorageSync(REFUSED_KEY)
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []
  } catch {
    return []
  }
}

/** Asks for the templates not yet refused; quietly nothing in H5 (no such API) or when none is configured. */
export async function askToSubscribe(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return
  const refused = refusedTemplates()
  const ids = configuredTemplates().filter((id) => !refused.includes(id)).slice(0, MAX_PER_ASK)
  if (ids.length === 0) return
  try {
    // Taro's typings demand entityIds (Alipay's) as well; WeChat takes tmplIds alone.
    const option = { tmplIds: ids } as Taro.requestSubscribeMessage.Option
    const answer = (await Taro.requestSubscribeMessage(option)) as unknown as Record<string, string>
    // 'reject': turned down; 'ban': banned by WeChat for this user; 'filter': the template cannot be asked.
    const no = ids.filter((id) => answer[id] === 'reject' || answer[id] === 'ban' || answer[id] === 'filter')
    if (no.length > 0) Taro.setStorageSync(REFUSED_KEY, [...refused, ...no])
  } catch {
    // Closed the dialog, or subscriptions are switched off: in-app 消息 still tells them.
  }
}
