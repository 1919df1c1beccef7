/**
 * Search and the step view in the H5 build: a 3号楼 resident searches the proposals by two words in the
 * other order than the title's, opens the one found and sees its whole road (done, now with the days
 * left, ahead) and how to share it; a search that finds nothing says what to try; the 议事厅 searches
 * its topics too.
 */
import { expect, journey, test } from './support/app'

journey('share-search')

const RESIDENT = '居民 · 梧桐新村3号楼（已认证）'
const LIFT = '3号楼加装电梯的建议'

test('a resident finds a proposal by words, sees where it stands, and a search of the 议事厅', async ({ app }) => {
  await app.launch()
  await app.loginAs(RESIDENT)
  await app.tab('提案')
  await expect(app.on('.pcard').first()).toBeVisible()

  // "电梯 加装": both words, in either order; proposals without them are gone.
  await app.on('#search-input input').fill('电梯 加装')
  await app.on('#search-go').click()
  await expect(app.on('.hint').filter({ hasText: '按相关程度排列' })).toBeVisible()
  await expect(app.on('.pcard').filter({ hasText: '充电棚' })).toHaveCount(0)
  const found = app.on('.pcard').filter({ hasText: LIFT })
  await expect(found).toBeVisible()
  await app.shot('share-search-1-results')

  // The proposal's road: raised, co-signed, screened, deliberated done; the vote now; two steps ahead.
  await app.tapTo(found)
  await expect(app.on('.detail__title').filter({ hasText: LIFT })).toBeVisible()
  await expect(app.on('.road__step--done')).toHaveCount(4)
  const now = app.on('.road__step--now')
  await expect(now).toHaveCount(1)
  await expect(now).toContainText('表决 · 进行中')
  await expect(now).toContainText(/还剩 \d+ 天|今天到期/)
  await expect(app.on('.road__step--ahead')).toHaveCount(2)
  await expect(app.on('#share-link')).toBeVisible()
  await expect(app.on('#share-poster')).toBeVisible()
  await app.shot('share-search-2-road', { fullPage: true })

  // Nothing found: the page says what to try.
  await app.back('#search-input')
  await app.on('#search-input input').fill('篮球场')
  await app.on('#search-go').click()
  await expect(app.on('.empty__title').filter({ hasText: '没有找到和“篮球场”有关的提案' })).toBeVisible()
  await expect(app.on('.pcard')).toHaveCount(0)
  await app.on('.btn').filter({ hasText: '清除' }).click()
  await expect(app.on('.pcard').first()).toBeVisible()

  // The 议事厅 searches every topic of the 居民区.
  await app.tab('议事厅')
  await app.on('#search-input input').fill('加装电梯')
  await app.on('#search-go').click()
  await expect(app.on('.topic-card').filter({ hasText: '3号楼加装电梯意见征集' })).toBeVisible()
  await expect(app.on('.topic-card').filter({ hasText: '垃圾分类' })).toHaveCount(0)
})
