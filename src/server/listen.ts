/** Serving the API on a socket (`clientele serve`). */
import { serve } from '@hono/node-server'
import { createServer, type ServerOptions } from './app.js'

export interface RunningServer {
  readonly url: string
  close(): Promise<void>
}

/** Listens on `host:port` (port 0 picks a free one) and resolves once it accepts connections. */
export function startServer(
  options: ServerOptions & { readonly port: number; readonly host: string },
): Promise<RunningServer> {
  const app = createServer(options)
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
        resolve({
          url: `http://${host}:${info.port}`,
          close: () => new Promise((done, fail) => server.close((e) => (e ? fail(e) : done()))),
        })
      },
    )
    server.once('error', reject)
  })
}
