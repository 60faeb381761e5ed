/** The geo point of an organisation: reading what people type, and the map link. */

export type Coordinate = 'latitude' | 'longitude';

/** The largest value of each coordinate, in degrees either side of zero. */
export const COORDINATE_LIMIT: Record<Coordinate, number> = { latitude: 90, longitude: 180 };

/**
 * The number typed, French decimal comma and typographic minus accepted ("45,4397", "−1.5");
 * null when empty, NaN when it is not a decimal number.
 */
export function parseCoordinate(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/\s+/g, '')
    .replace(/[\u2212\u2013]/g, '-')
    .replace(',', '.');
  if (!cleaned) return null;
  return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/** The OpenStreetMap page centred on the point, with a marker. */
export function openStreetMapUrl(latitude: number, longitude: number): string {
  const lat = String(latitude);
  const lon = String(longitude);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}
