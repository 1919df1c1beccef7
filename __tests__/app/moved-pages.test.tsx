import { MOVED_PAGES, movedPageUrl } from '@/shared/movedPages'

// src/app.config.ts calls the build's global defineAppConfig; here it hands the config back as it is.
;(globalThis as { defineAppConfig?: unknown }).defineAppConfig = (config: unknown) => config
const appConfig = async () => (await import('@/app.config')).default as { pages: string[]; subPackages: { root: string; pages: string[] }[] }

describe('pages moved to the more subpackage', () => {
  it('sends an old link on to the page at its new path, with its query', () => {
    expect(movedPageUrl('pages/proposals/detail', { id: '9', from: 'share' })).toBe('/more/proposals/detail?id=9&from=share')
    expect(movedPageUrl('/pages/invite/index', { code: 'K7QM-3XPA' })).toBe('/more/invite/index?code=K7QM-3XPA')
    expect(movedPageUrl('pages/proposals/notifications')).toBe('/more/proposals/notifications')
    expect(movedPageUrl('pages/hall/compose', { topicId: '3', note: 'a&b' })).toBe('/more/hall/compose?topicId=3&note=a%26b')
  })

  it('leaves alone a path that never moved or does not exist', () => {
    expect(movedPageUrl('pages/hall/topic', { id: '3' })).toBeNull()
    expect(movedPageUrl('pages/nowhere/index')).toBeNull()
  })

  it('names pages the app really has: each old path is gone from the main package, each new one is in more/', async () => {
    const { pages, subPackages } = await appConfig()
    const more = subPackages.find((p) => p.root === 'more')!
    for (const [old, now] of Object.entries(MOVED_PAGES)) {
      expect(pages).not.toContain(old)
      expect(more.pages.map((p) => `more/${p}`)).toContain(now)
    }
  })
})
