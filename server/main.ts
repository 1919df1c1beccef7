import { buildApp } from './app'
import { loadConfig } from './config'
import { startMaintenance } from './maintenance'

async function main() {
  const config = loadConfig()
  const app = await buildApp(config)
  const stopMaintenance = startMaintenance(app)
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, '正在停止：等待进行中的请求完成')
    stopMaintenance()
    // close() stops accepting connections and resolves once in-flight requests have been answered.
    await app.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  await app.listen({ port: config.port, host: config.host })
  app.log.info(`议事 Yishi 已启动：http://localhost:${config.port}（数据库：${app.db.dialect}）`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
