import L from 'leaflet';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import henan from './geo/henan.topo.json';
import { CITY_LINE, COUNTY_LINE } from './outlineStyle.ts';

/**
 * Henan's city and county outlines for a map without tiles (scripts/henan-outlines.ts made the
 * data; codes are the server's GB/T 2260 divisions). Loaded on demand by attachBaseMap, so the
 * ~40 KB of shapes are their own chunk and only a map that needs them fetches it.
 */

interface DivisionProps {
  code: string;
  name: string;
}
interface CountyProps extends DivisionProps {
  /** The county seat [lng, lat]: where its name goes. */
  seat: [number, number];
}

const topo = henan as unknown as Topology<{
  cities: GeometryCollection<DivisionProps>;
  counties: GeometryCollection<CountyProps>;
}>;

/** County lines and names only where counties are big enough on screen to read. */
const COUNTY_LINES_FROM_ZOOM = 8;
const COUNTY_NAMES_FROM_ZOOM = 9;

function countyName(c: CountyProps): L.Marker {
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

/**
 * Draws the outlines into `map`: the 18 cities filled and outlined (each path named by its city
 * for assistive technology and tests), county borders inside them and the counties' names once
 * zoomed in. Below the grid's lines and every marker, so nothing drawn on top is hidden.
 */
export function drawOutlines(map: L.Map): L.LayerGroup {
  map.createPane('outlines').style.zIndex = '250';
  map.createPane('outlineLabels').style.zIndex = '450';
  const cities = L.geoJSON(feature(topo, topo.objects.cities), {
    pane: 'outlines',
    interactive: false,
    style: { ...CITY_LINE, fillColor: '#ffffff', fillOpacity: 0.7 },
    onEachFeature: (f, layer) => {
      layer.on('add', () => {
        const el = (layer as L.Path).getElement();
        el?.setAttribute('role', 'img');
        el?.setAttribute('aria-label', `${(f.properties as DivisionProps).name}行政区界线`);
        el?.setAttribute('data-division', (f.properties as DivisionProps).code);
      });
    },
  });
  const countyLines = L.geoJSON(
    mesh(topo, topo.objects.counties, (a, b) => a !== b),
    { pane: 'outlines', interactive: false, style: { ...COUNTY_LINE, fill: false } },
  );
  const countyNames = L.layerGroup(topo.objects.counties.geometries.map((g) => countyName(g.properties!)));
  const group = L.layerGroup([cities]);
  const byZoom = () => {
    const z = map.getZoom();
    const show = (layer: L.Layer, on: boolean) => {
      if (on && !group.hasLayer(layer)) group.addLayer(layer);
      if (!on && group.hasLayer(layer)) group.removeLayer(layer);
    };
    show(countyLines, z >= COUNTY_LINES_FROM_ZOOM);
    show(countyNames, z >= COUNTY_NAMES_FROM_ZOOM);
  };
  group.on('add', () => {
    byZoom();
    map.on('zoomend', byZoom);
  });
  group.on('remove', () => map.off('zoomend', byZoom));
  return group.addTo(map);
}
