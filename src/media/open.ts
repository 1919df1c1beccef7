import Taro from '@tarojs/taro'
import { apiUrl, isWeapp } from '@/shared/env'

/**
 * Opens an attached PDF by its signed address: the mini-program downloads it and opens WeChat's document
 * viewer (which can forward or save it); a browser opens it in a new tab.
 */
export async function openDocument(url: string): Promise<void> {
  const address = apiUrl(url)
  if (!isWeapp) {
    window.open(address, '_blank', 'noopener')
    return
  }
  Taro.showLoading({ title: '正在打开' })
  try {
    const file = await Taro.downloadFile({ url: address })
    if (file.statusCode !== 200) throw new Error(String(file.statusCode))
    await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf', showMenu: true })
  } catch {
    Taro.showToast({ title: '文件没有打开，请稍后再试', icon: 'none' })
  } finally {
    Taro.hideLoading()
  }
}
