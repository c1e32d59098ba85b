/**
 * The API's OpenAPI 3.1 document, written by hand: one entry per route with what it does and
 * who may call it. A test checks it against the routes the app really has.
 */
import { TABLE_KINDS } from '../schema/index.js'

export interface RouteDoc {
  readonly method: 'get' | 'post' | 'put'
  readonly path: string
  readonly summary: string
  /** Roles allowed; `public` needs no sign-in, `any` any signed-in user. */
  readonly roles: 'public' | 'any' | readonly ('admin' | 'analyst' | 'manager' | 'viewer')[]
  readonly requestBody?: Record<string, unknown>
  /** Answers besides the default error, by status; 200 OK when none is a success. */
  readonly responses?: Readonly<Record<string, string>>
}

export const ROUTES: readonly RouteDoc[] = [
  { method: 'get', path: '/api/health', summary: 'Liveness: {"status":"ok"}', roles: 'public' },
  { method: 'get', path: '/api/openapi.json', summary: 'This document', roles: 'public' },
  {
    method: 'post',
    path: '/api/login',
    summary: 'Sign in with {username, password}: a session cookie and a CSRF token',
    roles: 'public',
  },
  { method: 'post', path: '/api/logout', summary: 'End the session', roles: 'any' },
  {
    method: 'get',
    path: '/api/session',
    summary:
      "The cookie session's user and CSRF token, for a page that has the cookie but not the token",
    roles: 'any',
    responses: {
      '200': '{ user: { name, role }, csrfToken }',
      '401': 'no session cookie, an expired one, or an API token (which has no session)',
    },
  },
  {
    method: 'get',
    path: '/api/tiers',
    summary:
      'Tiers with customers and value shares, the run’s warnings and the Pareto curve, of the latest run or ?snapshot=ID',
    roles: 'any',
    responses: {
      '200':
        '{ snapshot, asOf, policy, tiers: [{ id, name, customers, customerShare, value, valueShare, … }], warnings: [text] (known for the latest run only, else []), pareto: { points: [{ customerShare, valueShare }] } (at most 201, from (0, 0), highest value first; [] when no customer has value) }',
      '404': 'no analysis yet, or no such snapshot',
    },
  },
  {
    method: 'get',
    path: '/api/overview',
    summary:
      'The value map (binned) and customers per lifecycle stage of the latest run, over every customer of the store for every role, as GET /api/tiers; ?snapshot=ID of an older run answers with notes instead of charts',
    roles: 'any',
    responses: {
      '200':
        '{ snapshot, asOf, policy, scope: "store", tiers: [{ id, name }], valueMap: { bins: 20, cells: [{ x, y, customers, tiers: { [tier]: n } }] (bin k holds percentile ranks [5k, 5k + 5), the last also 100; cells with customers only), quadrants: [{ name, customers, tiers }] (I high value and potential, II low value and high potential, III low and low, IV high value and low potential; split at rank 50), customers, unmapped, xLabel, yLabel, potential: clv | clv-estimate | score } | null, lifecycle: { stages: [{ id: new | active | dormant | churned | reactivated, customers, tiers }] } | null, notes: { valueMap?, lifecycle? } ({ zh, en }: why a chart is missing or what its axis is) }',
      '404': 'no analysis yet, or no such snapshot',
    },
  },
  {
    method: 'get',
    path: '/api/customers',
    summary: 'Customers, paged: ?tier=&q=&sort=&order=&page=&pageSize=',
    roles: 'any',
  },
  {
    method: 'get',
    path: '/api/customers/{id}',
    summary: "A customer's basis, reason, needs, actions and tier history",
    roles: 'any',
  },
  {
    method: 'get',
    path: '/api/customers/{id}/orders',
    summary:
      "A customer's orders, newest first: ?page=&pageSize= (at most 500, default 100); every status, refunds included",
    roles: 'any',
    responses: {
      '200':
        '{ customerId, total (all the customer’s orders), page, pageSize, orders: [{ date, orderId, amount, category, status }] }',
      '404':
        'no analysis yet, no such customer, or (for an account manager) another manager’s customer',
    },
  },
  {
    method: 'post',
    path: '/api/analyses',
    summary:
      'Run an analysis {policy, asOf}: policy is the name of a preset or of a policy saved with PUT /api/policies/{name}',
    roles: ['admin', 'analyst'],
    responses: {
      '201': '{ snapshot, asOf, policy, customers, tiers, warnings }',
      '404': 'no preset or saved policy of that name',
    },
  },
  {
    method: 'get',
    path: '/api/snapshots',
    summary: 'The analyses kept as snapshots',
    roles: 'any',
  },
  {
    method: 'get',
    path: '/api/compare',
    summary: 'Tier migration between snapshots ?from=&to=',
    roles: ['admin', 'analyst'],
  },
  {
    method: 'get',
    path: '/api/actions',
    summary: 'Planned actions ?owner=&state=&overdue=',
    roles: 'any',
  },
  {
    method: 'post',
    path: '/api/actions/{id}',
    summary: 'Record an action as done or skipped {state, note}',
    roles: ['admin', 'analyst', 'manager'],
  },
  { method: 'get', path: '/api/audit', summary: 'The audit log', roles: ['admin'] },
  { method: 'get', path: '/api/policies', summary: 'Presets and saved policies', roles: 'any' },
  {
    method: 'get',
    path: '/api/policies/{name}',
    summary: 'A policy as YAML and a summary',
    roles: 'any',
  },
  {
    method: 'put',
    path: '/api/policies/{name}',
    summary: 'Save a policy (YAML body), validated',
    roles: ['admin', 'analyst'],
  },
  {
    method: 'post',
    path: '/api/policies/preview',
    summary:
      'What-if: shares and migration of an edited policy {policy, base, asOf}, not saved; both tiered at asOf, default the latest run’s',
    roles: ['admin', 'analyst'],
    responses: {
      '200':
        '{ asOf, asOfFrom: request | latest-run | last-order, customers, from, to, matrix, changed }',
    },
  },
  {
    method: 'get',
    path: '/api/exports',
    summary: 'The export formats GET /api/exports/{format} offers, and the CRM objects',
    roles: 'any',
    responses: { '200': '{ formats: [csv, salesforce, …], objects: [contact, account] }' },
  },
  {
    method: 'get',
    path: '/api/exports/{format}',
    summary: 'The analysis as csv or a CRM file: a format of GET /api/exports, ?object=&lang=',
    roles: 'any',
  },
  {
    method: 'post',
    path: '/api/imports',
    summary: 'Import uploaded files, all or none: counts per file and the quality report',
    roles: ['admin', 'analyst'],
    requestBody: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['files'],
            properties: {
              files: { type: 'array', items: { type: 'string', format: 'binary' } },
              kind: { type: 'string', enum: [...TABLE_KINDS] },
              mapping: { type: 'string', description: 'a mapping file as YAML or JSON text' },
            },
          },
        },
      },
    },
    responses: {
      '200': '{ ok: true, importId, files: [{ file, kind, rows, inserted, … }], quality }',
      '413': 'the upload is larger than the limit (`clientele serve --max-upload-mb`)',
      '422':
        '{ ok: false, error: { code, message, issues: [{ file, line, column, value, message }], totalIssues } }; nothing written',
    },
  },
]

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const r of ROUTES) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }))
    paths[r.path] = {
      ...paths[r.path],
      [r.method]: {
        summary: r.summary,
        ...(params.length > 0 && { parameters: params }),
        ...(r.roles === 'public' ? { security: [] } : {}),
        'x-roles': r.roles,
        ...(r.requestBody && { requestBody: r.requestBody }),
        responses: {
          ...(!Object.keys(r.responses ?? {}).some((k) => k.startsWith('2')) && {
            '200': { description: 'OK' },
          }),
          ...Object.fromEntries(
            Object.entries(r.responses ?? {}).map(([k, description]) => [k, { description }]),
          ),
          default: { description: '{ error, code, issues }' },
        },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Clientele API',
      version: '0.1.0',
      description: 'Customer value analysis and tiering',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'clientele_session' },
        token: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { token: [] }],
    paths,
  }
}
