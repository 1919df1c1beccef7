export default definePageConfig({
  navigationBarTitleText: '处理提案',
  enablePullDownRefresh: true,
})
