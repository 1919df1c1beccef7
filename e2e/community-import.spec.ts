/**
 * Setting up a real 街镇 in the H5 build: the 街道 admin opens 街镇设置 → 社区架构导入, chooses a CSV
 * with mistakes and sees each named by its row and column (nothing imported), then a good one (the demo
 * tree plus a new 居民区), reads the plan and imports it.
 */
import { HOUSING_TYPE_NAMES, IMPORT_COLUMNS, type HousingType, type UnitNode } from '../types'
import { expect, journey, test } from './support/app'

journey('community-import')

const csv = (rows: (string | number)[][]) => Buffer.from([[...IMPORT_COLUMNS], ...rows].map((r) => r.join(',')).join('\r\n'))

/** The street's tree as the template's rows: one per 楼组. */
function rowsOf(street: UnitNode): (string | number)[][] {
  return street.children.flatMap((n) =>
    n.children.flatMap((e) => e.children.map((b) => [n.name, e.name, HOUSING_TYPE_NAMES[e.housingType as HousingType], b.name, b.households])),
  )
}

const YINXING = [
  ['银杏居民区', '银杏苑', '普通商品房', '1号楼', 30],
  ['银杏居民区', '银杏苑', '普通商品房', '2号楼', 32],
]

test('a bad file is named row by row; a good one is previewed and imported', async ({ app, api }) => {
  const admin = (await api.users()).find((u) => u.description.startsWith('街道工作人员'))!
  const token = await api.login(admin.id)
  const tree = async () => (await api.ok<{ units: UnitNode[] }>(token, 'GET', '/api/units')).units
  const street = (await tree())[0]

  await app.launch()
  await app.loginAs('街道工作人员')
  await app.tab('我的')
  await app.tapTo(app.on('.list-row').filter({ hasText: '街镇设置' }))
  await app.tapTo(app.on('.list-row').filter({ hasText: '社区架构导入' }))

  // A file with a housing type not on the list and households that are not a number.
  const file = app.screen.locator('#import-file')
  await file.setInputFiles({
    name: '有错误.csv',
    mimeType: 'text/csv',
    buffer: csv([
      ['梧桐居民区', '梧桐新村', '花园洋房', '1号楼', 36],
      ['梧桐居民区', '梧桐新村', '售后公房', '2号楼', 'x'],
    ]),
  })
  const errors = app.on('.setup-errors')
  await expect(errors).toContainText('文件中有 2 处问题')
  await expect(errors.locator('.setup-line__where').nth(0)).toHaveText('第 2 行 · 住房类型：“花园洋房”')
  await expect(errors.locator('.setup-line__where').nth(1)).toHaveText('第 3 行 · 户数：“x”')
  await expect(app.on('.btn').filter({ hasText: '确认导入' })).toHaveCount(0)
  await app.shot('import-1-errors', { fullPage: true })

  // The demo tree as it is, plus 银杏居民区 with one 小区 and two 楼组.
  await file.setInputFiles({ name: '社区架构.csv', mimeType: 'text/csv', buffer: csv([...rowsOf(street), ...YINXING]) })
  const plan = app.on('.setup-plan')
  await expect(plan).toBeVisible()
  await expect(app.on('.setup-errors')).toHaveCount(0)
  await expect(plan.locator('.setup-count').filter({ hasText: '新增' }).locator('.setup-count__value')).toHaveText('4')
  await expect(plan.locator('.setup-count').filter({ hasText: '修改' }).locator('.setup-count__value')).toHaveText('0')
  await expect(plan.locator('.setup-line').filter({ hasText: '新增楼组：银杏居民区 / 银杏苑 / 2号楼（32 户）' })).toBeVisible()
  await app.shot('import-2-plan', { fullPage: true })

  await plan.locator('.btn').filter({ hasText: '确认导入' }).click()
  await app.confirmModal()
  await expect(app.on('.setup-result')).toContainText('新增 4 个，修改 0 处，删除 0 个')

  const yinxing = (await tree())[0].children.find((n) => n.name === '银杏居民区')
  expect(yinxing?.children.map((e) => [e.name, e.housingType, e.children.map((b) => [b.name, b.households])])).toEqual([
    ['银杏苑', 'commercial', [['1号楼', 30], ['2号楼', 32]]],
  ])
})
