import type { UserConfigExport } from '@tarojs/cli'

// Production builds (the default of `taro build`): minified, no source maps in the mini-program.
export default {
  mini: {
    enableSourceMap: false,
  },
  h5: {
    enableSourceMap: false,
  },
} satisfies UserConfigExport<'webpack5'>
