import { DamagedFileList, FileCheckParams, FileCheckResult } from '../../../domain/schemas/files.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, commonErrors, type App } from '../../lib/http.ts';
import { checkFile, listDamagedFiles } from './files.service.ts';

export function registerFileRoutes(app: App, deps: Deps): void {
  const tags = ['files'];
  app.get(
    '/api/v1/files/damaged',
    {
      schema: {
        tags,
        summary: 'Administrator: stored files that do not match their SHA-256 or are missing, with the attachments they back and their path under FILES_DIR',
        response: { 200: DamagedFileList, ...commonErrors },
      },
    },
    async (request) => listDamagedFiles(deps, actorOf(request)),
  );
  app.post(
    '/api/v1/files/:sha256/check',
    {
      schema: {
        tags,
        summary: 'Administrator: verify a stored file again (after restoring it from a backup); an intact file loses its damaged mark; audited',
        params: FileCheckParams,
        response: { 200: FileCheckResult, ...commonErrors },
      },
    },
    async (request) => checkFile(deps, actorOf(request), request.params.sha256),
  );
}
