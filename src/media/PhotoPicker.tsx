import { Image, Text, View } from '@tarojs/components'
import { MAX_PHOTOS } from '@yishi/types'
import { chooseDocuments, choosePhotos } from './upload'
import type { PhotoUploads } from './usePhotoUploads'
import './media.css'

/**
 * Photos to attach: add (camera or album), each with its progress; a failed one says why and offers 重试.
 * `documents`: PDFs too (scanned minutes, receipts), for records that take them.
 */
export function PhotoPicker({ photos, documents = false }: { photos: PhotoUploads; documents?: boolean }) {
  const room = MAX_PHOTOS - photos.items.length
  return (
    <View className='picker'>
      <View className='picker__grid'>
        {photos.items.map((it, i) => (
          <View key={it.key} className={`picker__item picker__item--${it.status}`} aria-label={`第 ${i + 1} 张照片`}>
            {it.pdf ? <Text className='picker__doc'>PDF 文件</Text> : <Image className='picker__thumb' src={it.path} mode='aspectFill' />}
            {it.status === 'uploading' && (
              <View className='picker__progress' role='progressbar' aria-valuenow={it.progress}>
                <View className='picker__bar' style={{ width: `${it.progress}%` }} />
                <Text className='picker__status'>上传中 {it.progress}%</Text>
              </View>
            )}
            {it.status === 'failed' && (
              <View className='picker__failed'>
                <Text className='picker__status'>{it.error ?? '上传失败'}</Text>
                <View className='picker__btn' hoverClass='picker__btn--pressed' onClick={() => photos.retry(it.key)}>
                  <Text>重试</Text>
                </View>
              </View>
            )}
            <View className='picker__btn picker__remove' hoverClass='picker__btn--pressed' aria-label={`删除第 ${i + 1} 张照片`} onClick={() => photos.remove(it.key)}>
              <Text>删除</Text>
            </View>
          </View>
        ))}
        {room > 0 && (
          <View
            className='picker__add'
            hoverClass='picker__btn--pressed'
            id='add-photos'
            onClick={() => void choosePhotos(room).then((paths) => paths.length > 0 && photos.add(paths.slice(0, room)))}
          >
            <Text className='picker__plus'>＋</Text>
            <Text>拍照或选照片</Text>
          </View>
        )}
        {room > 0 && documents && (
          <View
            className='picker__add'
            hoverClass='picker__btn--pressed'
            id='add-documents'
            onClick={() => void chooseDocuments(room).then((paths) => paths.length > 0 && photos.add(paths.slice(0, room), true))}
          >
            <Text className='picker__plus'>＋</Text>
            <Text>选 PDF 文件</Text>
          </View>
        )}
      </View>
      <Text className='picker__note'>
        最多 {MAX_PHOTOS} {documents ? '个（照片或 PDF）' : '张'}。照片里的拍摄地点等信息上传时会去掉。
      </Text>
    </View>
  )
}
