import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { type PlaceRecord } from '../api/types.js';

export interface PlacesMapProps {
  places: PlaceRecord[];
  /** Tile URL template; empty means no tiles at all (a plain background). */
  tileUrl: string;
  label: string;
}

/**
 * Markers for places with coordinates. Markers are SVG circles drawn by Leaflet itself, so they
 * show with no tile server reachable (offline, blocked, or no tile URL set): tiles that fail to
 * load leave the plain background of `.map` visible. Loaded lazily: Leaflet is not in the initial bundle.
 */
export default function PlacesMap({ places, tileUrl, label }: PlacesMapProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const map = L.map(container.current, { scrollWheelZoom: false, attributionControl: Boolean(tileUrl) });
    map.attributionControl?.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 19, attribution: '© OpenStreetMap contributors' }).addTo(map);
    const points = places.flatMap((p) => (typeof p.lat === 'number' && typeof p.lon === 'number' ? [{ place: p, at: L.latLng(p.lat, p.lon) }] : []));
    for (const { place, at } of points) {
      L.circleMarker(at, { radius: 9, color: '#0b3d91', weight: 3, fillColor: '#d93025', fillOpacity: 0.9, className: 'map-marker' })
        .bindTooltip(place.name, { permanent: points.length <= 8, direction: 'top', offset: [0, -8] })
        .addTo(map);
    }
    if (points.length === 1 && points[0]) map.setView(points[0].at, 15);
    else if (points.length > 1) map.fitBounds(L.latLngBounds(points.map((p) => p.at)), { padding: [40, 40], maxZoom: 16 });
    else map.setView([43.238, 76.945], 11);
    return () => {
      map.remove();
    };
  }, [places, tileUrl]);
  return <div ref={container} className="map" role="region" aria-label={label} data-markers={places.filter((p) => typeof p.lat === 'number').length} />;
}
