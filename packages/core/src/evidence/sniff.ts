/** Bytes of a file's head that content sniffing needs. */
export const SNIFF_BYTES = 64;

const ascii = (b: Uint8Array, at: number, len: number): string => String.fromCharCode(...b.subarray(at, at + len));
const starts = (b: Uint8Array, sig: number[], at = 0): boolean => sig.every((v, i) => b[at + i] === v);

/** ISO base media (ftyp) brands: which media type each one means. */
const FTYP: Record<string, string> = {
  qt: 'video/quicktime',
  heic: 'image/heic', heix: 'image/heic', mif1: 'image/heic', msf1: 'image/heic', avif: 'image/avif',
  'M4A ': 'audio/mp4', 'M4B ': 'audio/mp4',
  '3gp4': 'video/3gpp', '3gp5': 'video/3gpp', '3gp6': 'video/3gpp', '3g2a': 'video/3gpp2',
};

/** The media type the content itself says it is, from magic numbers; null when unrecognised. */
export function sniffMediaType(head: Uint8Array): string | null {
  if (starts(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF') {
    const kind = ascii(head, 8, 4);
    if (kind === 'WEBP') return 'image/webp';
    if (kind === 'AVI ') return 'video/x-msvideo';
    if (kind === 'WAVE') return 'audio/wav';
  }
  if (starts(head, [0x49, 0x49, 0x2a, 0x00]) || starts(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (ascii(head, 0, 2) === 'BM' && head.length > 14) return 'image/bmp';
  if (ascii(head, 4, 4) === 'ftyp') {
    const brand = ascii(head, 8, 4);
    return FTYP[brand] ?? FTYP[brand.trim()] ?? 'video/mp4';
  }
  if (starts(head, [0x1a, 0x45, 0xdf, 0xa3])) return ascii(head, 0, 64).includes('webm') ? 'video/webm' : 'video/x-matroska';
  if (ascii(head, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(head, 0, 3) === 'ID3' || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0 && ((head[1] ?? 0) & 0x06) !== 0)) return 'audio/mpeg';
  if (ascii(head, 0, 5) === '%PDF-') return 'application/pdf';
  if (starts(head, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  return null;
}

/** Types that are one container seen through different names (an iPhone .mov is ISO media). */
const FAMILIES: string[][] = [
  ['video/mp4', 'video/quicktime', 'video/x-m4v', 'video/3gpp', 'video/3gpp2', 'audio/mp4', 'image/heic', 'image/heif', 'image/avif'],
  ['video/webm', 'video/x-matroska', 'audio/webm'],
  ['audio/wav', 'audio/x-wav', 'audio/wave'],
  ['audio/mpeg', 'audio/mp3'],
  ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  ['audio/ogg', 'video/ogg', 'application/ogg'],
  ['video/x-msvideo', 'video/avi'],
  ['application/zip', 'application/x-zip-compressed'],
];

function family(type: string): string[] {
  return FAMILIES.find((f) => f.includes(type)) ?? [type];
}

/** Types we recognise by content: declaring one of them commits the content to match. */
const SNIFFABLE = new Set(FAMILIES.flat().concat(['image/png', 'image/gif', 'image/webp', 'image/tiff', 'image/bmp', 'application/pdf']));

const GENERIC = new Set(['application/octet-stream', 'binary/octet-stream']);

/**
 * Reconciles the declared type with the content. Returns the type to store, or a problem when the
 * two disagree (a "photo.jpg" that is really a PDF is refused, not stored under a false label).
 */
export function reconcileMediaType(declared: string | null | undefined, sniffed: string | null): { type: string } | { problem: string } {
  const d = declared && !GENERIC.has(declared) ? declared : null;
  if (!d) return { type: sniffed ?? 'application/octet-stream' };
  if (sniffed) {
    if (family(d).includes(sniffed)) return { type: d === 'image/jpg' ? 'image/jpeg' : d };
    return { problem: `declared ${d} but the content is ${sniffed}` };
  }
  if (SNIFFABLE.has(d) || d.startsWith('image/') || d.startsWith('video/')) return { problem: `declared ${d} but the content is not a recognised ${d} file` };
  return { type: d };
}

const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', tif: 'image/tiff', tiff: 'image/tiff',
  heic: 'image/heic', heif: 'image/heif', bmp: 'image/bmp', mp4: 'video/mp4', m4v: 'video/x-m4v', mov: 'video/quicktime',
  '3gp': 'video/3gpp', webm: 'video/webm', mkv: 'video/x-matroska', avi: 'video/x-msvideo', mp3: 'audio/mpeg', m4a: 'audio/mp4',
  wav: 'audio/wav', ogg: 'audio/ogg', opus: 'audio/ogg', pdf: 'application/pdf', zip: 'application/zip', txt: 'text/plain',
  html: 'text/html', htm: 'text/html', json: 'application/json', csv: 'text/csv',
};

/** The type a file name's extension suggests (used as the declared type by the CLI). */
export function mediaTypeFromName(name: string): string | null {
  const ext = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  return ext ? (BY_EXTENSION[ext] ?? null) : null;
}
