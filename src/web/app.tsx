// The dashboard shell: sign-in, the header with navigation and the language button, the page.
import { useEffect, useState } from 'preact/hooks'
import {
  ApiError,
  csrfToken,
  currentUser,
  getTiers,
  logout,
  resumeSession,
  type Lang,
  type TierList,
} from './api.js'
import { ActionsPage } from './actions-page.js'
import { AnalysisPage } from './analysis-page.js'
import { CustomerPage } from './customer-page.js'
import { ExportsPage } from './exports-page.js'
import { savedLang, saveLang, translator, type T, type Word } from './i18n.js'
import { ImportPage } from './import-page.js'
import { LoginPage } from './login-page.js'
import { OverviewPage } from './overview-page.js'
import { PolicyPage } from './policy-page.js'
import { href, useRoute, type Route } from './route.js'
import { SnapshotsPage } from './snapshots-page.js'
import { TierListPage } from './tier-list-page.js'

/** Top-level sections: route, label, and whether only admins and analysts use them. */
const SECTIONS: readonly (readonly [string, Word, boolean])[] = [
  ['/overview', 'overview', false],
  ['/customers', 'customers', false],
  ['/import', 'importData', true],
  ['/analyses', 'runAnalysis', true],
  ['/policies', 'policies', false],
  ['/actions', 'actionsTitle', false],
  ['/snapshots', 'snapshots', false],
  ['/exports', 'exports', false],
]

export function App() {
  const [lang, setLang] = useState<Lang>(savedLang())
  // undefined: not loaded yet; null: signed in, no analysis yet
  const [tiers, setTiers] = useState<TierList | null | undefined>(undefined)
  const [signedIn, setSignedIn] = useState<boolean | null>(null)
  const [error, setError] = useState<string | null>(null)
  const route = useRoute()
  const t = translator(lang)

  // a tab opened beside a signed-in one has the cookie but neither user nor token
  const load = () =>
    (csrfToken() === null || currentUser() === null ? resumeSession() : Promise.resolve())
      .then(() => getTiers())
      .then((r) => {
        setTiers(r)
        setSignedIn(true)
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) setSignedIn(false)
        else if (e instanceof ApiError && (e.status === 400 || e.status === 404)) {
          setTiers(null)
          setSignedIn(true)
        } else setError(e instanceof Error ? e.message : String(e))
      })
  useEffect(() => {
    saveLang(lang)
  }, [lang])
  useEffect(() => {
    void load()
  }, [])
  useEffect(() => {
    document.title = `Clientele · ${t('title')}`
  }, [lang])

  const user = signedIn === true ? currentUser() : null
  const canWork = user === null || user.role === 'admin' || user.role === 'analyst'
  const section = `/${route.path.split('/')[1] ?? ''}`
  let main
  if (error !== null) main = <p role="alert">{error}</p>
  else if (signedIn === null || (signedIn && tiers === undefined)) main = <p>{t('loading')}</p>
  else if (!signedIn || tiers === undefined) main = <LoginPage t={t} onSignedIn={load} />
  else main = page(route, t, lang, tiers, canWork, load)

  return (
    <>
      <header>
        <span class="brand">Clientele · {t('title')}</span>
        {signedIn === true && (
          <nav aria-label={t('title')}>
            {SECTIONS.filter(([, , work]) => canWork || !work).map(([path, word]) => (
              <a key={path} href={href(path)} aria-current={section === path ? 'page' : undefined}>
                {t(word)}
              </a>
            ))}
          </nav>
        )}
        <span class="spacer" />
        {user !== null && <span class="user">{user.name}</span>}
        <button
          type="button"
          class="lang"
          lang={lang === 'zh' ? 'en' : 'zh-CN'}
          title={t('switchLangLabel')}
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        >
          {t('switchLang')}
        </button>
        {signedIn === true && (
          <button
            type="button"
            onClick={() =>
              void logout().finally(() => {
                setTiers(undefined)
                setSignedIn(false)
              })
            }
          >
            {t('signOut')}
          </button>
        )}
      </header>
      <main>{main}</main>
    </>
  )
}

function page(
  route: Route,
  t: T,
  lang: Lang,
  tiers: TierList | null,
  canWork: boolean,
  reload: () => Promise<void>,
) {
  const { path, params } = route
  const user = currentUser()
  const snapshot = Number(params.get('snapshot'))
  if (path === '/import') return <ImportPage t={t} lang={lang} onImported={() => void reload()} />
  if (path === '/analyses')
    return (
      <AnalysisPage
        t={t}
        current={tiers?.policy ?? null}
        onDone={(id) =>
          void reload().then(() => (location.hash = href('/overview', { snapshot: id })))
        }
      />
    )
  if (path === '/policies')
    return <PolicyPage t={t} lang={lang} name={params.get('name')} canEdit={canWork} />
  if (path === '/actions') return <ActionsPage t={t} lang={lang} user={user} params={params} />
  if (path === '/snapshots')
    return <SnapshotsPage t={t} lang={lang} params={params} canCompare={canWork} />
  if (path === '/exports') return <ExportsPage t={t} lang={lang} />
  if (tiers !== null && path.startsWith('/customers/'))
    return (
      <CustomerPage
        t={t}
        lang={lang}
        tiers={tiers}
        id={decodeURIComponent(path.slice('/customers/'.length))}
      />
    )
  if (tiers !== null && path === '/customers')
    return <TierListPage t={t} lang={lang} tiers={tiers} params={params} />
  return (
    <OverviewPage
      t={t}
      lang={lang}
      latest={tiers}
      snapshot={Number.isInteger(snapshot) && snapshot > 0 ? snapshot : null}
      canRun={canWork}
    />
  )
}
