/**
 * Residence verification end to end in the H5 build: an unverified resident asks to be bound to a
 * 楼组 and room, the 居民区's committee member sees the request (with the room) and approves it as
 * 居民代表, and the resident then sees themselves verified.
 */
import { expect, journey, test } from './support/app'

journey('verification')

test('a resident asks, the committee approves as 居民代表, the resident is verified', async ({ app }) => {
  await app.launch()

  // An unverified resident of the demo community: 首页's residence card asks them to verify (the 议事
  // section below asks too, counting the topics that wait for them).
  await app.loginAs('居民 ·', '未认证')
  await app.tapTo(app.on('.card__action').filter({ hasText: '去认证' }))

  // Pick 小区, then 楼组, type the room, submit.
  await app.on('.choice').filter({ hasText: '梧桐新村' }).first().click()
  await app.on('.tile').filter({ hasText: '2号楼' }).click()
  await app.on('#room-field input').fill('')
  await app.on('.btn').filter({ hasText: '提交认证' }).click()
  await expect(app.on('.field__error').filter({ hasText: '请填写房号' })).toBeVisible()
  await app.on('#room-field input').fill('1808')
  await app.on('.btn').filter({ hasText: '提交认证' }).click()
  await expect(app.on('.card__lead').filter({ hasText: '审核中' })).toBeVisible()
  await expect(app.on('.card__text').filter({ hasText: '梧桐新村 2号楼 1808 室' })).toBeVisible()
  await app.shot('verification-1-requested')

  // Back on 首页 the card says the same.
  await app.goBack()
  await expect(app.page.getByText('我的申请')).toHaveCount(0)
  await expect(app.on('.badge').filter({ hasText: '审核中' })).toBeVisible()
  await app.logout()

  // The committee member of 梧桐居民区 sees the count on 首页 and the request with its room.
  await app.loginAs('居委会 · 梧桐')
  await expect(app.on('.stat__value').first()).toBeVisible()
  await app.tapTo(app.on('.btn').filter({ hasText: '去审核' }))
  const request = app.on('.card').filter({ hasText: '梧桐新村 2号楼' }).filter({ hasText: '1808' })
  await expect(request).toBeVisible()
  await request.locator('taro-switch-core input').click()
  await app.shot('verification-2-review')
  await request.locator('.btn').filter({ hasText: /^通过$/ }).click()
  await expect(request).toHaveCount(0)

  await app.goBack()
  await expect(app.page.locator('.segments')).toHaveCount(0)
  await app.logout()

  // The resident is now verified, as 居民代表.
  await app.loginAs('居民 ·', '未认证')
  await expect(app.on('.badge').filter({ hasText: '已认证' })).toBeVisible()
  await expect(app.on('.card__lead').filter({ hasText: '梧桐新村 2号楼 居民代表' })).toBeVisible()
  await app.shot('verification-3-verified')
})
