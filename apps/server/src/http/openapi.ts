import { errorSchema } from '@ancha/core';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Access, SESSION_COOKIE } from './access.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The parts of a multipart upload, for the document only: the handler reads them in order
     * (fields before the file, to refuse before reading a byte), so no body validator can.
     */
    multipartForm?: z.ZodObject;
    /** What the document calls a trailing `*` of the route's URL (tus upload ids). */
    wildcardParam?: string;
  }
}

/**
 * The error answers every operation may give, each a shared `#/components/responses/…` whose
 * body is core's `errorSchema`. Which apply to an operation is derived from the route, in
 * `withErrors` below: 400 when it takes input, 401 unless public, 403 when it needs a
 * capability, 404 when its path names something; any other 4xx it declares itself.
 */
const ERROR_RESPONSES: Record<string, { name: string; description: string }> = {
  400: {
    name: 'BadRequest',
    description: '请求有误（validation_failed：参数或请求体未通过校验；bad_request；hash_mismatch）',
  },
  401: {
    name: 'Unauthenticated',
    description: '未登录或登录已过期（unauthenticated、session_expired、invalid_credentials）',
  },
  403: { name: 'Forbidden', description: '没有权限（forbidden）' },
  404: { name: 'NotFound', description: '不存在，或不在调用者的权限范围内（not_found）' },
  409: {
    name: 'Conflict',
    description: '与当前状态冲突（conflict、idempotency_conflict、possible_duplicate、invalid_transition）',
  },
  412: { name: 'PreconditionFailed', description: 'tus 协议版本不符（Tus-Resumable）' },
  413: { name: 'PayloadTooLarge', description: '文件或请求体超过上限（payload_too_large）' },
  415: {
    name: 'UnsupportedMediaType',
    description: '文件类型不被接受（unsupported_media_type，按文件内容判断）',
  },
  416: { name: 'RangeNotSatisfiable', description: '请求的字节范围超出文件大小（range_not_satisfiable）' },
  422: { name: 'ImportFailed', description: '导入未保存：details.rows 列出每一行的错误（import_failed）' },
  429: { name: 'TooManyRequests', description: '请求过于频繁（too_many_requests）' },
  503: { name: 'Unavailable', description: '服务器暂时无法处理，未保存任何内容，稍后重试' },
  507: { name: 'InsufficientStorage', description: '服务器存储空间已满，未保存任何内容' },
};

const SUCCESS_TEXT: Record<string, string> = {
  200: '成功',
  201: '已创建',
  204: '成功，无内容',
  206: '部分内容',
  304: '未修改',
};

const TAGS: Record<string, string> = {
  system: '健康检查与本文档',
  auth: '登录、退出与当前用户（会话 Cookie ancha_session 或 Bearer 令牌）',
  users: '账号与角色绑定',
  org: '行政区划（GB/T 2260，河南省）',
  campaign: '专项行动、轮次与核查组（附件1）',
  people: '人员库与每轮人员名单',
  teams: '小组编组与每日定额',
  sites: '检查点位',
  inspections: '检查记录',
  media: '证据照片与视频（含 tus 断点续传）',
  live: '实时动态（服务器推送事件）',
  problems: '问题处置流程',
  tasks: '核查组任务（回头看等）',
  documents: '交办单与问题清单文档',
  mail: '交办邮件发件箱与属地邮箱',
  jobs: '定时任务',
  audit: '审计日志',
  dashboard: '指挥大屏（各面板读模型）与指挥调度日报',
};

/** `GET /problems/:id/transitions` → `getProblemsByIdTransitions`: unique because method + path are. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1/, '')
    .split('/')
    .filter(Boolean)
    .flatMap((seg) => (seg.startsWith(':') ? ['by', seg.slice(1)] : seg.split(/[^A-Za-z0-9]+/)))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

const documented = (route: Pick<RouteOptions, 'method' | 'schema'>) =>
  route.method !== 'OPTIONS' && !(route.schema as { hide?: boolean } | undefined)?.hide;

/**
 * A route ships with its contract or the server does not start, as with `config.access`:
 * every documented /api route declares a 2xx (or 3xx) response schema, and one method, so
 * that its operation has one id and says what it answers.
 */
export function registerContractCheck(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/') || !documented(route)) return;
    const where = `route ${String(route.method)} ${route.url}`;
    if (Array.isArray(route.method)) throw new Error(`${where}: document one method per route`);
    const codes = Object.keys((route.schema?.response as object | undefined) ?? {});
    if (!codes.some((c) => /^[23]/.test(c))) {
      throw new Error(`${where} declares no success response schema (schema.response[2xx])`);
    }
  });
}

type Json = Record<string, unknown>;
type TransformArg = Parameters<typeof jsonSchemaTransform>[0] & { route: RouteOptions };

/** Per route: zod → JSON schema, then what the route's options say about the operation. */
function transform(arg: TransformArg) {
  const { route } = arg;
  const wildcard = route.config?.wildcardParam;
  const url = wildcard ? arg.url.replace(/\*$/, `:${wildcard}`) : arg.url;
  const out = jsonSchemaTransform({ ...arg, url });
  const schema = out.schema as Json;
  if (schema.hide) return out;
  const access = route.config?.access as Access | undefined;
  schema.operationId ??= operationIdOf(String(route.method), url);
  if (access) schema['x-access'] = access;
  if (access === 'public') schema.security = [];
  const form = route.config?.multipartForm;
  if (form) {
    const { $schema: _, ...json } = z.toJSONSchema(form, { target: 'openapi-3.0', io: 'input' });
    schema.body = { content: { 'multipart/form-data': { schema: json } } };
  }
  return { schema, url };
}

const isNullSchema = (s: unknown) =>
  Array.isArray((s as Json | undefined)?.enum) && (s as { enum: unknown[] }).enum[0] === null;

/** One operation's answers: no body where there is none, the error answers as shared references. */
function withErrors(op: Json, path: string, used: Set<string>): Json {
  const responses = { ...((op.responses as Record<string, Json>) ?? {}) };
  const isError = (code: string) => /^[45]/.test(code);
  for (const [code, r] of Object.entries(responses)) {
    if (isError(code)) continue;
    const content = r.content as Record<string, { schema?: unknown }> | undefined;
    const schema = content && Object.values(content)[0]?.schema;
    if (content && isNullSchema(schema)) delete r.content;
    if (r.description === 'Default Response') r.description = SUCCESS_TEXT[code] ?? '成功';
  }
  const access = op['x-access'] as Access | undefined;
  const takesInput = !!op.requestBody || ((op.parameters as unknown[] | undefined)?.length ?? 0) > 0;
  const derived = [
    takesInput && '400',
    access !== 'public' && '401',
    access !== 'public' && access !== 'authenticated' && '403',
    path.includes('{') && '404',
  ].filter((c): c is string => !!c);
  for (const code of [...derived, ...Object.keys(responses).filter(isError)]) {
    const known = ERROR_RESPONSES[code];
    if (!known) throw new Error(`${path}: no shared error response for status ${code}`);
    responses[code] = { $ref: `#/components/responses/${known.name}` };
    used.add(code);
  }
  const ordered = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
  return { ...op, responses: ordered };
}

/** The whole document: component schemas from zod's registry, then the shared error answers. */
function transformObject(arg: Parameters<typeof jsonSchemaTransformObject>[0]) {
  const doc = jsonSchemaTransformObject(arg) as Json & { paths: Record<string, Record<string, Json>> };
  const used = new Set<string>();
  const paths: typeof doc.paths = {};
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    paths[path] = Object.fromEntries(Object.entries(ops).map(([m, op]) => [m, withErrors(op, path, used)]));
  }
  const components = (doc.components ?? {}) as Json;
  const { $schema: _, ...apiError } = z.toJSONSchema(errorSchema, { target: 'openapi-3.0' });
  const responses: Record<string, Json> = {};
  for (const code of [...used].sort()) {
    const { name, description } = ERROR_RESPONSES[code]!;
    responses[name] = {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
    };
  }
  return {
    ...doc,
    paths,
    components: {
      ...components,
      schemas: { ...(components.schemas as Json), ApiError: apiError },
      responses,
    },
  };
}

/**
 * The OpenAPI document: every route's request and response schemas from core, an operationId
 * for each (method + path unless the route names one), the 4xx answers derived from the
 * route, both ways to authenticate, and `security: []` on public operations.
 */
export function openapiOptions(version: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'ancha 暗访核查平台 API',
        version,
        description:
          '列表为 { items, nextCursor? }；错误为 { error: { code, message, details? } }（4xx）。浏览器用会话 Cookie，手机端与脚本用登录返回的 Bearer 令牌。',
      },
      servers: [{ url: '/', description: '本服务（路径含 /api/v1 前缀）' }],
      tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'POST /auth/login 返回的 token' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: '登录时设置的 HttpOnly 会话 Cookie',
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: transform as FastifyDynamicSwaggerOptions['transform'],
    transformObject: transformObject as FastifyDynamicSwaggerOptions['transformObject'],
  };
}
