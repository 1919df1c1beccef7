export default definePageConfig({
  navigationBarTitleText: '评估指标',
  enablePullDownRefresh: true,
})
