export default definePageConfig({
  navigationBarTitleText: '居住认证',
  enablePullDownRefresh: true,
})
