/// <reference types="vite/client" />
import L from 'leaflet';
import markerIcon from 'leaflet/dist/images/marker-icon.png';
import markerIcon2x from 'leaflet/dist/images/marker-icon-2x.png';
import markerShadow from 'leaflet/dist/images/marker-shadow.png';
import 'leaflet/dist/leaflet.css';
import type { MapTilesOut } from '@ancha/core';
import { request } from '../../lib/api.ts';
import { CITY_SEATS } from './cities.ts';

// Leaflet finds its marker images through a CSS path guess that breaks once bundled; give it
// the bundled files instead (government networks have no CDN).
L.Icon.Default.mergeOptions({ iconRetinaUrl: markerIcon2x, iconUrl: markerIcon, shadowUrl: markerShadow });

/** The team-position pin's image, for the legend. */
export const TEAM_PIN = markerIcon;

export interface TileConfig {
  /** Leaflet URL templates: the base first, then label overlays (天地图 vec_w, cva_w). */
  urls: string[];
  attribution: string;
  subdomains: string;
}

/** A bundle built with VITE_TILE_URL (the older, build-time way) uses it when the server has none. */
function builtInTiles(): TileConfig | null {
  const url = import.meta.env.VITE_TILE_URL as string | undefined;
  if (!url) return null;
  return {
    urls: [url],
    attribution: (import.meta.env.VITE_TILE_ATTRIBUTION as string | undefined) ?? '',
    subdomains: (import.meta.env.VITE_TILE_SUBDOMAINS as string | undefined) || 'abc',
  };
}

let asked: Promise<TileConfig | null> | null = null;

/**
 * The base map: the server's ANCHA_TILE_* settings (GET /map/tiles, asked once per page load, so
 * a new key needs a server restart, not a rebuild), else the build's VITE_TILE_URL, else none.
 * Positions are WGS-84 as phones report them, so a WGS-84/CGCS2000 service (天地图) lines up;
 * GCJ-02 tiles would appear a few hundred metres off. An unanswered question counts as no tiles.
 */
export function tileConfig(): Promise<TileConfig | null> {
  asked ??= request<MapTilesOut>('GET', '/map/tiles').then(
    (r) => r.tiles ?? builtInTiles(),
    () => builtInTiles(),
  );
  return asked;
}

const STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5];

function label(value: number, pos: 'N' | 'E', step: number): string {
  const digits = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
  return `${value.toFixed(digits)}°${pos}`;
}

function edgeLabel(text: string, at: L.LatLngExpression, anchor: [number, number]): L.Marker {
  return L.marker(at, {
    interactive: false,
    keyboard: false,
    icon: L.divIcon({
      className: 'fieldwork-map-grid-label',
      html: text,
      iconSize: [64, 14],
      iconAnchor: anchor,
    }),
  });
}

/** Latitude/longitude lines with degree labels, redrawn for the visible area: a map without tiles still has a frame. */
export function graticule(map: L.Map): L.LayerGroup {
  // Below the outlines' fill, which would otherwise veil it.
  if (!map.getPane('grid')) map.createPane('grid').style.zIndex = '240';
  const layer = L.layerGroup();
  const draw = () => {
    layer.clearLayers();
    const b = map.getBounds();
    const span = Math.max(b.getEast() - b.getWest(), b.getNorth() - b.getSouth());
    const step = STEPS.find((s) => span / s <= 8) ?? 10;
    const style: L.PolylineOptions = {
      color: '#b8c2cc',
      weight: 1,
      dashArray: '4 4',
      interactive: false,
      pane: 'grid',
    };
    for (let lng = Math.ceil(b.getWest() / step) * step; lng <= b.getEast(); lng += step) {
      layer.addLayer(
        L.polyline(
          [
            [b.getSouth(), lng],
            [b.getNorth(), lng],
          ],
          style,
        ),
      );
      layer.addLayer(edgeLabel(label(lng, 'E', step), [b.getNorth(), lng], [-3, -2]));
    }
    for (let lat = Math.ceil(b.getSouth() / step) * step; lat <= b.getNorth(); lat += step) {
      layer.addLayer(
        L.polyline(
          [
            [lat, b.getWest()],
            [lat, b.getEast()],
          ],
          style,
        ),
      );
      layer.addLayer(edgeLabel(label(lat, 'N', step), [lat, b.getWest()], [-3, 15]));
    }
  };
  layer.on('add', () => {
    draw();
    map.on('moveend', draw);
  });
  layer.on('remove', () => map.off('moveend', draw));
  return layer;
}

/** City names at their seats, for orientation on the blank map. */
export function cityLabels(): L.LayerGroup {
  return L.layerGroup(
    CITY_SEATS.map((c) =>
      L.marker([c.lat, c.lng], {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: 'fieldwork-map-city',
          html: `<span>${c.name}</span>`,
          iconSize: [60, 18],
          iconAnchor: [30, 17],
        }),
      }),
    ),
  );
}

/** Tiles that have not loaded in this long are taken as unreachable. */
const TILE_TIMEOUT_MS = 10_000;
/** A few failed tiles with none loaded mean the tile service cannot be reached from here. */
const TILE_ERRORS_TO_GIVE_UP = 3;

/** Until the tile settings are known: 'pending'. */
export type BaseState = 'pending' | 'tiles' | 'none' | 'failed';

/**
 * The map's base: the configured tile layers, or — without them, or when their tiles do not come —
 * a graticule with the cities' names at once and, as soon as their chunk has loaded, the city
 * and county outlines (outlines.ts), so the map still shows where things are. `onState` hears
 * which it became; the returned function stops the timer and any late drawing when the map goes away.
 */
export function attachBaseMap(m: L.Map, onState: (s: BaseState) => void): () => void {
  let blank = false;
  let gone = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const goBlank = (why: BaseState) => {
    if (blank || gone) return;
    blank = true;
    L.layerGroup([graticule(m), cityLabels()]).addTo(m);
    onState(why);
    // Without the chunk (a failed fetch) the grid and names above still stand.
    import('./outlines.ts').then(
      ({ drawOutlines }) => {
        if (!gone) drawOutlines(m);
      },
      () => {},
    );
  };
  void tileConfig().then((tiles) => {
    if (gone) return;
    if (!tiles) goBlank('none');
    else {
      onState('tiles');
      timer = addTiles(m, tiles, () => goBlank('failed'));
    }
  });
  return () => {
    gone = true;
    clearTimeout(timer);
  };
}

/** Adds the tile layers; `giveUp` when the base's tiles do not come. Returns the give-up timer. */
function addTiles(m: L.Map, tiles: TileConfig, giveUp: () => void): ReturnType<typeof setTimeout> {
  let loaded = false;
  let errors = 0;
  const attribution = L.control.attribution({ prefix: false }).addTo(m);
  const layers = tiles.urls.map((url, i) =>
    L.tileLayer(url, {
      // The credit once, on the base.
      attribution: i === 0 ? tiles.attribution : '',
      subdomains: tiles.subdomains,
      maxZoom: 18,
      // Pages send no referrer elsewhere (Referrer-Policy: same-origin); a tile service whose
      // browser keys are bound to our domain (天地图) needs the origin — and only that.
      referrerPolicy: 'strict-origin',
    }).addTo(m),
  );
  const stop = () => {
    if (loaded) return;
    for (const l of layers) m.removeLayer(l);
    m.removeControl(attribution);
    giveUp();
  };
  const base = layers[0]!;
  base.on('tileload', () => {
    loaded = true;
  });
  base.on('tileerror', () => {
    if (++errors >= TILE_ERRORS_TO_GIVE_UP) stop();
  });
  return setTimeout(stop, TILE_TIMEOUT_MS);
}
