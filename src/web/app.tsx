// The dashboard shell: sign-in, the header with navigation and the language button, the page.
import { useEffect, useState } from 'preact/hooks'
import { ApiError, getTiers, logout, type Lang, type TierList } from './api.js'
import { CustomerPage } from './customer-page.js'
import { savedLang, saveLang, translator } from './i18n.js'
import { LoginPage } from './login-page.js'
import { OverviewPage } from './overview-page.js'
import { useRoute } from './route.js'
import { TierListPage } from './tier-list-page.js'

export function App() {
  const [lang, setLang] = useState<Lang>(savedLang())
  const [tiers, setTiers] = useState<TierList | null>(null)
  const [signedIn, setSignedIn] = useState<boolean | null>(null)
  const [error, setError] = useState<string | null>(null)
  const route = useRoute()
  const t = translator(lang)

  const load = () =>
    getTiers()
      .then((r) => {
        setTiers(r)
        setSignedIn(true)
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) setSignedIn(false)
        else setError(e instanceof Error ? e.message : String(e))
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

  const toggle = (
    <button
      type="button"
      class="lang"
      lang={lang === 'zh' ? 'en' : 'zh-CN'}
      title={t('switchLangLabel')}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
    >
      {t('switchLang')}
    </button>
  )

  let main
  if (error !== null) main = <p role="alert">{error}</p>
  else if (signedIn === null) main = <p>{t('loading')}</p>
  else if (!signedIn || tiers === null) main = <LoginPage t={t} onSignedIn={load} />
  else if (route.path.startsWith('/customers/'))
    main = (
      <CustomerPage
        t={t}
        lang={lang}
        tiers={tiers}
        id={decodeURIComponent(route.path.slice('/customers/'.length))}
      />
    )
  else if (route.path === '/customers')
    main = <TierListPage t={t} lang={lang} tiers={tiers} params={route.params} />
  else main = <OverviewPage t={t} lang={lang} tiers={tiers} />

  const section = route.path.startsWith('/customers') ? 'customers' : 'overview'
  return (
    <>
      <header>
        <span class="brand">Clientele · {t('title')}</span>
        {signedIn === true && (
          <nav aria-label={t('title')}>
            <a href="#/overview" aria-current={section === 'overview' ? 'page' : undefined}>
              {t('overview')}
            </a>
            <a href="#/customers" aria-current={section === 'customers' ? 'page' : undefined}>
              {t('customers')}
            </a>
          </nav>
        )}
        <span class="spacer" />
        {toggle}
        {signedIn === true && (
          <button
            type="button"
            onClick={() =>
              void logout().finally(() => {
                setTiers(null)
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
