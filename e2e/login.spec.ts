/**
 * The H5 build in headless Chromium at phone size, against a real server with the demo community:
 * agree to the privacy notice, log in with a demo resident, see 首页 with the resident's label,
 * then turn on 大字模式 in 我的 and see it applied. Screenshots go to e2e/artifacts/.
 */
import { expect, journey, test, type App } from './support/app'

journey('login')

/** Font size of the element on screen in CSS pixels. */
function fontSize(app: App, selector: string): Promise<number> {
  return app
    .on(selector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
}

test('privacy notice, demo login, home page, 大字模式', async ({ app }) => {
  await app.load()

  // First launch: the privacy notice comes before anything else.
  await expect(app.screen.getByText('同意并继续', { exact: true })).toBeVisible()
  await expect(app.screen.getByText('openid').first()).toBeVisible()
  await app.shot('login-01-privacy')
  await app.on('#agree-privacy').click()

  // The demo login screen lists the seeded accounts; pick a verified resident.
  await expect(app.screen.getByText('选择演示账号')).toBeVisible()
  const residents = app.on('.choice').filter({ hasText: '居民 ·' }).filter({ hasText: '已认证' })
  await expect(residents.first()).toBeVisible()
  const label = (await residents.first().locator('.choice__title').innerText()).trim()
  expect(label).toMatch(/居民/)
  await app.shot('login-02-login')
  await residents.first().click()

  // 首页 greets the resident by label and shows the sections with honest empty states.
  await expect(app.on('.hello__name').filter({ hasText: label })).toBeVisible()
  await expect(app.screen.getByText('进行中的议事', { exact: true })).toBeVisible()
  await expect(app.screen.getByText('已认证').first()).toBeVisible()
  await expect(app.page.locator('.page--large')).toHaveCount(0)
  const normalSize = await fontSize(app, '.hello__text')
  await app.shot('login-03-home')

  // 我的 → 大字模式.
  await app.tab('我的')
  await expect(app.screen.getByText('大字模式')).toBeVisible()
  await expect(app.on('.profile__name').filter({ hasText: label })).toBeVisible()
  await app.on('taro-switch-core input').first().click()
  await expect(app.on('.page--large .profile__name').filter({ hasText: label })).toBeVisible()
  await app.shot('login-04-mine-large')

  // The setting applies everywhere and is kept: back on 首页, text is bigger.
  await app.tab('首页')
  await expect(app.on('.page--large .hello__name').first()).toBeVisible()
  await expect.poll(() => fontSize(app, '.page--large .hello__text')).toBeGreaterThanOrEqual(normalSize * 1.15)
  await app.shot('login-05-home-large')

  await app.reload()
  await expect(app.on('.page--large .hello__name').filter({ hasText: label })).toBeVisible()
})
