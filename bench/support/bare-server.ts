// Child entry: a bare Fastify route in its own process, the yardstick every scenario is divided by
// (the same machine, the same run, the same load generator).
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/hello', async () => ({ hello: 'world' }))
app.listen({ port: 0, host: '127.0.0.1' }).then(
  () => {
    const address = app.server.address()
    process.send!({ port: typeof address === 'object' && address ? address.port : 0 })
  },
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)))
// The bench that started this process is gone: so is the reason to run.
process.on('disconnect', () => process.exit(0))
