export default definePageConfig({ navigationBarTitleText: '社区架构', enablePullDownRefresh: true })
