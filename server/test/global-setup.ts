import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildPgliteTemplate, buildPostgresTemplate, dropPostgresDatabase, dropStaleTestDatabases, ensureAppRole } from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

/** One template database per run and driver; test files clone it. */
export default async function setup(project: TestProject) {
  const driver = project.config.env.TEST_DRIVER;
  if (driver === 'postgresql') {
    const url = process.env.TEST_DATABASE_URL!;
    await dropStaleTestDatabases(url);
    await ensureAppRole(url);
    const name = await buildPostgresTemplate(url);
    project.provide('postgresTemplate', name);
    return async () => dropPostgresDatabase(url, name);
  }
  const file = await buildPgliteTemplate();
  project.provide('pgliteTemplate', file);
  return async () => fs.rmSync(file, { force: true });
}
