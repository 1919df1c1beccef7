import { View } from '@tarojs/components'
import { useEffect, type ReactNode } from 'react'
import { useLargeText } from '@/shared/largeText'
import { isH5 } from '@/shared/env'

/**
 * The root element of every page. It carries 大字模式: the `page--large` class sets the one text-scale
 * variable every size in app.css hangs off. Who may see the page is decided above it (accounts/Page).
 */
export function PageFrame({ children }: { children?: ReactNode }) {
  const large = useLargeText()

  useEffect(() => {
    // The H5 tab bar lives outside the pages; let it grow with the text too.
    if (isH5 && typeof document !== 'undefined') document.body.classList.toggle('yishi-large', large)
  }, [large])

  return <View className={`page ${large ? 'page--large' : 'page--normal'}`}>{children}</View>
}
