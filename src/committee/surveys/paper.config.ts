export default definePageConfig({
  navigationBarTitleText: '纸质录入',
})
