export default definePageConfig({
  navigationBarTitleText: '提案处理',
  enablePullDownRefresh: true,
})
