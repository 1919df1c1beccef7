export default definePageConfig({
  navigationBarTitleText: '提新提案',
})
