export default definePageConfig({
  navigationBarTitleText: '发言和回复',
  enablePullDownRefresh: true,
})
