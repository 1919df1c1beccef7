/**
 * The H5 build in headless Chromium at phone size, against a real server with the demo community:
 * agree to the privacy notice, log in with a demo resident, see 首页 with the resident's label,
 * then turn on 大字模式 in 我的 and see it applied. Screenshots go to e2e/artifacts/.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, phonePage } from './support/browser'
import { startTestServer } from './support/server'

const ARTIFACTS = path.resolve(__dirname, 'artifacts')

let server: { url: string; close(): Promise<void> }
let browser: Browser
let page: Page

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  server = await startTestServer()
  browser = await launchBrowser()
  page = await phonePage(browser)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function shot(name: string) {
  await page.waitForTimeout(400) // let page transitions finish
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false })
}

/** Font size of an element in CSS pixels. */
async function fontSize(selector: string): Promise<number> {
  return page.locator(`${selector} >> visible=true`).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
}

test('privacy notice, demo login, home page, 大字模式', async () => {
  await page.goto(server.url)

  // First launch: the privacy notice comes before anything else.
  await page.getByText('同意并继续', { exact: true }).waitFor()
  await page.getByText('openid').first().waitFor()
  await shot('login-01-privacy')
  await page.locator('#agree-privacy').click()

  // The demo login screen lists the seeded accounts; pick a verified resident.
  await page.getByText('选择演示账号').waitFor()
  const residents = page.locator('.choice').filter({ hasText: '居民 ·' }).filter({ hasText: '已认证' })
  await residents.first().waitFor()
  const label = (await residents.first().locator('.choice__title').innerText()).trim()
  expect(label).toMatch(/居民/)
  await shot('login-02-login')
  await residents.first().click()

  // 首页 greets the resident by label and shows the sections with honest empty states.
  await page.locator('.hello__name').filter({ hasText: label }).waitFor()
  await page.getByText('进行中的议事', { exact: true }).waitFor()
  await page.getByText('已认证').first().waitFor()
  expect(await page.locator('.page--large').count()).toBe(0)
  const normalSize = await fontSize('.hello__text')
  await shot('login-03-home')

  // 我的 → 大字模式.
  await page.locator('.weui-tabbar__item').filter({ hasText: '我的' }).click()
  await page.getByText('大字模式').waitFor()
  await page.locator('.profile__name').filter({ hasText: label }).waitFor()
  await page.locator('taro-switch-core input').first().click()
  // Tab pages stay in the DOM when hidden: look at the visible one.
  await page.locator('.page--large .profile__name').filter({ hasText: label }).waitFor()
  await shot('login-04-mine-large')

  // The setting applies everywhere and is kept: back on 首页, text is bigger.
  await page.locator('.weui-tabbar__item').filter({ hasText: '首页' }).click()
  await page.locator('.page--large .hello__name').first().waitFor()
  const largeSize = await fontSize('.page--large .hello__text')
  expect(largeSize).toBeGreaterThanOrEqual(normalSize * 1.15)
  await shot('login-05-home-large')

  await page.reload()
  await page.locator('.page--large .hello__name').filter({ hasText: label }).waitFor()
})
