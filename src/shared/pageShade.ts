import Taro from '@tarojs/taro'

/**
 * H5 only. Taro's router hides the page below a new one on a timer (the slide's length, 350 ms) and does
 * not cancel that timer when the resident goes back before it fires: the page they return to is shown,
 * then the stale timer shades it, and only the bars are left on screen (@tarojs/router 4.2 PageHandler
 * `hide` / `show`). The page at the top of Taro's own stack is the one on screen, so it is never shaded:
 * a shade landing on it is taken off again.
 */
export function keepTopPageShown(root: ParentNode = document): () => void {
  const topId = () => Taro.getCurrentPages().at(-1)?.path
  const observer = new MutationObserver((changes) => {
    for (const change of changes) {
      const el = change.target as Element
      if (el.classList.contains('taro_page_shade') && el.id === topId()) el.classList.remove('taro_page_shade')
    }
  })
  observer.observe(root, { subtree: true, attributes: true, attributeFilter: ['class'] })
  return () => observer.disconnect()
}
