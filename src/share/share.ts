import Taro from '@tarojs/taro'
import { SHARE_KIND_NAMES, sharePath, type ShareKind } from '@yishi/types'
import { apiBaseUrl, isH5 } from '@/shared/env'
import { authHeader } from '@/shared/request'

// Sharing a proposal, a 议事厅 topic or a survey to the 楼组 group chat: the WeChat card (title, picture,
// the page it opens) and, in H5, a link. The poster for those not in the chat is drawn by the server
// (GET /api/share/:kind/:id/poster.png) for whoever may read the item.

export interface ShareTarget {
  kind: ShareKind
  id: number
  /** As the sharer reads it (masked for residents by the server). */
  title: string
}

export interface ShareCard {
  title: string
  /** The app page a neighbour lands on (after signing in and verifying, if they have not yet). */
  path: string
  /** The card's picture: the item's own card when it has arrived, else the configured one, else none (WeChat takes a screenshot). */
  imageUrl?: string
}

/** The picture of every card until the item's own has arrived: TARO_APP_SHARE_IMAGE at build time (config/index.ts). */
export const SHARE_IMAGE: string = typeof SHARE_IMAGE_URL === 'string' ? SHARE_IMAGE_URL : ''

/** WeChat shows about two lines of a card's title. */
const TITLE_CHARS = 40

export function shareCard(t: ShareTarget, imageUrl: string | null = null): ShareCard {
  const title = `【${SHARE_KIND_NAMES[t.kind]}】${t.title}`
  const chars = [...title]
  const picture = imageUrl || SHARE_IMAGE
  return {
    title: chars.length > TITLE_CHARS ? `${chars.slice(0, TITLE_CHARS - 1).join('')}…` : title,
    path: sharePath(t.kind, t.id),
    ...(picture ? { imageUrl: picture } : {}),
  }
}

/** The H5 address of the page a card opens (the app routes by hash). */
export function shareLink(kind: ShareKind, id: number, origin = typeof location === 'undefined' ? '' : `${location.origin}${location.pathname}`): string {
  return `${origin}#${sharePath(kind, id)}`
}

export const posterPath = (kind: ShareKind, id: number) => `/api/share/${kind}/${id}/poster.png`
export const cardPicturePath = (kind: ShareKind, id: number) => `/api/share/${kind}/${id}/card.png`

/**
 * A picture the server draws for the signed-in caller, where the platform can show it: a temp file in
 * the mini-program (downloadFile sends the token), an object URL in H5. Null when it could not be had.
 */
export async function fetchPicture(path: string): Promise<string | null> {
  const url = apiBaseUrl + path
  if (isH5) {
    const res = await fetch(url, { headers: authHeader() })
    return res.ok ? URL.createObjectURL(await res.blob()) : null
  }
  const res = await Taro.downloadFile({ url, header: authHeader() })
  return res.statusCode === 200 ? res.tempFilePath : null
}

/**
 * In H5 there is no WeChat card: the system share sheet where there is one, else the link copied to
 * paste into the chat. Returns how it went, for the toast.
 */
export async function shareInBrowser(t: ShareTarget): Promise<'shared' | 'copied' | 'cancelled'> {
  const card = shareCard(t)
  const url = shareLink(t.kind, t.id)
  if (typeof navigator !== 'undefined' && typeof navigator.share === 'function') {
    try {
      await navigator.share({ title: card.title, text: card.title, url })
      return 'shared'
    } catch (e) {
      if ((e as { name?: string })?.name === 'AbortError') return 'cancelled'
      // No permission or no share target: copying still works.
    }
  }
  await Taro.setClipboardData({ data: `${card.title}\n${url}` })
  return 'copied'
}
