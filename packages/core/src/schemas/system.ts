import { z } from 'zod';

export const healthOut = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
  /** Whether the database accepts writes right now (locked by another process, disk full: false). */
  writable: z.boolean(),
  /** Why it does not, when it does not. */
  writeProblem: z.string().optional(),
});
export type HealthOut = z.infer<typeof healthOut>;

/** GET /openapi.json: the OpenAPI 3 document itself (its shape is the OpenAPI specification's). */
export const openapiDocumentOut = z
  .record(z.string(), z.unknown())
  .describe('OpenAPI 3.0 文档（本接口的全部路由、请求与响应）');

/**
 * GET /live answers `text/event-stream`: a `ready` event, then one event per domain event the
 * caller may hear (`event:` is its type, `data:` the JSON of core's `LiveMessage`), and a
 * comment line as heartbeat every 25 s.
 */
export const liveStream = {
  description:
    '服务器推送事件流（SSE）：先发送 ready，之后每条事件的 event 为事件类型、data 为 {type, at, data} 的 JSON；每25秒一行注释作为心跳',
  content: { 'text/event-stream': { schema: z.string() } },
};

/**
 * GET /map/tiles: the base map the console's maps draw, as the server is configured
 * (ANCHA_TILE_*): Leaflet URL templates, the base first and label overlays after it (天地图: vec_w
 * then cva_w). null: no tile service; the maps stand on the built-in city and county outlines.
 */
export const mapTilesOut = z.object({
  tiles: z
    .object({
      urls: z.array(z.string()).min(1).describe('Leaflet 瓦片地址模板：底图在前，注记图层在后'),
      subdomains: z.string().describe('{s} 依次取的子域字符，如 01234567'),
      attribution: z.string().describe('地图版权与审图号说明'),
    })
    .nullable(),
});
export type MapTilesOut = z.infer<typeof mapTilesOut>;
