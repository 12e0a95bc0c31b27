export {
  recordAudit,
  verifyChain,
  verifyAgainstCheckpoints,
  runScheduledCheckpoint,
  signCheckpoint,
  type VerifyResult,
  type AuditInput,
} from './audit.service.ts';
export { registerAuditRoutes } from './audit.routes.ts';
export { roleCanRewriteAuditLog } from './audit.repository.ts';
export { existingCheckpointKey, publicKeyFromPem, type CheckpointPublicKey } from './audit.checkpoints.ts';
