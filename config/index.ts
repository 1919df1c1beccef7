import path from 'path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// Taro build config (https://docs.taro.zone/docs/config).
// One source tree, two targets: `taro build --type h5` → dist/h5 (served by the API server on the
// same origin) and `taro build --type weapp` → dist/weapp (opened in WeChat DevTools through the
// root project.config.json).
//
// API_BASE_URL (environment variable, read at build time) is where the app sends its requests.
// H5 defaults to '' (same origin); weapp has no origin of its own, so it defaults to the local server.
// TARO_APP_SHARE_IMAGE: the picture of a share card until the item's own card picture has arrived (unset:
// WeChat shows a screenshot of the page).
// TARO_APP_SUBSCRIBE_TEMPLATES: the subscribe-message template ids the app asks residents for (comma
// separated, or the server's WECHAT_SUBSCRIBE_TEMPLATES JSON); unset: the app never asks.
export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV || 'h5'
  const apiBaseUrl = process.env.API_BASE_URL ?? (platform === 'h5' ? '' : 'http://localhost:8080')
  // The shared API types (../types) are TypeScript outside sourceRoot: compile them like src.
  const typesDir = path.resolve(__dirname, '..', 'types')
  const compile = { include: [typesDir] }

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'yishi',
    date: '2025-11-21',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // The app imports by name, never by '../../..': `@/…` is src/, `@yishi/types` the shared types/.
    // The same two names are in tsconfig.json `paths` and jest.config.js `moduleNameMapper`.
    // src/scoring stays relative: the server imports it and knows no aliases.
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@yishi/types': typesDir,
    },
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {
      API_BASE_URL: JSON.stringify(apiBaseUrl.replace(/\/+$/, '')),
      SUBSCRIBE_TEMPLATES: JSON.stringify(process.env.TARO_APP_SUBSCRIBE_TEMPLATES ?? ''),
      SHARE_IMAGE_URL: JSON.stringify(process.env.TARO_APP_SHARE_IMAGE ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // Modules used only by subpackages (committee/, more/, affairs/) stay in them, keeping the main
      // package small (node scripts/weapp-size.js prints the sizes).
      optimizeMainPackage: { enable: true },
      compile,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile,
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
