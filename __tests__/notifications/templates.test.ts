import { outcomeOf, templatesFromEnv, wechatSubscribeMessages } from '../../server/notifications/push'

const config = { appId: 'wx-test', secret: 's', baseUrl: 'http://127.0.0.1:9' }

describe('subscribe-message templates from the environment', () => {
  it('takes a template per kind, falling back to the single one', () => {
    const t = templatesFromEnv({ WECHAT_SUBSCRIBE_TEMPLATE: 'TPL', WECHAT_SUBSCRIBE_TEMPLATES: '{"post.reply":"TPL-REPLY"}' })
    const sender = wechatSubscribeMessages(config, t!)
    expect(sender.templateFor('post.reply')).toBe('TPL-REPLY')
    expect(sender.templateFor('proposal.transition')).toBe('TPL')
  })

  it('leaves a kind without a template in-app only, and nothing configured means no sender', () => {
    const sender = wechatSubscribeMessages(config, templatesFromEnv({ WECHAT_SUBSCRIBE_TEMPLATES: '{"post.reply":"TPL-REPLY"}' })!)
    expect(sender.templateFor('proposal.transition')).toBeNull()
    expect(templatesFromEnv({})).toBeNull()
  })

  it('refuses to start on a malformed map', () => {
    for (const bad of ['not json', '["TPL"]', '{"post.reply":3}']) expect(() => templatesFromEnv({ WECHAT_SUBSCRIBE_TEMPLATES: bad })).toThrow(/WECHAT_SUBSCRIBE_TEMPLATES/)
  })
})

describe('what a send leaves in the record', () => {
  const now = new Date('2025-03-03T02:00:00.000Z')
  it('sent, not subscribed (never retried), refused or unanswered (retried with growing waits, then given up)', () => {
    expect(outcomeOf({ errcode: 0 }, 1, now)).toEqual({ status: 'sent', errcode: 0, next_attempt_at: null })
    expect(outcomeOf({ errcode: 43101 }, 1, now)).toEqual({ status: 'unsubscribed', errcode: 43101, next_attempt_at: null })
    expect(outcomeOf({ errcode: 45009 }, 1, now)).toEqual({ status: 'refused', errcode: 45009, next_attempt_at: '2025-03-03T02:10:00.000Z' })
    expect(outcomeOf(null, 2, now)).toEqual({ status: 'failed', errcode: null, next_attempt_at: '2025-03-03T03:00:00.000Z' })
    expect(outcomeOf({ errcode: 45009 }, 3, now)).toEqual({ status: 'refused', errcode: 45009, next_attempt_at: null })
  })
})
