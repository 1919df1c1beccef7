// A user's own data, exported (我的 → 导出我的数据). Other capabilities import from here only.
export { exportRoutes } from './routes'
