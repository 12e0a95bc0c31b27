export { recordAudit, verifyChain, type VerifyResult, type AuditInput } from './audit.service.ts';
export { registerAuditRoutes } from './audit.routes.ts';
export { roleCanRewriteAuditLog } from './audit.repository.ts';
