// Hash routes (`#/overview`, `#/customers?tier=…&page=2`, `#/customers/C001`), so the server
// needs no fallback and the back button works.
import { useEffect, useState } from 'preact/hooks'

export interface Route {
  readonly path: string
  readonly params: URLSearchParams
}

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?')
  return { path: path === '' ? '/overview' : path, params: new URLSearchParams(query) }
}

export function href(path: string, params: Record<string, string | number | undefined> = {}) {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v))
  const s = q.toString()
  return `#${path}${s === '' ? '' : `?${s}`}`
}

export function useRoute(): Route {
  const [hash, setHash] = useState(location.hash)
  useEffect(() => {
    const on = () => setHash(location.hash)
    addEventListener('hashchange', on)
    return () => removeEventListener('hashchange', on)
  }, [])
  return parseHash(hash)
}
