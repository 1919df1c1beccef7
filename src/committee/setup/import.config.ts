export default definePageConfig({ navigationBarTitleText: '社区架构导入' })
