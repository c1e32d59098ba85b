#!/usr/bin/env node
/* global setTimeout, fetch, AbortSignal */
// A throwaway ClickHouse cluster on loopback for tests and CI: N `clickhouse server`
// processes (default 2), each with its own config, data and tmp dirs under one temp
// directory, on free ports, with a `remote_servers` cluster `clientele` of one shard per
// server. No system service, no ZooKeeper (so no ON CLUSTER: callers create local tables
// on each server).
//
//   clickhouse-cluster.mjs start [--shards N]  starts detached servers, prints the cluster JSON
//   clickhouse-cluster.mjs stop DIR            stops the servers of DIR and removes it
//   clickhouse-cluster.mjs run [--shards N]    prints the cluster JSON, then stops and cleans
//                                              up when stdin closes or on SIGTERM/SIGINT
//   clickhouse-cluster.mjs check [--shards N]  starts a cluster, queries every shard, stops it
//
// Each query may use $CLICKHOUSE_MAX_MEMORY bytes (default 2 GB; the scale benchmark raises it).
// The server binary: $CLICKHOUSE_SERVER, else `clickhouse-server` (Debian) or `clickhouse`
// (upstream, run as `clickhouse server`) on PATH, /usr/sbin, /usr/bin or /usr/local/bin.
// The JSON: { dir, cluster, shards: [{ http, tcp, interserver, pid }] }. Exit status 3 with a
// message on stderr when no ClickHouse server binary is installed.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const HOST = '127.0.0.1'
const CLUSTER = 'clientele'
const READY_MS = 30_000
const STOP_MS = 10_000
const NOT_INSTALLED = 3

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms))

/** The server command: Debian's `clickhouse-server`, or the upstream single `clickhouse` binary. */
function findServer() {
  const fromEnv = process.env.CLICKHOUSE_SERVER
  if (fromEnv) return existsSync(fromEnv) ? [fromEnv] : undefined
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin', '/usr/local/bin']
  for (const d of dirs)
    if (d && existsSync(join(d, 'clickhouse-server'))) return [join(d, 'clickhouse-server')]
  for (const d of dirs)
    if (d && existsSync(join(d, 'clickhouse'))) return [join(d, 'clickhouse'), 'server']
  return undefined
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, HOST, () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
  })
}

const xmlText = (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;')

function configXml(dir, ports, all) {
  const shards = all
    .map((p) => `<shard><replica><host>${HOST}</host><port>${p.tcp}</port></replica></shard>`)
    .join('')
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${xmlText(join(dir, 'log', 'server.log'))}</log>
    <errorlog>${xmlText(join(dir, 'log', 'error.log'))}</errorlog></logger>
  <listen_host>${HOST}</listen_host>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <interserver_http_port>${ports.interserver}</interserver_http_port>
  <interserver_http_host>${HOST}</interserver_http_host>
  <path>${xmlText(join(dir, 'data'))}/</path>
  <tmp_path>${xmlText(join(dir, 'tmp'))}/</tmp_path>
  <user_files_path>${xmlText(join(dir, 'user_files'))}/</user_files_path>
  <format_schema_path>${xmlText(join(dir, 'format_schemas'))}/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <shutdown_wait_unfinished>1</shutdown_wait_unfinished>
  <keep_alive_timeout>3</keep_alive_timeout>
  <remote_servers><${CLUSTER}>${shards}</${CLUSTER}></remote_servers>
</yandex>
`
}

const MAX_MEMORY = Number(process.env.CLICKHOUSE_MAX_MEMORY) || 2_000_000_000
const USERS_XML = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>${MAX_MEMORY}</max_memory_usage><max_threads>2</max_threads></default></profiles>
  <users><default><password></password><networks><ip>${HOST}</ip></networks>
    <profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`

async function answers(port) {
  try {
    const r = await fetch(`http://${HOST}:${port}/?query=SELECT%201`, {
      signal: AbortSignal.timeout(2000),
    })
    return r.ok && (await r.text()).trim() === '1'
  } catch {
    return false
  }
}

const alive = (pid) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function stopPids(pids) {
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGTERM')
  const until = Date.now() + STOP_MS
  while (pids.some(alive) && Date.now() < until) await sleep(100)
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL')
  while (pids.some(alive) && Date.now() < until + 2000) await sleep(50)
}

// A port found free may be taken before the server binds it: try again with new ones.
async function start(shardCount, detached) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(shardCount, detached)
    } catch (e) {
      if (attempt >= 3) throw e
    }
  }
}

async function startOnce(shardCount, detached) {
  const command = findServer()
  if (!command) {
    process.stderr.write(
      `ClickHouse not installed: no ${process.env.CLICKHOUSE_SERVER ?? 'clickhouse-server or clickhouse'} binary found ` +
        '(Debian: apt-get install clickhouse-server clickhouse-client)\n',
    )
    process.exit(NOT_INSTALLED)
  }
  const dir = mkdtempSync(join(tmpdir(), 'clientele-clickhouse-'))
  const shards = []
  for (let i = 0; i < shardCount; i++) {
    shards.push({ http: await freePort(), tcp: await freePort(), interserver: await freePort() })
  }
  const children = []
  try {
    for (const [i, ports] of shards.entries()) {
      const home = join(dir, `shard${i + 1}`)
      for (const sub of ['data', 'tmp', 'user_files', 'format_schemas', 'log'])
        mkdirSync(join(home, sub), { recursive: true })
      writeFileSync(join(home, 'config.xml'), configXml(home, ports, shards))
      writeFileSync(join(home, 'users.xml'), USERS_XML)
      const [bin, ...pre] = command
      const child = spawn(bin, [...pre, `--config-file=${join(home, 'config.xml')}`], {
        cwd: home,
        detached,
        stdio: ['ignore', 'ignore', 'ignore'],
      })
      child.on('error', () => undefined)
      children.push(child)
      ports.pid = child.pid
    }
    writeFileSync(join(dir, 'cluster.json'), JSON.stringify({ dir, cluster: CLUSTER, shards }))
    const until = Date.now() + READY_MS
    for (const [i, ports] of shards.entries()) {
      while (!(await answers(ports.http))) {
        if (children[i].exitCode !== null || Date.now() > until) {
          throw new Error(
            `ClickHouse shard ${i + 1} (${HOST}:${ports.http}) did not start: ${errorLog(dir, i)}`,
          )
        }
        await sleep(100)
      }
    }
  } catch (e) {
    await stopPids(shards.map((s) => s.pid).filter((p) => p !== undefined))
    rmSync(dir, { recursive: true, force: true })
    throw e
  }
  if (detached) for (const c of children) c.unref()
  return { dir, cluster: CLUSTER, shards }
}

function errorLog(dir, i) {
  const file = join(dir, `shard${i + 1}`, 'log', 'error.log')
  const text = existsSync(file)
    ? readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' ')
    : ''
  return text || 'no error log'
}

async function stop(dir) {
  const file = join(dir, 'cluster.json')
  if (!existsSync(file)) throw new Error(`not a cluster directory: ${dir}`)
  const { shards } = JSON.parse(readFileSync(file, 'utf8'))
  await stopPids(shards.map((s) => s.pid))
  rmSync(dir, { recursive: true, force: true })
}

/** Starts a cluster, runs a query over every shard through the first, stops it. */
async function check(shardCount) {
  const cluster = await start(shardCount, false)
  try {
    const sql = `SELECT version(), count() FROM cluster('${CLUSTER}', system, one)`
    const r = await fetch(`http://${HOST}:${cluster.shards[0].http}/`, {
      method: 'POST',
      body: sql,
      signal: AbortSignal.timeout(READY_MS),
    })
    const [version, shards] = (await r.text()).trim().split('\t')
    if (!r.ok || Number(shards) !== shardCount) throw new Error(`cluster check failed: ${version}`)
    process.stdout.write(`${JSON.stringify({ ok: true, version, shards: Number(shards) })}\n`)
  } finally {
    await stop(cluster.dir)
  }
}

async function run(shardCount) {
  const cluster = await start(shardCount, false)
  let stopping
  const finish = () => {
    stopping ??= stop(cluster.dir).then(() => process.exit(0))
    return stopping
  }
  process.on('SIGTERM', finish)
  process.on('SIGINT', finish)
  process.stdin.on('end', finish)
  process.stdin.on('error', finish)
  process.stdin.resume()
  process.stdout.write(`${JSON.stringify(cluster)}\n`)
}

const [cmd, ...rest] = process.argv.slice(2)
const shardsArg = rest.indexOf('--shards')
const shardCount = shardsArg >= 0 ? Number(rest[shardsArg + 1]) : 2
if (!Number.isInteger(shardCount) || shardCount < 1 || shardCount > 8) {
  process.stderr.write(`invalid --shards: ${rest[shardsArg + 1]}\n`)
  process.exit(2)
}
try {
  if (cmd === 'start') process.stdout.write(`${JSON.stringify(await start(shardCount, true))}\n`)
  else if (cmd === 'stop' && rest[0]) await stop(rest[0])
  else if (cmd === 'run') await run(shardCount)
  else if (cmd === 'check') await check(shardCount)
  else {
    process.stderr.write('usage: clickhouse-cluster.mjs start|run|check [--shards N] | stop DIR\n')
    process.exit(2)
  }
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
}
