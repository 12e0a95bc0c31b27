import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEM_ACTION_SPECS, type ItemActionSpec } from '../../../domain/schemas/item-actions.ts';
import { createTestContext, TAG, type TestContext } from '../../test/build-test-app.ts';

type Operation = { summary?: string; requestBody?: { content?: Record<string, { schema?: unknown }> } };

/** The JSON schema the OpenAPI document gives a zod body (as app.ts's swagger transform makes it). */
function jsonBody(url: string, body: ItemActionSpec['body'], openapi: string): unknown {
  const transformed = jsonSchemaTransform({ schema: { body }, url, route: { method: 'POST', url }, openapiObject: { openapi } } as unknown as Parameters<
    typeof jsonSchemaTransform
  >[0]);
  return (transformed.schema as { body: unknown }).body;
}

describe(`the posted item actions in the API ${TAG}`, () => {
  let ctx: TestContext;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    ctx = await createTestContext();
    doc = (await ctx.anonymous.get('/api/openapi.json')).body;
  });
  afterAll(async () => ctx?.close());

  it('every spec of domain/schemas/item-actions.ts is a POST route of the OpenAPI document with its body and summary', () => {
    const missing: string[] = [];
    for (const [action, spec] of Object.entries(ITEM_ACTION_SPECS) as [string, ItemActionSpec][]) {
      const path = `/api/v1/items/{id}/${spec.path}`;
      const op = doc.paths[path]?.post;
      if (!op) {
        missing.push(`${action}: ${path}`);
        continue;
      }
      expect(op.summary, action).toBe(spec.summary);
      expect(op.requestBody?.content?.['application/json']?.schema, action).toEqual(jsonBody(`/api/v1/items/:id/${spec.path}`, spec.body, doc.openapi));
    }
    expect(missing).toEqual([]);
  });

  it('the comparison tells one body from another', () => {
    const op = doc.paths['/api/v1/items/{id}/outcome']!.post!;
    expect(op.requestBody?.content?.['application/json']?.schema).not.toEqual(jsonBody('/api/v1/items/:id/outcome', ITEM_ACTION_SPECS.send.body, doc.openapi));
  });
});
