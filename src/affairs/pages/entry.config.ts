export default definePageConfig({
  navigationBarTitleText: '居务公开详情',
  enablePullDownRefresh: true,
})
