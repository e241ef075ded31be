import { errorSchema } from '@ancha/core';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerContractCheck } from '../src/http/openapi.ts';
import { startPlatform, type TestPlatform } from './harness.ts';

type Operation = {
  operationId?: string;
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<
    string,
    { $ref?: string; description?: string; content?: Record<string, { schema?: object }> }
  >;
  'x-access'?: string;
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  security: unknown[];
};

const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );

/** A concrete URL for a documented path: a well-formed value for each path parameter. */
const urlOf = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'sha256'
      ? 'a'.repeat(64)
      : name === 'name'
        ? 'mail.drain'
        : '01900000-0000-7000-8000-000000000000',
  );

// The document does not depend on the database: one platform on SQLite is enough.
describe('the API contract (OpenAPI document)', () => {
  let p: TestPlatform;
  let doc: Doc;
  beforeAll(async () => {
    p = await startPlatform('sqlite');
    const r = await p.call('GET', '/openapi.json');
    expect(r.statusCode).toBe(200);
    doc = r.json();
  });
  afterAll(() => p.close());

  it('gives every operation a success answer with its schema (or says it has no body)', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(50);
    for (const { method, path, op } of ops) {
      const success = Object.entries(op.responses).filter(([code]) => /^2/.test(code));
      expect(success.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const [code, r] of success) {
        // Fastify's placeholder for a route that declared nothing.
        expect(r.description, `${method} ${path} ${code}`).not.toBe('Default Response');
        const bodyless = code === '204' || method === 'HEAD' || !r.content;
        if (bodyless) expect(r.content, `${method} ${path} ${code}`).toBeUndefined();
        else
          for (const media of Object.values(r.content!))
            expect(media.schema, `${method} ${path} ${code}`).toBeTruthy();
      }
    }
  });

  it('names every operation once, from its method and path unless the route names it', () => {
    const ids = operations(doc).map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/api/v1/problems/{id}/transitions']!.post!.operationId).toBe(
      'postProblemsByIdTransitions',
    );
    expect(Object.keys(doc.paths['/api/v1/uploads/{uploadId}']!)).toEqual(['head', 'patch', 'delete']);
    expect(doc.paths['/api/v1/uploads/{uploadId}']!.patch!.operationId).toBe('patchUploadsByUploadId');
  });

  it('declares the 4xx answers each operation can give, as shared responses in the error shape', () => {
    for (const { method, path, op } of operations(doc)) {
      const where = `${method} ${path}`;
      const codes = Object.keys(op.responses);
      const access = op['x-access'];
      expect(access, where).toBeTruthy();
      if (access === 'public') expect(op.security, where).toEqual([]);
      else expect(codes, where).toContain('401');
      if (access !== 'public' && access !== 'authenticated') expect(codes, where).toContain('403');
      if (path.includes('{')) expect(codes, where).toContain('404');
      if (op.requestBody || op.parameters?.length) expect(codes, where).toContain('400');
      for (const code of codes.filter((c) => c.startsWith('4'))) {
        expect(op.responses[code]!.$ref, `${where} ${code}`).toMatch(/^#\/components\/responses\/\w+$/);
      }
    }
    expect(doc.paths['/api/v1/problems/{id}/transitions']!.post!.responses['409']).toEqual({
      $ref: '#/components/responses/Conflict',
    });
    expect(doc.components.responses.Conflict).toEqual({
      description: expect.stringContaining('invalid_transition'),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
    });
  });

  it('declares the cookie session beside the Bearer token, and files and streams by their types', () => {
    expect(doc.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'ancha_session' }),
    });
    expect(doc.security).toEqual([{ bearer: [] }, { session: [] }]);
    const ledger = doc.paths['/api/v1/problems/ledger.xlsx']!.get!.responses['200']!;
    expect(Object.keys(ledger.content!)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    const live = doc.paths['/api/v1/live']!.get!.responses['200']!;
    expect(Object.keys(live.content!)).toEqual(['text/event-stream']);
    const upload = doc.paths['/api/v1/inspections/{id}/media']!.post!.requestBody as {
      content: Record<string, { schema: { required: string[] } }>;
    };
    expect(upload.content['multipart/form-data']!.schema.required).toEqual(['sha256', 'file']);
  });

  it('answers 401 in the error shape to every non-public operation called without a session', async () => {
    for (const { method, path, op } of operations(doc)) {
      if (op['x-access'] === 'public') continue;
      const r = await p.app.inject({ method: method as 'GET', url: urlOf(path) });
      expect(r.statusCode, `${method} ${path}`).toBe(401);
      if (method !== 'HEAD') expect(errorSchema.safeParse(r.json()).success, `${method} ${path}`).toBe(true);
    }
  });
});

describe('a route without a response schema', () => {
  it('stops the server from starting, as a route without access does', async () => {
    const app = Fastify();
    registerContractCheck(app);
    await expect(
      (async () => {
        app.get('/api/v1/undocumented', { config: { access: 'public' } }, async () => ({ ok: true }));
        await app.ready();
      })(),
    ).rejects.toThrow(/declares no success response schema/);
    await app.close();
  });
});
