// Under jest, '@tarojs/taro' maps to '@tarojs/taro-h5', whose default export carries only the core;
// the H5 build's babel plugin rewrites `Taro.x` to named imports. Copy the named APIs onto the
// default object so app code that calls `Taro.request`, `Taro.getStorageSync`… works in tests.
// Import this file first in every app test.
import './taro-globals'
import * as h5 from '@tarojs/taro'

const taro = (h5 as unknown as { default: Record<string, unknown> }).default
for (const [key, value] of Object.entries(h5)) {
  if (key !== 'default' && !(key in taro)) taro[key] = value
}

export default taro
