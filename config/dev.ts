import type { UserConfigExport } from '@tarojs/cli'

// `taro build --watch` (npm run dev): readable output, no minification.
export default {
  logger: { quiet: false, stats: false },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
