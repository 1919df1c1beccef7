import Taro from '@tarojs/taro'
import { useSession } from '@/accounts/session'
import { apiBaseUrl, isH5 } from '@/shared/env'
import { showError } from '@/shared/request'

// The printable notice (PDF) of an entry, fetched with the bearer token like every call: in the browser
// it opens in a new tab to print; in the mini-program it opens with openDocument (the server's host must
// be on the downloadFile domain list).
export async function openNotice(path: string): Promise<void> {
  const token = useSession.getState().token
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {}
  try {
    if (isH5) {
      const res = await fetch(apiBaseUrl + path, { headers: header })
      if (!res.ok) throw new Error(String(res.status))
      const href = URL.createObjectURL(await res.blob())
      window.open(href, '_blank')
      setTimeout(() => URL.revokeObjectURL(href), 60_000)
      return
    }
    const res = await Taro.downloadFile({ url: apiBaseUrl + path, header })
    if (res.statusCode !== 200) throw new Error(String(res.statusCode))
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true })
  } catch {
    showError('公告没有打开，请检查网络后重试')
  }
}
