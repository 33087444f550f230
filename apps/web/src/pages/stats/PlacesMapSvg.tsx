import { type MapPoint, type StatsMap } from '@vigil/core/contract';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { DETENTIONS_COLOUR } from './charts.js';

/**
 * The map of places as plain SVG: circles on a graticule of latitude and longitude, no tiles and
 * no map library, so it draws offline and during a shutdown. Towns sit at their centre; places
 * at their publishable position. The table beside it gives the same figures.
 */

/** Kazakhstan's extent, so a single town is not drawn alone in the middle of nowhere. */
const COUNTRY = { south: 40.5, north: 55.5, west: 46.5, east: 87.5 };
const WIDTH = 640;

interface Extent {
  south: number;
  north: number;
  west: number;
  east: number;
}

function extentOf(points: MapPoint[], country: boolean): Extent {
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const e = country
    ? { south: Math.min(COUNTRY.south, ...lats), north: Math.max(COUNTRY.north, ...lats), west: Math.min(COUNTRY.west, ...lons), east: Math.max(COUNTRY.east, ...lons) }
    : { south: Math.min(...lats), north: Math.max(...lats), west: Math.min(...lons), east: Math.max(...lons) };
  // Pad by a tenth (at least about 1 km) so circles at the edge are whole.
  const padLat = Math.max(0.01, (e.north - e.south) * 0.1);
  const padLon = Math.max(0.01, (e.east - e.west) * 0.1);
  return { south: e.south - padLat, north: e.north + padLat, west: e.west - padLon, east: e.east + padLon };
}

/** Equirectangular, with longitudes shrunk by the cosine of the middle latitude: shapes look right at these latitudes. */
function projection(extent: Extent) {
  const k = Math.cos((((extent.north + extent.south) / 2) * Math.PI) / 180);
  const spanX = (extent.east - extent.west) * k;
  const spanY = extent.north - extent.south;
  const scale = WIDTH / spanX;
  const height = Math.max(160, Math.min(520, spanY * scale));
  const scaleY = height / spanY;
  return { height, x: (lon: number) => (lon - extent.west) * k * scale, y: (lat: number) => (extent.north - lat) * scaleY };
}

/** Lines every 1, 2, 5 or 10 degrees (or a fraction for a city), about six across. */
function gridStep(span: number): number {
  const steps = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];
  return steps.find((s) => span / s <= 8) ?? 10;
}

function MapSvg({ points, label, country }: { points: MapPoint[]; label: string; country: boolean }) {
  const format = useFormat();
  const extent = extentOf(points, country);
  const { height, x, y } = projection(extent);
  const max = Math.max(1, ...points.map((p) => p.detentions));
  const step = gridStep(Math.max(extent.east - extent.west, extent.north - extent.south));
  const lines = (from: number, to: number) => {
    const out: number[] = [];
    for (let v = Math.ceil(from / step) * step; v <= to; v += step) out.push(Math.round(v * 1000) / 1000);
    return out;
  };
  // Largest first, so small circles stay on top and visible.
  const ordered = [...points].sort((a, b) => b.detentions - a.detentions);
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${WIDTH} ${height}`} className="map-svg" data-points={points.length}>
      <rect width={WIDTH} height={height} fill="#e3e9ef" />
      {lines(extent.south, extent.north).map((lat) => (
        <g key={`lat${lat}`}>
          <line x1={0} x2={WIDTH} y1={y(lat)} y2={y(lat)} stroke="#b9c4d0" strokeWidth={0.6} />
          <text x={4} y={y(lat) - 3} fontSize="10" fill="#4f5966">{`${lat}°N`}</text>
        </g>
      ))}
      {lines(extent.west, extent.east).map((lon) => (
        <g key={`lon${lon}`}>
          <line x1={x(lon)} x2={x(lon)} y1={0} y2={height} stroke="#b9c4d0" strokeWidth={0.6} />
          <text x={x(lon) + 3} y={height - 4} fontSize="10" fill="#4f5966">{`${lon}°E`}</text>
        </g>
      ))}
      {ordered.map((p) => {
        const r = 4 + 18 * Math.sqrt(p.detentions / max);
        return (
          <g key={`${p.name}|${p.lat}|${p.lon}`} data-map-point={p.precision} data-name={p.name}>
            <circle cx={x(p.lon)} cy={y(p.lat)} r={r} fill={DETENTIONS_COLOUR} fillOpacity={0.55} stroke="#5c1f1f" strokeWidth={1.5} />
            <text x={x(p.lon) + r + 3} y={y(p.lat) + 4} fontSize="12" fontWeight="bold" fill="#1b1f24" stroke="#ffffff" strokeWidth={3} paintOrder="stroke">
              {`${p.name} · ${format.number(p.detentions)}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function PointsTable({ points, caption }: { points: MapPoint[]; caption: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const precision = { place: t('stats.map.exact'), rounded: t('stats.map.rounded'), city: t('stats.map.centre') };
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stats.map.name')}</th>
            <th scope="col">{t('stats.map.position')}</th>
            <th scope="col" className="n">{t('stats.charts.detentions')}</th>
            <th scope="col" className="n">{t('stats.charts.people')}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={`${p.name}|${p.lat}|${p.lon}`}>
              <th scope="row">{p.city && p.city !== p.name ? `${p.name}, ${p.city}` : p.name}</th>
              <td>{precision[p.precision]}</td>
              <td className="n">{format.number(p.detentions)}</td>
              <td className="n">{format.number(p.people)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Towns or places, switched by a pair of radio buttons; the map and its table side by side. */
export function PlacesMapSvg({ map }: { map: StatsMap }) {
  const { t } = useTranslation();
  const heading = useId();
  const [view, setView] = useState<'towns' | 'places'>('towns');
  const points = view === 'towns' ? map.cities : map.places;
  const what = view === 'towns' ? t('stats.map.towns') : t('stats.map.places');
  return (
    <section className="panel" aria-labelledby={heading} data-section="map">
      <h2 id={heading}>{t('stats.map.title')}</h2>
      <p className="hint">{t('stats.map.intro')}</p>
      <fieldset className="segmented">
        <legend>{t('stats.map.view')}</legend>
        {(['towns', 'places'] as const).map((v) => (
          <label key={v}>
            <input type="radio" name="map-view" value={v} checked={view === v} onChange={() => setView(v)} />
            {v === 'towns' ? `${t('stats.map.towns')} (${map.cities.length})` : `${t('stats.map.places')} (${map.places.length})`}
          </label>
        ))}
      </fieldset>
      {points.length === 0 ? (
        <p className="muted">{view === 'places' ? t('stats.map.noPlaces') : t('stats.charts.empty')}</p>
      ) : (
        <div className="chart-pair">
          <MapSvg points={points} label={t('stats.map.label', { what })} country={view === 'towns'} />
          <PointsTable points={points} caption={t('stats.map.title')} />
        </div>
      )}
      {map.placesWithoutPosition.detentions > 0 && view === 'places' && <p className="hint">{t('stats.map.without', { count: map.placesWithoutPosition.detentions })}</p>}
      {map.notOnMap.length > 0 && view === 'towns' && (
        <p className="hint">{t('stats.map.notOnMap', { list: map.notOnMap.map((r) => `${r.key[0] || t('stats.labels.noCity')} (${r.detentions})`).join(', ') })}</p>
      )}
    </section>
  );
}
