export { createServer, type ServerOptions } from './app.js'
export { startServer, type RunningServer } from './listen.js'
export { USER_ROLES, addUser, createToken, type User, type UserRole } from './auth-store.js'
export { SORTABLE } from './customers.js'
