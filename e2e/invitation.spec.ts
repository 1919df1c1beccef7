/**
 * Inviting a 居委会 member in the H5 build: the 街道 admin, in 我的 → 工作人员与邀请, invites a 居委会 member
 * of 梧桐居民区 and reads the code shown once; a resident types it (lower case, with a space) in 我的 →
 * 输入邀请码, sees the role taken and then the committee's tools on 首页; the admin sees them listed.
 */
import { expect, journey, test } from './support/app'

journey('invitation')

test('the admin invites a 居委会 member; the resident enters the code and gets the committee tools', async ({ app }) => {
  await app.launch()
  await app.loginAs('街道工作人员')
  await app.tab('我的')
  await app.tapTo(app.on('.list-row').filter({ hasText: '工作人员与邀请' }))

  await app.on('.btn').filter({ hasText: '邀请新成员' }).click()
  const form = app.on('.invite-form')
  await form.locator('.tile').filter({ hasText: /^居委会$/ }).click()
  await form.locator('.tile').filter({ hasText: '梧桐居民区' }).click()
  await form.locator('.btn').filter({ hasText: '生成邀请码' }).click()
  const created = app.on('.invite-created')
  await expect(created).toContainText('邀请 居委会 · 梧桐居民区')
  const code = (await created.locator('.setup-code').textContent())!.trim()
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
  await app.shot('invitation-1-code')
  await created.locator('.btn').filter({ hasText: '完成' }).click()
  await expect(app.on('.invitations')).toContainText('待使用')

  // Someone else's phone: a resident types the code as they heard it.
  await app.switchUser('居民 ·', '已认证')
  await expect(app.on('.card').filter({ hasText: '居委会工作台' })).toHaveCount(0)
  await app.tab('我的')
  await app.tapTo(app.on('.list-row').filter({ hasText: '输入邀请码' }))
  await app.on('.invite-code input').fill(code.toLowerCase().replace('-', ' '))
  await app.on('.btn').filter({ hasText: '接受邀请' }).click()
  await expect(app.on('.invite-done')).toContainText('居委会 · 梧桐居民区')
  await app.shot('invitation-2-accepted')
  await app.moveBy(() => app.on('.btn').filter({ hasText: '居委会工作台' }).click())
  await expect(app.on('.card').filter({ hasText: '居委会工作台' })).toBeVisible()
  await expect(app.on('.btn').filter({ hasText: '去审核' })).toBeVisible()
})
