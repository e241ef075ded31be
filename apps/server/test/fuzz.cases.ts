/**
 * Hostile and clumsy requests generated from the OpenAPI document: for every operation,
 * malformed and boundary values in each path parameter, query parameter and body field,
 * broken JSON, wrong content types, broken multipart bodies. Deterministic (no randomness):
 * a failure names the exact request, and the same request fails again on the next run.
 */

type Schema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  default?: unknown;
};

export interface OpenApiOperation {
  method: string;
  path: string; // OpenAPI form: /api/v1/inspections/{id}
  parameters: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: Schema }[];
  body: { contentType: string; schema: Schema } | null;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** What was bent, for the failure message. */
  what: string;
}

/** Every operation of the document, flattened. */
export function operationsOf(doc: {
  paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown }>>;
}): OpenApiOperation[] {
  const out: OpenApiOperation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const body = op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined;
      const [contentType, media] = Object.entries(body?.content ?? {})[0] ?? [];
      out.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters ?? []) as OpenApiOperation['parameters'],
        body: contentType && media ? { contentType, schema: media.schema } : null,
      });
    }
  }
  return out;
}

const HUGE = 'x'.repeat(100_000);
const UUID_NOWHERE = '01900000-0000-7000-8000-000000000000';

/** Values for a path parameter: each breaks it in another way (all URL-encoded already). */
const BAD_PATH_VALUES = [
  '0',
  '-1',
  '99999999999999999999999',
  'not-an-id',
  UUID_NOWHERE,
  '%ED%A0%80', // a lone surrogate, as CESU-8 bytes
  '%FF%FE',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  encodeURIComponent('"; drop table users; --'),
  'y'.repeat(3000),
];

/** Values for a query parameter (raw, already encoded). */
const BAD_QUERY_VALUES = [
  '',
  '-1',
  '0',
  '1.5',
  '1e308',
  '99999999999999999999999',
  'NaN',
  'abc',
  'true',
  '%ED%A0%80',
  '%F0%9F%98',
  '%00',
  'z'.repeat(5000),
  '2020-13-45',
];

/** Values that break a JSON body field; raw JSON text so lone surrogates survive. */
const BAD_JSON_VALUES = [
  'null',
  'true',
  '-1',
  '0',
  '1e308',
  '-1e308',
  '123456789012345678901234567890',
  '0.000001',
  '""',
  '"\\ud800"',
  '"a\\udfffb"',
  '"\\u0000"',
  '"2020-02-30"',
  '"9999-12-31T23:59:59Z"',
  JSON.stringify(HUGE),
  '[]',
  '[1,2,3]',
  '{}',
  '{"__proto__":{"x":1}}',
];

function sample(s: Schema | undefined, depth = 0): unknown {
  if (!s || depth > 6) return null;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  const alt = s.oneOf ?? s.anyOf ?? s.allOf;
  if (alt?.length) return sample(alt[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) o[k] = sample(v, depth + 1);
      return o;
    }
    case 'array':
      return [sample(s.items, depth + 1)];
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'uuid') return UUID_NOWHERE;
      if (s.format === 'date-time') return '2020-10-20T08:00:00Z';
      if (s.format === 'date') return '2020-10-20';
      return '测试';
    default:
      return null;
  }
}

/** The body's top-level properties (the first alternative of a oneOf), for field-by-field mutation. */
function topFields(s: Schema): { base: Record<string, unknown>; fields: string[] } | null {
  const obj = s.oneOf?.[0] ?? s.anyOf?.[0] ?? s;
  if (obj.type !== 'object' || !obj.properties) return null;
  return { base: sample(obj) as Record<string, unknown>, fields: Object.keys(obj.properties) };
}

function jsonWith(base: Record<string, unknown>, field: string, rawValue: string): string {
  const rest = { ...base };
  delete rest[field];
  const inner = JSON.stringify(rest).slice(1, -1);
  return `{${inner}${inner ? ',' : ''}${JSON.stringify(field)}:${rawValue}}`;
}

const MULTIPART_BODIES: [string, string, string | Buffer][] = [
  ['multipart without boundary', 'multipart/form-data', 'x'],
  ['multipart with an empty boundary', 'multipart/form-data; boundary=', '--\r\n'],
  ['multipart with a 300-character boundary', `multipart/form-data; boundary=${'b'.repeat(300)}`, 'x'],
  [
    'multipart truncated in a field',
    'multipart/form-data; boundary=abc',
    '--abc\r\nContent-Disposition: form-data; name="sha256"\r\n\r\nabc',
  ],
  [
    'multipart truncated in the file',
    'multipart/form-data; boundary=abc',
    '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff',
  ],
  ['multipart with a garbage body', 'multipart/form-data; boundary=abc', 'garbage garbage'],
  ['multipart with no parts', 'multipart/form-data; boundary=abc', '--abc--\r\n'],
  [
    'multipart with a header but no blank line',
    'multipart/form-data; boundary=abc',
    '--abc\r\nContent-Disposition: form-data; name="file"\r\n--abc--',
  ],
  ['multipart/mixed', 'multipart/mixed; boundary=abc', '--abc--\r\n'],
];

const TUS = { 'tus-resumable': '1.0.0' };
const meta = (o: Record<string, string>) =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

/** The tus creation step, bent in its headers (the document cannot describe them). */
function tusCreations(url: string): FuzzRequest[] {
  const m = meta({ inspectionId: UUID_NOWHERE, sha256: 'a'.repeat(64) });
  const cases: [string, Record<string, string>][] = [
    ['Upload-Concat partial', { 'upload-concat': 'partial', 'upload-length': '10', 'upload-metadata': m }],
    ['Upload-Concat final', { 'upload-concat': 'final;/api/v1/uploads/a /api/v1/uploads/b' }],
    ['Upload-Defer-Length', { 'upload-defer-length': '1', 'upload-metadata': m }],
    ['negative Upload-Length', { 'upload-length': '-1', 'upload-metadata': m }],
    ['huge Upload-Length', { 'upload-length': '99999999999999999999', 'upload-metadata': m }],
    ['Upload-Length not a number', { 'upload-length': 'abc', 'upload-metadata': m }],
    ['Upload-Metadata not base64', { 'upload-length': '10', 'upload-metadata': 'inspectionId %%%,sha256' }],
    [
      'Upload-Metadata with a lone surrogate',
      {
        'upload-length': '10',
        'upload-metadata': `filename ${Buffer.from([0xed, 0xa0, 0x80]).toString('base64')},${m}`,
      },
    ],
    ['no Tus-Resumable', { 'upload-length': '10', 'upload-metadata': m, 'tus-resumable': '' }],
    ['Tus-Resumable 0.1', { 'upload-length': '10', 'upload-metadata': m, 'tus-resumable': '0.1.0' }],
  ];
  return cases.map(([what, h]) => ({
    method: 'POST',
    url,
    headers: Object.fromEntries(Object.entries({ ...TUS, ...h }).filter(([, v]) => v !== '')),
    what: `tus ${what}`,
  }));
}

/** A path with its parameters filled: `{id}` from `fill`, or the given raw value for `bent`. */
function urlOf(
  op: OpenApiOperation,
  fill: (name: string, path: string) => string,
  bent?: { name: string; value: string },
) {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    bent?.name === name ? bent.value : fill(name, op.path),
  );
}

/**
 * The requests for one operation. `fill` gives a real value for a path parameter (an id of
 * a record the fixture made), so bent queries and bodies reach the handler, not only a 404.
 */
export function requestsFor(
  op: OpenApiOperation,
  fill: (name: string, path: string) => string,
): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  // Required query parameters get a plausible value, so the other bends reach the handler.
  const required = op.parameters.filter((x) => x.in === 'query' && x.required);
  const given = required.map((x) => `${x.name}=${encodeURIComponent(String(sample(x.schema)))}`);
  const base = `${urlOf(op, fill)}${given.length ? `?${given.join('&')}` : ''}`;
  const join = (q: string) => `${base}${base.includes('?') ? '&' : '?'}${q}`;
  const json = { 'content-type': 'application/json' };
  const validBody = op.body ? JSON.stringify(sample(op.body.schema)) : undefined;
  const bodyHeaders = op.body?.contentType === 'application/json' ? json : {};
  const withBody = (r: Omit<FuzzRequest, 'payload' | 'headers'> & Partial<FuzzRequest>): FuzzRequest => ({
    headers: r.headers ?? bodyHeaders,
    ...(op.body?.contentType === 'application/json' && r.payload === undefined ? { payload: validBody } : {}),
    ...r,
  });

  out.push(withBody({ method: op.method, url: base, what: 'plain' }));
  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    for (const value of BAD_PATH_VALUES)
      out.push(
        withBody({
          method: op.method,
          url: urlOf(op, fill, { name: p.name, value }),
          what: `path ${p.name}=${value.slice(0, 40)}`,
        }),
      );
  }
  const query = op.parameters.filter((x) => x.in === 'query');
  for (const p of query) {
    for (const value of BAD_QUERY_VALUES)
      out.push(
        withBody({
          method: op.method,
          url: join(`${p.name}=${value}`),
          what: `query ${p.name}=${value.slice(0, 40)}`,
        }),
      );
    out.push(
      withBody({ method: op.method, url: join(`${p.name}=1&${p.name}=2`), what: `query ${p.name} twice` }),
    );
    out.push(withBody({ method: op.method, url: join(`${p.name}[a]=1`), what: `query ${p.name}[a]` }));
  }
  if (query.length)
    out.push(withBody({ method: op.method, url: join('unknown=1&&&=&%'), what: 'query garbage' }));

  if (op.path.endsWith('/uploads') && op.method === 'POST') out.push(...tusCreations(base));
  if (op.method === 'GET' || op.method === 'HEAD' || op.method === 'DELETE') {
    // A body where none belongs.
    out.push({
      method: op.method,
      url: base,
      headers: json,
      payload: '{"a":',
      what: 'unexpected broken body',
    });
    return out;
  }
  // Broken JSON and wrong content types, whatever the route expects.
  const bodies: [string, Record<string, string>, string | Buffer][] = [
    ['invalid JSON', json, '{"a":'],
    ['JSON with a trailing comma', json, '{"a":1,}'],
    ['empty JSON body', json, ''],
    ['JSON null', json, 'null'],
    ['JSON string', json, '"text"'],
    ['JSON array', json, '[]'],
    ['JSON number', json, '-1e308'],
    ['deeply nested JSON', json, `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['lone surrogate key', json, '{"\\ud800":1}'],
    ['JSON with a lone surrogate value', json, '{"a":"\\udc00"}'],
    [
      'JSON with invalid UTF-8 bytes',
      json,
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
    ],
    ['text/plain', { 'content-type': 'text/plain' }, 'hello'],
    ['application/xml', { 'content-type': 'application/xml' }, '<a/>'],
    ['form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'],
    ['octet-stream', { 'content-type': 'application/octet-stream' }, Buffer.from([0, 1, 2])],
    ['content-type with a bad charset', { 'content-type': 'application/json; charset=klingon' }, '{}'],
    ['no content-type', {}, '{}'],
    ...MULTIPART_BODIES.map(([w, ct, b]): [string, Record<string, string>, string | Buffer] => [
      w,
      { 'content-type': ct },
      b,
    ]),
  ];
  for (const [what, headers, payload] of bodies)
    out.push({ method: op.method, url: base, headers, payload, what });

  const fields = op.body?.contentType === 'application/json' ? topFields(op.body.schema) : null;
  if (fields) {
    for (const field of fields.fields)
      for (const raw of BAD_JSON_VALUES)
        out.push({
          method: op.method,
          url: base,
          headers: json,
          payload: jsonWith(fields.base, field, raw),
          what: `body ${field}=${raw.slice(0, 40)}`,
        });
    out.push({
      method: op.method,
      url: base,
      headers: json,
      payload: jsonWith(fields.base, 'unknownField', '1'),
      what: 'body with an unknown field',
    });
  }
  return out;
}
