export { registerAuthHook } from './auth.hook.ts';
export { registerAuthRoutes } from './auth.routes.ts';
export { databaseRateLimitStore } from './auth.rate-limit.ts';
export { hashPassword } from './auth.passwords.ts';
export { actorFrom, assertPasswordStrength, normalizeLogin } from './auth.service.ts';
export { findUserById, revokeUserSessions } from './auth.repository.ts';
