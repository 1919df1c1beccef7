/**
 * Photos on a proposal in the H5 build: a 3号楼 resident attaches a phone photo (with its GPS position in
 * EXIF) to a new proposal, sees its thumbnail on the proposal's page and opens it full screen. The stored
 * file has no EXIF left, and a resident of another 居民区 cannot fetch it.
 */
import sharp from 'sharp'
import { expect, journey, test } from './support/app'

journey('photos')

const AUTHOR = '居民代表 · 梧桐新村3号楼（已认证）'
const OUTSIDER = '居民 · 香樟苑1号楼（已认证）'
const TITLE = '3号楼门口路灯不亮了'

/** A phone photo taken at 31.23°N 121.47°E. */
const phonePhoto = () =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: '#d35400' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneMaker' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 13/1 48/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 12/1' } })
    .toBuffer()

/** Whether the image in this element has loaded (the address opened without the Authorization header). */
const loaded = (img: import('@playwright/test').Locator) => expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)

test('a resident attaches a photo to a new proposal; it shows, opens full screen, and keeps no EXIF', async ({ app, api }) => {
  const original = await phonePhoto()
  expect((await sharp(original).metadata()).exif).toBeDefined()

  await app.launch()
  await app.loginAs(AUTHOR)
  await app.tab('提案')
  await app.tapTo(app.on('.btn').filter({ hasText: '提新提案' }))
  await app.on('#title-field input').fill(TITLE)
  await app.on('#body-field textarea').fill('晚上楼门口一片黑，老人进出看不清台阶，请尽快修好路灯。')
  await app.on('#category-field .tile').filter({ hasText: '安全' }).click()

  const chooser = app.page.waitForEvent('filechooser')
  await app.on('#add-photos').click()
  await (await chooser).setFiles({ name: 'lamp.jpg', mimeType: 'image/jpeg', buffer: original })
  await expect(app.on('.picker__item--done')).toHaveCount(1)
  await app.shot('photos-1-picker')

  await app.on('#submit-proposal').click()
  await expect(app.overlay('.taro-modal__title').filter({ hasText: /提交提案|是否附议已有提案/ })).toBeVisible()
  await app.confirmModal()
  await expect(app.on('.detail__title').filter({ hasText: TITLE })).toBeVisible()
  const id = Number(/[?&]id=(\d+)/.exec(app.page.url())?.[1])

  // The thumbnail shows; a tap opens the full photo.
  const thumb = app.on('.photos__item img').first()
  await loaded(thumb)
  await app.shot('photos-2-detail')
  await app.on('.photos__item').first().click()
  const full = app.overlay('.preview-image img').first()
  await loaded(full)
  expect(await full.getAttribute('src')).toMatch(/\/api\/media\/\d+\?u=\d+&exp=\d+&sig=/)

  // The stored file, fetched through the API: re-encoded without EXIF (no GPS position left).
  const [token] = await api.tokensOf(AUTHOR)
  const detail = await api.ok<{ photos: { id: number; url: string }[] }>(token, 'GET', `/api/proposals/${id}`)
  expect(detail.photos).toHaveLength(1)
  const origin = new URL(app.page.url()).origin
  const stored = await fetch(`${origin}/api/media/${detail.photos[0].id}`, { headers: { authorization: `Bearer ${token}` } })
  expect(stored.status).toBe(200)
  const meta = await sharp(Buffer.from(await stored.arrayBuffer())).metadata()
  expect(meta.exif).toBeUndefined()
  expect(meta.width).toBeGreaterThan(0)

  // A resident of another 居民区 gets nothing, neither by the header nor by the author's signed address' id.
  const [outsider] = await api.tokensOf(OUTSIDER)
  for (const path of [`/api/media/${detail.photos[0].id}`, `/api/media/${detail.photos[0].id}/thumb`]) {
    expect([403, 404]).toContain((await fetch(origin + path, { headers: { authorization: `Bearer ${outsider}` } })).status)
  }
  expect([403, 404]).toContain((await api.request(outsider, 'GET', `/api/proposals/${id}`)).status)
})
