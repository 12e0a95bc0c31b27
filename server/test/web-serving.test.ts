import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TAG, type TestContext } from './build-test-app.ts';

describe(`serving the web UI ${TAG}`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(
      path.join(dist, 'index.html'),
      '<!doctype html><title>Приграничное сотрудничество</title><script type="module" src="/assets/app-1a2b.js"></script>',
    );
    fs.writeFileSync(path.join(dist, 'assets', 'app-1a2b.js'), 'console.log(1)');
    ctx = await createTestContext({ env: { WEB_DIST: dist } });
  });
  afterAll(async () => ctx?.close());

  it('serves index.html for client-side routes, never cached, with the CSP', async () => {
    for (const url of ['/', '/offices', '/offices/0190a1b2-0000-7000-8000-000000000000']) {
      const res = await ctx.anonymous.get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(String(res.body)).toContain('Приграничное сотрудничество');
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    }
  });

  it('serves content-hashed bundles as immutable; unknown files and API paths answer 404', async () => {
    const js = await ctx.anonymous.get('/assets/app-1a2b.js');
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await ctx.anonymous.get('/assets/missing.js')).status).toBe(404);
    const api = await ctx.anonymous.get('/api/v1/unknown');
    expect(api.status).toBe(404);
    expect(api.body.code).toBe('NOT_FOUND');
  });
});
