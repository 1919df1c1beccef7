import { createHash } from 'node:crypto'
import { screeningFor, sniff, statusForSuggest } from '../../server/media/rules'
import { isWechatPush, pushSignature } from '../../server/media/wechat-check'

const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))))

describe('media rules', () => {
  it('tells the type by the magic numbers alone', () => {
    expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0], 'rest'))).toEqual({ kind: 'image', format: 'jpeg' })
    expect(sniff(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toEqual({ kind: 'image', format: 'png' })
    expect(sniff(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toEqual({ kind: 'image', format: 'webp' })
    expect(sniff(bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]))).toEqual({ kind: 'image', format: 'heic' })
    expect(sniff(bytes('%PDF-1.7\n'))).toEqual({ kind: 'pdf' })
    expect(sniff(bytes('GIF89a'))).toBeNull()
    expect(sniff(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull()
    expect(sniff(bytes('RIFF', [1, 2, 3, 4], 'WAVE'))).toBeNull()
    expect(sniff(bytes([0xff, 0xd8]))).toBeNull()
  })

  it('screens images with WeChat, a resident’s PDF with the committee, and passes everything in dev mode', () => {
    expect(screeningFor('image', { wechat: false, staff: false })).toBe('pass')
    expect(screeningFor('pdf', { wechat: false, staff: false })).toBe('pass')
    expect(screeningFor('image', { wechat: true, staff: true })).toBe('check')
    expect(screeningFor('pdf', { wechat: true, staff: false })).toBe('committee')
    expect(screeningFor('pdf', { wechat: true, staff: true })).toBe('pass')
  })

  it('publishes on pass, rejects on risky, leaves review to the committee', () => {
    expect(statusForSuggest('pass')).toBe('visible')
    expect(statusForSuggest('risky')).toBe('rejected')
    expect(statusForSuggest('review')).toBeNull()
    expect(statusForSuggest(undefined)).toBeNull()
  })

  it('checks the push signature as WeChat makes it (sha1 of token, timestamp, nonce sorted)', () => {
    // sha1('1700000000abcpush-token'), the three sorted as strings
    expect(pushSignature('push-token', '1700000000', 'abc')).toBe(createHash('sha1').update('1700000000abcpush-token').digest('hex'))
    const signature = pushSignature('push-token', '1700000000', 'abc')
    expect(isWechatPush('push-token', { signature, timestamp: '1700000000', nonce: 'abc' })).toBe(true)
    expect(isWechatPush('push-token', { signature, timestamp: '1700000001', nonce: 'abc' })).toBe(false)
    expect(isWechatPush('push-token', { timestamp: '1700000000', nonce: 'abc' })).toBe(false)
    expect(isWechatPush('', { signature: pushSignature('', '1', '2'), timestamp: '1', nonce: '2' })).toBe(false)
  })
})
