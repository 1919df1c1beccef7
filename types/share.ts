// Sharing to the 楼组 group chat and on posters: what can be shared, and which page a shared link opens
// (the same in the app's card and in the poster's QR code).

export type ShareKind = 'proposal' | 'topic' | 'survey'

export const SHARE_KINDS: ShareKind[] = ['proposal', 'topic', 'survey']

/** How each kind is named on a card and a poster. */
export const SHARE_KIND_NAMES: Record<ShareKind, string> = { proposal: '社区提案', topic: '议事厅议题', survey: '居民问卷' }

/** What a neighbour is asked to do (the poster's line above its QR code). */
export const SHARE_ACTIONS: Record<ShareKind, string> = { proposal: '扫码查看提案，一起附议', topic: '扫码参加议事厅讨论', survey: '扫码填写问卷' }

const PAGES: Record<ShareKind, string> = { proposal: '/more/proposals/detail', topic: '/pages/hall/topic', survey: '/more/surveys/answer' }

/** The app page a share opens, e.g. /more/proposals/detail?id=9&from=share. */
export function sharePath(kind: ShareKind, id: number): string {
  return `${PAGES[kind]}?id=${id}&from=share`
}
