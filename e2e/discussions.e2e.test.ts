/**
 * 议事厅 end to end in the H5 build. The 梧桐 committee opens a topic (UI); a neighbour posts (API);
 * a 居民代表 takes a stance, posts and replies to the neighbour (UI); three residents report the
 * representative's post (the first through the UI, two more with their own tokens), which hides it
 * automatically; the committee finds it at the top of the queue (UI) and restores it (UI); the
 * representative sees it back. Screenshots of the hall, topic, composer and queue, normal and 大字模式.
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

/** Pages stay in the DOM while hidden (tabs, and pages under the one on top): act on what is on screen. */
const visible = (selector: string) => page.locator(`${selector} >> visible=true`)

async function shot(name: string) {
  await page.waitForTimeout(500) // let page transitions and toasts settle
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) })
}

// ---- the API, as other residents' phones would call it ---------------------------------------

async function call<T>(method: string, url: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(server.url + url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(method !== 'GET' ? { 'idempotency-key': `e2e-${Math.random().toString(36).slice(2)}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await res.json()) as T
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(json)}`)
  return json
}

/** Tokens of every demo user with exactly this description, in the login page's order. */
async function tokensOf(description: string): Promise<string[]> {
  const { users } = await call<{ users: { id: number; description: string }[] }>('GET', '/api/auth/dev-users')
  const out: string[] = []
  for (const u of users.filter((x) => x.description === description)) {
    out.push((await call<{ token: string }>('POST', '/api/auth/dev-login', undefined, { userId: u.id })).token)
  }
  return out
}

// ---- the app --------------------------------------------------------------------------------

async function loginAs(...match: string[]) {
  await visible('.choice').first().waitFor()
  let choice = visible('.choice')
  for (const m of match) choice = choice.filter({ hasText: m })
  await choice.first().click()
  await visible('.hello__name').waitFor()
}

/** Sign out by forgetting the session (as if on another phone), then sign in as someone else. */
async function switchUser(...match: string[]) {
  await page.evaluate(() => localStorage.removeItem('yishi.session'))
  await page.goto(server.url + '/')
  await page.reload()
  await page.getByText('选择演示账号').waitFor()
  await loginAs(...match)
}

async function tab(name: string) {
  await visible('.weui-tabbar__item').filter({ hasText: name }).click()
  // Taro's H5 router shows the tab page after its transition; acting earlier hits a page still hidden.
  await page.waitForTimeout(400)
}

async function confirmModal() {
  await page.locator('.taro-model__confirm >> visible=true').click()
}

async function setLargeText(on: boolean) {
  await tab('我的')
  await visible('.profile__name').waitFor()
  const large = (await page.locator('.page--large .profile__name >> visible=true').count()) > 0
  if (large !== on) await visible('taro-switch-core input').first().click()
  await visible(on ? '.page--large .profile__name' : '.page--normal .profile__name').waitFor()
  await tab('首页')
}

const QUESTION = '梧桐新村是否在3号楼北侧增设电动自行车充电棚'
const NEIGHBOUR = '我支持建充电棚，现在楼道里充电太危险了，去年隔壁小区就着过火。'
const MINE = '我也支持。建议棚子离窗户远一点，晚上10点后断电。有事可以打我电话13812345678商量。'
const REPLY = '同意您说的安全问题，充电棚最好装上监控。'
const EDIT = '费用可以按户分摊。'

test('post and reply, three reports hide the post, the committee restores it from the queue', async () => {
  await page.goto(server.url)
  await page.locator('#agree-privacy').click()

  // ---- the committee opens a topic for 梧桐新村 -------------------------------------------
  await loginAs('居委会 · 梧桐')
  await tab('议事厅')
  await visible('.btn').filter({ hasText: '发起新议题' }).click()
  await visible('.choice').filter({ hasText: '梧桐新村' }).click()
  await visible('#topic-question input').fill(QUESTION)
  await visible('#topic-background textarea').fill('不少居民把电动自行车推进楼道充电，消防隐患大。居委会想听听大家的意见：建不建、建在哪、怎么管。')
  await visible('.btn').filter({ hasText: /^发起议题$/ }).click()
  await confirmModal()
  await visible('.topic-head__question').filter({ hasText: QUESTION }).waitFor()
  const topicId = Number(new URL(page.url().replace('#', '')).searchParams.get('id'))
  expect(topicId).toBeGreaterThan(0)

  // A neighbour in 1号楼 speaks first (from their own phone).
  const [neighbour] = await tokensOf('居民 · 梧桐新村1号楼（已认证）')
  await call('POST', `/api/topics/${topicId}/posts`, neighbour, { body: NEIGHBOUR, stance: 'support' })

  // ---- the 居民代表 of 3号楼: 首页 shows the topic; stance, post, reply -----------------------
  await switchUser('居民代表 · 梧桐新村3号楼')
  const homeCard = visible('.topic-card').filter({ hasText: QUESTION })
  await homeCard.waitFor()
  await shot('discussions-01-home')
  await homeCard.click()
  await visible('.topic-head__question').filter({ hasText: QUESTION }).waitFor()
  await visible('.post').filter({ hasText: NEIGHBOUR }).waitFor()

  await visible('.stance-picker__option').filter({ hasText: '支持' }).click()
  await visible('.stance-picker__option--on').filter({ hasText: '支持' }).waitFor()
  // While Taro's page transition runs, the 首页 card and the topic page both show a stance bar: wait for
  // the count on any of them rather than demand exactly one.
  await visible('.stance-bar__text').filter({ hasText: '支持 2' }).first().waitFor()

  await visible('.btn').filter({ hasText: '发表我的意见' }).click()
  await visible('#compose-body textarea').fill(MINE)
  await visible('.composer__count').filter({ hasText: `${Array.from(MINE).length} / 1000 字` }).waitFor()
  await shot('discussions-03-composer')
  await visible('.btn').filter({ hasText: /^发布$/ }).click()
  const minePost = visible('.post').filter({ hasText: MINE })
  await minePost.waitFor()
  // The author reads the original; the edit window counts down on the post.
  await minePost.locator('.post__action-note').filter({ hasText: /还可修改 \d+ 分钟/ }).waitFor()

  await visible('.post').filter({ hasText: NEIGHBOUR }).locator('.post__action').filter({ hasText: '回复' }).click()
  await visible('.composer__quote').filter({ hasText: NEIGHBOUR }).waitFor()
  await visible('#compose-body textarea').fill(REPLY)
  await visible('.btn').filter({ hasText: '发布回复' }).click()
  await visible('.post__replies .post').filter({ hasText: REPLY }).waitFor()

  // Within its 10 minutes the author may still change it.
  await visible('.post__replies .post').filter({ hasText: REPLY }).locator('.post__action').filter({ hasText: '修改' }).click()
  await visible('.hint').filter({ hasText: /还可修改 \d+ 分钟/ }).waitFor()
  await visible('#compose-body textarea').fill(REPLY + EDIT)
  await visible('.btn').filter({ hasText: '保存修改' }).click()
  await visible('.post__replies .post').filter({ hasText: EDIT }).filter({ hasText: '已修改' }).waitFor()

  await visible('.topic-head').scrollIntoViewIfNeeded()
  await shot('discussions-02-topic')
  await visible('.post').filter({ hasText: NEIGHBOUR }).first().evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await shot('discussions-02-topic-posts')

  await page.goBack()
  await tab('议事厅')
  await visible('.topic-card').filter({ hasText: QUESTION }).filter({ hasText: '2 人参与' }).waitFor()
  await shot('discussions-04-hall')

  // ---- three residents report the post -----------------------------------------------------
  const reporters = await tokensOf('居民 · 梧桐新村3号楼（已认证）')
  expect(reporters.length).toBeGreaterThanOrEqual(3)

  // The first from the app: other residents see the phone number masked.
  await switchUser('居民 · 梧桐新村3号楼（已认证）')
  await tab('议事厅')
  await visible('.topic-card').filter({ hasText: QUESTION }).click()
  const masked = visible('.post').filter({ hasText: '138****5678' })
  await masked.waitFor()
  expect(await visible('.post').filter({ hasText: '13812345678' }).count()).toBe(0)
  await masked.locator('.post__action').filter({ hasText: '举报' }).click()
  await masked.locator('.reason-tile').filter({ hasText: '人身攻击' }).click()
  await masked.locator('.btn').filter({ hasText: '确认举报' }).click()
  await masked.locator('.post__likes').filter({ hasText: '已举报' }).waitFor()

  // Two more from their own phones; the third report hides the post automatically.
  const page1 = await call<{ items: { id: number; body: string }[] }>('GET', `/api/topics/${topicId}/posts`, reporters[1])
  const postId = page1.items.find((p) => p.body.includes('晚上10点后断电'))!.id
  const second = await call<{ autoHidden: boolean }>('POST', `/api/posts/${postId}/reports`, reporters[1], { reason: 'attack' })
  expect(second.autoHidden).toBe(false)
  const third = await call<{ autoHidden: boolean }>('POST', `/api/posts/${postId}/reports`, reporters[2], { reason: 'misinfo' })
  expect(third.autoHidden).toBe(true)

  // Residents now read the placeholder.
  await page.reload()
  await visible('.post__placeholder').filter({ hasText: '该内容已被隐藏' }).waitFor()

  // ---- the committee: the hidden post is first in the queue; restore it --------------------
  await switchUser('居委会 · 梧桐')
  await visible('.btn').filter({ hasText: '处理议事厅' }).click()
  const item = visible('.queue-item').filter({ hasText: MINE })
  await item.waitFor()
  await item.locator('.badge').filter({ hasText: '多人举报，已自动隐藏' }).waitFor()
  await item.locator('.badge').filter({ hasText: '人身攻击 2' }).waitFor()
  expect(await visible('.queue-item').first().textContent()).toContain(MINE)
  await shot('discussions-05-queue')

  // The same queue in 大字模式.
  await page.goBack()
  await setLargeText(true)
  await visible('.btn').filter({ hasText: '处理议事厅' }).click()
  await visible('.page--large .queue-item').filter({ hasText: MINE }).waitFor()
  await shot('discussions-06-queue-large')

  const restoring = visible('.queue-item').filter({ hasText: MINE })
  await restoring.locator('.post__action').filter({ hasText: '恢复' }).click()
  await confirmModal()
  await restoring.waitFor({ state: 'detached' })
  await visible('.empty__title').filter({ hasText: '没有等待处理的内容' }).waitFor()

  // The log records the automatic hiding and the restore; the topic's own page for the committee.
  await visible('.btn').filter({ hasText: '审核日志' }).click()
  await visible('.log-entry__action').filter({ hasText: '恢复发言' }).waitFor()
  await visible('.log-entry__action').filter({ hasText: '多人举报自动隐藏' }).waitFor()
  await shot('discussions-11-log-large')
  await page.goBack()
  await visible('.segment').filter({ hasText: '最新发言' }).click()
  await visible('.queue-item__topic').filter({ hasText: QUESTION }).first().click()
  await visible('.btn').filter({ hasText: '形成议事纪要' }).waitFor()
  await shot('discussions-12-manage-large')

  // ---- the 居民代表 sees the post back (and the hall, topic, composer in 大字模式) ---------
  await switchUser('居民代表 · 梧桐新村3号楼')
  await tab('议事厅')
  await visible('.page--large .topic-card').filter({ hasText: QUESTION }).waitFor()
  await shot('discussions-07-hall-large')
  await visible('.topic-card').filter({ hasText: QUESTION }).click()
  await visible('.post').filter({ hasText: MINE }).waitFor()
  expect(await visible('.post__placeholder').count()).toBe(0)
  await shot('discussions-08-topic-large')
  await visible('.btn').filter({ hasText: '发表我的意见' }).click()
  await visible('#compose-body textarea').fill('充电棚的费用谁来出？')
  await shot('discussions-09-composer-large')

  // A link to a reply opens its thread, with that reply marked.
  const [reader] = reporters
  const thread = await call<{ items: { id: number; body: string; replies?: { id: number; body: string }[] }[] }>('GET', `/api/topics/${topicId}/posts`, reader)
  const replyId = thread.items.find((p) => p.body === NEIGHBOUR)!.replies!.find((r) => r.body.startsWith(REPLY))!.id
  await page.goto(`${server.url}/#/pages/hall/thread?id=${replyId}`)
  await visible('.post--focus').filter({ hasText: REPLY }).waitFor()
  await visible('.post').filter({ hasText: NEIGHBOUR }).waitFor()
  await shot('discussions-10-thread-large')
}, 300_000)

test('the committee hides a post and mutes its author, who appeals; the 街镇 grants it; the topic concludes with a 纪要', async () => {
  await switchUser('居委会 · 梧桐')
  await setLargeText(false)

  // Hide the neighbour's post with a reason from the list, from the topic's management page.
  await tab('议事厅')
  await visible('.topic-card').filter({ hasText: QUESTION }).click()
  await visible('.btn').filter({ hasText: '管理这个议题' }).click()
  const target = visible('.post--root').filter({ hasText: NEIGHBOUR })
  await target.locator(':scope > .mod-actions .post__action').filter({ hasText: /^隐藏$/ }).click()
  await target.locator('.reason-tile').filter({ hasText: '与议题无关' }).click()
  await target.locator('.post__panel').scrollIntoViewIfNeeded()
  await shot('discussions-13-hide-panel')
  await target.locator('.post__panel .btn').filter({ hasText: /^隐藏$/ }).click()
  await confirmModal()
  await target.locator('.post__placeholder').filter({ hasText: '该内容已被隐藏（与议题无关）' }).waitFor()

  // Mute its author for 3 days.
  await target.locator(':scope > .mod-actions .post__action').filter({ hasText: '禁言作者' }).click()
  await target.locator('.tile').filter({ hasText: '3 天' }).click()
  await target.locator('.post__panel textarea').fill('多次发布与议题无关的内容')
  await target.locator('.post__panel .btn').filter({ hasText: '禁言 3 天' }).click()
  await confirmModal()
  await target.locator('.post__panel').waitFor({ state: 'detached' })

  // The author sees why, cannot post until the mute ends, and appeals once.
  await switchUser('居民 · 梧桐新村1号楼（已认证）')
  await tab('议事厅')
  await visible('.topic-card').filter({ hasText: QUESTION }).click()
  await visible('.card__text').filter({ hasText: /您已被禁言至 .*多次发布与议题无关的内容/ }).waitFor()
  const mine = visible('.post').filter({ hasText: '您的这条发言被隐藏了' })
  await mine.locator('.post__hidden-text').filter({ hasText: '原因：与议题无关' }).waitFor()
  await mine.locator('.post__action').filter({ hasText: '申诉' }).click()
  await mine.locator('.post__panel textarea').fill('我说的是楼道充电的安全问题，和充电棚有关。')
  await mine.locator('.btn').filter({ hasText: '提交申诉' }).click()
  await confirmModal()
  await mine.locator('.post__hidden-text').filter({ hasText: '申诉：等待街镇复核' }).waitFor()
  await mine.scrollIntoViewIfNeeded()
  await shot('discussions-14-hidden-mine')

  // The 街镇 (not the committee member who hid it) decides the appeal from its queue.
  await switchUser('街道工作人员')
  await visible('.btn').filter({ hasText: '处理议事厅' }).click()
  const appeal = visible('.queue-item').filter({ hasText: '申诉待复核' }).filter({ hasText: NEIGHBOUR })
  await appeal.waitFor()
  await appeal.locator('textarea').fill('内容与充电安全有关，属于议题范围，恢复显示。')
  await shot('discussions-15-appeal')
  await appeal.locator('.btn').filter({ hasText: '申诉成立' }).click()
  await confirmModal()
  await appeal.waitFor({ state: 'detached' })

  // The committee concludes the topic with positions and a conclusion.
  await switchUser('居委会 · 梧桐')
  await tab('议事厅')
  await visible('.topic-card').filter({ hasText: QUESTION }).click()
  await visible('.post').filter({ hasText: NEIGHBOUR }).waitFor() // restored by the appeal
  await visible('.btn').filter({ hasText: '管理这个议题' }).click()
  await visible('.btn').filter({ hasText: '形成议事纪要' }).click()
  const textareas = visible('.post__panel textarea')
  await textareas.nth(1).fill('在3号楼北侧空地建充电棚，晚上10点后断电，装监控；费用由居民会议表决。')
  await visible('.post__panel').scrollIntoViewIfNeeded()
  await shot('discussions-16-conclude')
  await visible('.btn').filter({ hasText: '发布纪要' }).click()
  await confirmModal()
  await visible('.card__title').filter({ hasText: '议事纪要' }).waitFor()

  // Residents find it under 已形成纪要, with the 纪要 at the top.
  await switchUser('居民代表 · 梧桐新村3号楼')
  await tab('议事厅')
  await visible('.segment').filter({ hasText: '已形成纪要' }).click()
  await visible('.topic-card').filter({ hasText: QUESTION }).click()
  await visible('.summary__text').filter({ hasText: '结论：在3号楼北侧空地建充电棚' }).waitFor()
  await visible('.badge').filter({ hasText: '讨论已结束' }).waitFor()
  await shot('discussions-17-concluded')
}, 300_000)
