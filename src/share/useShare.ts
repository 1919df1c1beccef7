import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { sharePath } from '@yishi/types'
import { hasLiveSession, openAfterLogin } from '@/accounts/session'
import { isWeapp } from '@/shared/env'
import { cardPicturePath, fetchPicture, posterPath, shareCard, shareInBrowser, type ShareTarget } from './share'

/**
 * A shareable page: the WeChat card (the ··· menu and a share button both ask onShareAppMessage), its
 * picture fetched once the item is known, and the landing: a neighbour who opens the card signed out
 * comes back to this page after signing in. Call at the top of the page, before any early return.
 */
export function useShare(target: ShareTarget | null) {
  const [picture, setPicture] = useState<string | null>(null)
  const latest = useRef(target)
  latest.current = target
  const key = target ? `${target.kind}:${target.id}` : null

  useShareAppMessage(() => (latest.current ? shareCard(latest.current, picture) : {}))

  useEffect(() => {
    if (!target || hasLiveSession()) return
    openAfterLogin(sharePath(target.kind, target.id))
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per item
  }, [key])

  useEffect(() => {
    // Only the mini-program's card shows a picture; in H5 the link goes alone.
    if (!isWeapp || !target) return
    let live = true
    fetchPicture(cardPicturePath(target.kind, target.id)).then(
      (p) => live && setPicture(p),
      () => undefined,
    )
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per item
  }, [key])

  return {
    /** H5: the system share sheet or the link copied. (In the mini-program the button opens WeChat's own.) */
    async shareLink(): Promise<void> {
      if (!latest.current) return
      const how = await shareInBrowser(latest.current)
      if (how === 'copied') Taro.showToast({ title: '链接已复制，可以粘贴到群聊', icon: 'none' })
    },
    /** The poster, shown full screen: press and hold (or right-click) to save, then print or send it. */
    async showPoster(): Promise<void> {
      if (!latest.current) return
      Taro.showLoading({ title: '正在生成海报' })
      const url = await fetchPicture(posterPath(latest.current.kind, latest.current.id)).catch(() => null)
      Taro.hideLoading()
      if (!url) {
        Taro.showToast({ title: '海报没有生成，请稍后重试', icon: 'none' })
        return
      }
      await Taro.previewImage({ urls: [url], current: url })
    },
  }
}
