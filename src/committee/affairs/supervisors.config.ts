export default definePageConfig({
  navigationBarTitleText: '居务监督委员会',
  enablePullDownRefresh: true,
})
