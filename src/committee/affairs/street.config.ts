export default definePageConfig({
  navigationBarTitleText: '居务公开汇总',
  enablePullDownRefresh: true,
})
