export default definePageConfig({ navigationBarTitleText: '逾期事项', enablePullDownRefresh: true })
