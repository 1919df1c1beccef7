import Taro from '@tarojs/taro'
import { apiBaseUrl, isH5 } from '@/shared/env'
import { showError } from '@/shared/request'
import { useSession } from '@/accounts/session'

// Downloads of the CSV / xlsx exports and PDF reports. The export endpoints take the same bearer token as every call
// (no signed links), so:
// - H5: fetch with the Authorization header, then save the blob under the server's file name;
// - weapp: Taro.downloadFile with the header, then open the file with openDocument (xlsx, pdf), or hand
//   the CSV to a chat with shareFileMessage (openDocument cannot show CSV). The server's host must be
//   on the mini-program's downloadFile domain list.

export type ExportFormat = 'csv' | 'xlsx'
/** What downloadExport fetches: an export, or a report as PDF. */
export type DownloadFormat = ExportFormat | 'pdf'

/** The file name a Content-Disposition header gives (RFC 5987 filename* first), or null. */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // Fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header)
  return plain ? plain[1].trim() : null
}

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } }
    if (body?.error?.message) return body.error.message
  } catch {
    // Not JSON.
  }
  return `导出失败（${res.status}）`
}

export async function downloadExport(path: string, fallbackName: string, format: DownloadFormat): Promise<boolean> {
  const token = useSession.getState().token
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {}
  const url = apiBaseUrl + path
  try {
    if (isH5) {
      const res = await fetch(url, { headers })
      if (!res.ok) {
        showError(await errorMessage(res))
        return false
      }
      const blob = await res.blob()
      const name = filenameFromDisposition(res.headers.get('content-disposition')) ?? `${fallbackName}.${format}`
      const href = URL.createObjectURL(blob)
      const a = document.createElement('a')
      a.href = href
      a.download = name
      document.body.appendChild(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(href), 30_000)
      return true
    }
    const res = await Taro.downloadFile({ url, header: headers })
    if (res.statusCode !== 200) {
      showError(`导出失败（${res.statusCode}）`)
      return false
    }
    if (format !== 'csv') {
      await Taro.openDocument({ filePath: res.tempFilePath, fileType: format, showMenu: true })
    } else {
      await Taro.shareFileMessage({ filePath: res.tempFilePath, fileName: `${fallbackName}.csv` })
    }
    return true
  } catch (err) {
    // Closing the share sheet is not a failure.
    if (/cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? ''))) return false
    showError('导出没有成功，请检查网络后重试')
    return false
  }
}
