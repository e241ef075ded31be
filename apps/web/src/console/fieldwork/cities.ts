/**
 * Where the 18 cities' seats are (approximate, WGS-84), to orient the reader on a map without
 * base tiles. Labels only: nothing is computed from these points.
 */
export const CITY_SEATS: readonly { name: string; lat: number; lng: number }[] = [
  { name: '郑州', lat: 34.747, lng: 113.625 },
  { name: '开封', lat: 34.797, lng: 114.308 },
  { name: '洛阳', lat: 34.619, lng: 112.454 },
  { name: '平顶山', lat: 33.766, lng: 113.193 },
  { name: '安阳', lat: 36.098, lng: 114.393 },
  { name: '鹤壁', lat: 35.748, lng: 114.297 },
  { name: '新乡', lat: 35.303, lng: 113.927 },
  { name: '焦作', lat: 35.216, lng: 113.242 },
  { name: '濮阳', lat: 35.762, lng: 115.029 },
  { name: '许昌', lat: 34.036, lng: 113.852 },
  { name: '漯河', lat: 33.582, lng: 114.017 },
  { name: '三门峡', lat: 34.773, lng: 111.2 },
  { name: '南阳', lat: 32.991, lng: 112.528 },
  { name: '商丘', lat: 34.414, lng: 115.656 },
  { name: '信阳', lat: 32.147, lng: 114.091 },
  { name: '周口', lat: 33.626, lng: 114.697 },
  { name: '驻马店', lat: 32.981, lng: 114.022 },
  { name: '济源', lat: 35.067, lng: 112.602 },
];

/** Henan as a whole: the view when there is nothing to show yet. */
export const HENAN_BOUNDS: [[number, number], [number, number]] = [
  [31.4, 110.4],
  [36.4, 116.6],
];
