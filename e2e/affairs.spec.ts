/**
 * 居务公开 in the H5 build: a verified resident in 大字模式 opens the ledger from 我的, opens the demo's
 * 自治金 entry (corrected, and flagged by the 居务监督委员会), and asks the committee a question on it; the
 * 居委会 answers it from its queue, and the resident reads the answer on the entry. Screenshots go to
 * e2e/artifacts/.
 */
import { expect, journey, test, type App } from './support/app'

journey('affairs')

const RESIDENT = '居民 · 梧桐新村3号楼'
const MODERATOR = '居委会 · 梧桐居民区'
const ENTRY = '楼道灯更换（自治金）'
const QUESTION = '换下来的旧灯怎么处理的？'
const ANSWER = '旧灯由物业统一回收处理。'

/** 我的 → 居务公开 → the demo's 自治金 entry. */
async function openEntry(app: App) {
  await app.backToTabs()
  await app.tab('我的')
  await app.tapTo(app.on('.list-row').filter({ hasText: '本居民区的决定、会议和开支' }))
  const card = app.on('.af-entry').filter({ hasText: ENTRY }).filter({ hasNotText: '更正：' })
  await expect(card.first()).toBeVisible()
  await expect(card.first().getByText('已更正')).toBeVisible()
  await app.tapTo(card.first().locator('.list-row'))
  await expect(app.on('.af-entry').first()).toContainText(ENTRY)
}

test('a resident in 大字模式 asks a question on a 居务公开 entry', async ({ app }) => {
  await app.launch()
  await app.loginAs(RESIDENT, '已认证')
  await app.setLargeText(true)
  await openEntry(app)
  await expect(app.on('.page--large .af-entry').first()).toBeVisible()
  // The correction is shown with the entry it corrects, and the supervisor's open flag with it.
  await expect(app.screen.getByText('更正记录')).toBeVisible()
  await expect(app.screen.getByText('没有附上发票照片，请补充。')).toBeVisible()

  await app.on('.btn').filter({ hasText: '向居委会提问' }).click()
  await app.on('.field__textarea textarea').fill(QUESTION)
  await app.on('.btn').filter({ hasText: '提交' }).click()
  const mine = app.on('.af-qa').filter({ hasText: QUESTION })
  await expect(mine).toContainText('（我）')
  await expect(mine).toContainText('居委会还没有答复')
  await app.shot('affairs-01-question-asked')
})

test('the 居委会 answers from its queue, and the answer shows on the entry', async ({ app }) => {
  await app.switchUser(MODERATOR)
  await app.tab('我的')
  await app.tapTo(app.on('.list-row').filter({ hasText: '居委会：提问、标记与自治金' }))
  const item = app.on('.card').filter({ hasText: QUESTION })
  await expect(item).toBeVisible()
  await item.locator('textarea').fill(ANSWER)
  await item.locator('.btn').filter({ hasText: '提交答复' }).click()
  await expect(app.on('.card').filter({ hasText: QUESTION })).toHaveCount(0)

  await app.switchUser(RESIDENT, '已认证')
  await openEntry(app)
  await expect(app.on('.af-qa').filter({ hasText: QUESTION })).toContainText(`居委会答复：${ANSWER}`)
  await app.shot('affairs-02-answer-public')
})
