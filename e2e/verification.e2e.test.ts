/**
 * Residence verification end to end in the H5 build: an unverified resident asks to be bound to a
 * 楼组 and room, the 居民区's committee member sees the request (with the room) and approves it as
 * 居民代表, and the resident then sees themselves verified.
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

/** Tab pages stay in the DOM while hidden; act on what is on screen. */
const visible = (selector: string) => page.locator(`${selector} >> visible=true`)

async function shot(name: string) {
  await page.waitForTimeout(400) // let page transitions finish
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) })
}

async function loginAs(...match: string[]) {
  await visible('.choice').first().waitFor()
  let choice = visible('.choice')
  for (const m of match) choice = choice.filter({ hasText: m })
  await choice.first().click()
  await visible('.hello__name').waitFor()
}

async function logout() {
  await visible('.weui-tabbar__item').filter({ hasText: '我的' }).click()
  await visible('.btn').filter({ hasText: '退出登录' }).click()
  await page.locator('.taro-model__confirm').click()
  await page.getByText('选择演示账号').waitFor()
}

test('a resident asks, the committee approves as 居民代表, the resident is verified', async () => {
  await page.goto(server.url)
  await page.locator('#agree-privacy').click()

  // An unverified resident of the demo community: 首页 asks them to verify.
  await loginAs('居民 ·', '未认证')
  await visible('.btn').filter({ hasText: '去认证' }).click()

  // Pick 小区, then 楼组, type the room, submit.
  await visible('.choice').filter({ hasText: '梧桐新村' }).first().click()
  await visible('.tile').filter({ hasText: '2号楼' }).click()
  await visible('#room-field input').fill('')
  await visible('.btn').filter({ hasText: '提交认证' }).click()
  await visible('.field__error').filter({ hasText: '请填写房号' }).waitFor()
  await visible('#room-field input').fill('1808')
  await visible('.btn').filter({ hasText: '提交认证' }).click()
  await visible('.card__lead').filter({ hasText: '审核中' }).waitFor()
  await visible('.card__text').filter({ hasText: '梧桐新村 2号楼 1808 室' }).waitFor()
  await shot('verification-1-requested')

  // Back on 首页 the card says the same.
  await page.goBack()
  await page.getByText('我的申请').waitFor({ state: 'detached' })
  await visible('.badge').filter({ hasText: '审核中' }).waitFor()
  await logout()

  // The committee member of 梧桐居民区 sees the count on 首页 and the request with its room.
  await loginAs('居委会 · 梧桐')
  await visible('.stat__value').first().waitFor()
  await visible('.btn').filter({ hasText: '去审核' }).click()
  const request = visible('.card').filter({ hasText: '梧桐新村 2号楼' }).filter({ hasText: '1808' })
  await request.waitFor()
  await request.locator('taro-switch-core input').click()
  await shot('verification-2-review')
  await request.locator('.btn').filter({ hasText: /^通过$/ }).click()
  await request.waitFor({ state: 'detached' })

  await page.goBack()
  await page.locator('.segments').waitFor({ state: 'detached' })
  await logout()

  // The resident is now verified, as 居民代表.
  await loginAs('居民 ·', '未认证')
  await visible('.badge').filter({ hasText: '已认证' }).waitFor()
  await visible('.card__lead').filter({ hasText: '梧桐新村 2号楼 居民代表' }).waitFor()
  await shot('verification-3-verified')
})
