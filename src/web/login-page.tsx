// Signing in with user name and password.
import { useState } from 'preact/hooks'
import { login } from './api.js'
import type { T } from './i18n.js'

export function LoginPage({ t, onSignedIn }: { t: T; onSignedIn: () => void }) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    login(username, password)
      .then(onSignedIn)
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false))
  }
  return (
    <form class="login" onSubmit={submit}>
      <h1>{t('signIn')}</h1>
      <label>
        {t('username')}
        <input
          name="username"
          autocomplete="username"
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('password')}
        <input
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      {error !== null && (
        <p role="alert" class="error">
          {t('loginFailed')}: {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('signIn')}
      </button>
    </form>
  )
}
