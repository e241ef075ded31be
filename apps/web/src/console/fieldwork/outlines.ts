import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import L from 'leaflet';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { CITY_SEATS } from './cities.ts';
import henan from './geo/henan.topo.json';
import { CITY_LINE, COUNTY_LINE } from './outlineStyle.ts';

/**
 * Henan's city and county outlines for a map without tiles (scripts/henan-outlines.ts made the
 * data; codes are the server's GB/T 2260 divisions). Loaded on demand by attachBaseMap, so the
 * ~40 KB of shapes are their own chunk and only a map that needs them fetches it.
 */

/** A county-level unit: a county or district, or 济源 (a city without counties). */
interface UnitProps {
  code: string;
  name: string;
  city: string;
  cityName: string;
  /** The seat [lng, lat]: where a county's name goes. */
  seat: [number, number];
}

const topo = henan as unknown as Topology<{ units: GeometryCollection<UnitProps> }>;
const unitsOf = (g: GeometryObject) => g.properties as UnitProps;

/** County lines and names only where counties are big enough on screen to read. */
const COUNTY_LINES_FROM_ZOOM = 8;
const COUNTY_NAMES_FROM_ZOOM = 9;
/** A city's central districts sit on its name and count badge: their names wait for a closer zoom. */
const CENTRAL_NAMES_FROM_ZOOM = 11;
const CENTRAL_WITHIN_DEG = 0.08;

function isCentral(u: UnitProps): boolean {
  const seat = CITY_SEATS.find((c) => u.cityName.startsWith(c.name));
  return !!seat && Math.hypot(u.seat[0] - seat.lng, u.seat[1] - seat.lat) < CENTRAL_WITHIN_DEG;
}

function countyName(c: UnitProps): L.Marker {
  return L.marker([c.seat[1], c.seat[0]], {
    interactive: false,
    keyboard: false,
    pane: 'outlineLabels',
    icon: L.divIcon({
      className: 'fieldwork-map-county',
      html: `<span>${c.name}</span>`,
      iconSize: [96, 14],
      iconAnchor: [48, 7],
    }),
  });
}

/** Each city's area as one shape: its units' polygons side by side (filled nonzero, so slivers where they overlap stay filled). */
function cityAreas(): FeatureCollection<MultiPolygon, { code: string; name: string }> {
  const units = feature(topo, topo.objects.units) as FeatureCollection<Polygon | MultiPolygon, UnitProps>;
  const byCity = new Map<string, Feature<MultiPolygon, { code: string; name: string }>>();
  for (const u of units.features) {
    const { city, cityName } = u.properties;
    let area = byCity.get(city);
    if (!area) {
      area = {
        type: 'Feature',
        properties: { code: city, name: cityName },
        geometry: { type: 'MultiPolygon', coordinates: [] },
      };
      byCity.set(city, area);
    }
    const g = u.geometry;
    area.geometry.coordinates.push(...(g.type === 'Polygon' ? [g.coordinates] : g.coordinates));
  }
  return { type: 'FeatureCollection', features: [...byCity.values()] };
}

/**
 * Draws the outlines into `map`: the 18 cities' areas (each path named by its city for assistive
 * technology and tests), the borders between cities and around the province, county borders inside
 * the cities and the counties' names once zoomed in. Below the grid's lines and every marker, so
 * nothing drawn on top is hidden.
 */
export function drawOutlines(map: L.Map): L.LayerGroup {
  map.createPane('outlines').style.zIndex = '250';
  map.createPane('outlineLabels').style.zIndex = '450';
  const units = topo.objects.units;
  const areas = L.geoJSON(cityAreas(), {
    pane: 'outlines',
    interactive: false,
    style: { stroke: false, fillColor: '#ffffff', fillOpacity: 0.7, fillRule: 'nonzero' },
    onEachFeature: (f, layer) => {
      layer.on('add', () => {
        const el = (layer as L.Path).getElement();
        el?.setAttribute('role', 'img');
        el?.setAttribute('aria-label', `${f.properties.name}行政区界线`);
        el?.setAttribute('data-division', f.properties.code);
      });
    },
  });
  const cityLines = L.geoJSON(
    mesh(topo, units, (a, b) => a === b || unitsOf(a).city !== unitsOf(b).city),
    { pane: 'outlines', interactive: false, style: { ...CITY_LINE, fill: false } },
  );
  const countyLines = L.geoJSON(
    mesh(topo, units, (a, b) => a !== b && unitsOf(a).city === unitsOf(b).city),
    { pane: 'outlines', interactive: false, style: { ...COUNTY_LINE, fill: false } },
  );
  const counties = units.geometries.map(unitsOf).filter((u) => u.code !== u.city);
  const countyNames = L.layerGroup(counties.filter((u) => !isCentral(u)).map(countyName));
  const centralNames = L.layerGroup(counties.filter(isCentral).map(countyName));
  const group = L.layerGroup([areas, cityLines]);
  const byZoom = () => {
    const z = map.getZoom();
    const show = (layer: L.Layer, on: boolean) => {
      if (on && !group.hasLayer(layer)) group.addLayer(layer);
      if (!on && group.hasLayer(layer)) group.removeLayer(layer);
    };
    show(countyLines, z >= COUNTY_LINES_FROM_ZOOM);
    show(countyNames, z >= COUNTY_NAMES_FROM_ZOOM);
    show(centralNames, z >= CENTRAL_NAMES_FROM_ZOOM);
  };
  group.on('add', () => {
    byZoom();
    map.on('zoomend', byZoom);
  });
  group.on('remove', () => map.off('zoomend', byZoom));
  return group.addTo(map);
}
