import { type NormalisedMetadata } from './evidence.schema.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first present value among `names` (exiftool keys, with or without their `Group:` prefix). */
function tag(exif: Obj, names: string[]): unknown {
  for (const name of names) {
    if (exif[name] !== undefined && exif[name] !== '') return exif[name];
    const suffix = `:${name}`;
    const key = Object.keys(exif).find((k) => k.endsWith(suffix) && exif[k] !== '');
    if (key) return exif[key];
  }
  return undefined;
}

const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/**
 * An exiftool date ("2022:01:05 17:20:11", optionally "+06:00" or "Z") as an instant. Returns the
 * UTC instant when an offset is known, else only the local wall-clock reading.
 */
export function parseExifDate(value: unknown, offset?: unknown, assumeUtc = false): { utc: string | null; local: string | null } {
  if (typeof value !== 'string') return { utc: null, local: null };
  const m = value.trim().match(/^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/);
  if (!m || m[1] === '0000') return { utc: null, local: null };
  const local = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
  let zone = m[8] ?? (typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : undefined);
  if (!zone && assumeUtc) zone = 'Z';
  if (!zone) return { utc: null, local };
  const withColon = zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${local}${withColon}`);
  return { utc: Number.isNaN(ms) ? null : new Date(ms).toISOString(), local };
}

function fromExif(exif: Obj): NormalisedMetadata {
  // Photos: DateTimeOriginal + OffsetTimeOriginal. Apple video: CreationDate carries its offset.
  // QuickTime CreateDate is UTC by the format's definition.
  let time = parseExifDate(tag(exif, ['DateTimeOriginal', 'SubSecDateTimeOriginal']), tag(exif, ['OffsetTimeOriginal', 'OffsetTime']));
  if (!time.utc && !time.local) time = parseExifDate(tag(exif, ['CreationDate']));
  if (!time.utc && !time.local) {
    const created = tag(exif, ['QuickTime:CreateDate', 'MediaCreateDate']);
    time = parseExifDate(created, undefined, true);
  }
  if (!time.utc && !time.local) time = parseExifDate(tag(exif, ['CreateDate']), tag(exif, ['OffsetTimeDigitized', 'OffsetTime']));
  let lat = num(tag(exif, ['Composite:GPSLatitude', 'GPSLatitude']));
  let lon = num(tag(exif, ['Composite:GPSLongitude', 'GPSLongitude']));
  const position = tag(exif, ['GPSCoordinates', 'GPSPosition']);
  if ((lat === null || lon === null) && typeof position === 'string') {
    const [a, b] = position.trim().split(/[\s,]+/).map(Number);
    if (Number.isFinite(a) && Number.isFinite(b)) [lat, lon] = [a ?? null, b ?? null];
  }
  if (lat === 0 && lon === 0) [lat, lon] = [null, null];
  const make = tag(exif, ['Make', 'AndroidManufacturer']);
  const model = tag(exif, ['Model', 'AndroidModel']);
  const device = [make, model].filter((v) => typeof v === 'string' && v.trim()).map((v) => String(v).trim());
  const deviceName = device.length === 2 && device[1]!.toLowerCase().startsWith(device[0]!.toLowerCase()) ? device[1]! : device.join(' ');
  return {
    captureTime: time.utc,
    captureTimeLocal: time.utc ? null : time.local,
    lat,
    lon,
    device: deviceName || null,
    durationSeconds: num(tag(exif, ['Duration'])),
    width: num(tag(exif, ['ImageWidth', 'ExifImageWidth'])),
    height: num(tag(exif, ['ImageHeight', 'ExifImageHeight'])),
  };
}

function fromFfprobe(probe: Obj): Partial<NormalisedMetadata> {
  const format = isObj(probe.format) ? probe.format : {};
  const streams = Array.isArray(probe.streams) ? probe.streams.filter(isObj) : [];
  const video = streams.find((s) => s.codec_type === 'video' && !(isObj(s.disposition) && s.disposition.attached_pic === 1));
  const tags = isObj(format.tags) ? format.tags : {};
  const created = parseExifDate(typeof tags.creation_time === 'string' ? tags.creation_time.replace(/\.\d+Z$/, 'Z') : undefined);
  return {
    durationSeconds: num(format.duration),
    width: video ? num(video.width) : null,
    height: video ? num(video.height) : null,
    captureTime: created.utc,
    device: typeof tags['com.apple.quicktime.model'] === 'string' ? String(tags['com.apple.quicktime.model']) : null,
  };
}

/** Normalised capture time, GPS, device, duration and dimensions from the tools' raw output. */
export function normaliseMetadata(raw: { exiftool?: unknown; ffprobe?: unknown }): NormalisedMetadata {
  const exifList = Array.isArray(raw.exiftool) ? raw.exiftool : [];
  const exif = isObj(exifList[0]) ? exifList[0] : {};
  const base = fromExif(exif);
  const probe = isObj(raw.ffprobe) ? fromFfprobe(raw.ffprobe) : {};
  const pick = <K extends keyof NormalisedMetadata>(k: K): NormalisedMetadata[K] => (probe[k] ?? base[k]);
  const captureTime = base.captureTime ?? (base.captureTimeLocal ? null : (probe.captureTime ?? null));
  return {
    captureTime,
    captureTimeLocal: captureTime ? null : base.captureTimeLocal,
    lat: base.lat,
    lon: base.lon,
    device: base.device ?? probe.device ?? null,
    durationSeconds: pick('durationSeconds'),
    width: pick('width'),
    height: pick('height'),
  };
}

export const EMPTY_METADATA: NormalisedMetadata = { captureTime: null, captureTimeLocal: null, lat: null, lon: null, device: null, durationSeconds: null, width: null, height: null };
