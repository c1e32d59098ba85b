/**
 * The web dashboard (SPEC §6): a Preact single-page app built by `npm run build:web` into
 * `dist/web/`, which the server serves at `/`. It talks to the server over HTTP only; this
 * module is what the rest of the project may know about it (nothing of the browser code).
 */

/** The dashboard's pages, as the hash routes the app answers. */
export const WEB_ROUTES = [
  '#/login',
  '#/overview',
  '#/customers',
  '#/customers/:id',
  '#/import',
  '#/analyses',
  '#/policies',
  '#/actions',
  '#/snapshots',
  '#/exports',
] as const

/** Where the built dashboard goes, relative to the project root. */
export const WEB_DIST = 'dist/web'
