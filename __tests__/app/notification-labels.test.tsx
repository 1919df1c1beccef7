/** 消息 names each kind of news in words, and opens the page it is about. */
import { notificationKindName, notificationTarget } from '@/notifications/labels'

test('names a residence review and a reply in words, and opens where they point', () => {
  expect(notificationKindName('residence.approved')).toBe('认证通过')
  expect(notificationKindName('residence.rejected')).toBe('认证未通过')
  expect(notificationKindName('post.reply')).toBe('有人回复')
  expect(notificationKindName('proposal.escalated')).toBe('超期上报街镇')
  expect(notificationKindName('something.new')).toBe('消息')
  expect(notificationTarget({ targetType: 'residence', targetId: 4 })).toBe('/pages/residence/index')
  expect(notificationTarget({ targetType: 'post', targetId: 12 })).toBe('/pages/hall/thread?id=12')
})
