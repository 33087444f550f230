import { describe, expect, it } from 'vitest';
import { IngestInput } from './evidence.schema.js';
import { mediaTypeFromName, reconcileMediaType, sniffMediaType } from './sniff.js';

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('content sniffing', () => {
  it.each([
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['image/png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['video/mp4', bytes([0, 0, 0, 0x20], 'ftypisom')],
    ['video/quicktime', bytes([0, 0, 0, 0x14], 'ftypqt  ')],
    ['image/heic', bytes([0, 0, 0, 0x18], 'ftypheic')],
    ['video/webm', bytes([0x1a, 0x45, 0xdf, 0xa3], '....webm')],
    ['application/pdf', bytes('%PDF-1.7')],
    ['audio/wav', bytes('RIFF\0\0\0\0WAVE')],
  ])('recognises %s', (type, head) => expect(sniffMediaType(head)).toBe(type));

  it('does not guess at plain text', () => expect(sniffMediaType(bytes('hello'))).toBeNull());
});

describe('declared type against content', () => {
  it('accepts an iPhone .mov declared as video/mp4 (one container, two names)', () => expect(reconcileMediaType('video/mp4', 'video/quicktime')).toEqual({ type: 'video/mp4' }));
  it('refuses a PDF declared as a photo', () => expect(reconcileMediaType('image/jpeg', 'application/pdf')).toEqual({ problem: 'declared image/jpeg but the content is application/pdf' }));
  it('refuses a declared video that is not recognisable', () => expect(reconcileMediaType('video/mp4', null)).toHaveProperty('problem'));
  it('takes the sniffed type when nothing useful was declared', () => expect(reconcileMediaType('application/octet-stream', 'image/png')).toEqual({ type: 'image/png' }));
  it('keeps an undeclared unknown as octet-stream', () => expect(reconcileMediaType(null, null)).toEqual({ type: 'application/octet-stream' }));
  it('trusts a declared text type it cannot sniff', () => expect(reconcileMediaType('text/plain', null)).toEqual({ type: 'text/plain' }));
  it('derives a declared type from a file name', () => expect(mediaTypeFromName('VID_2022.MOV')).toBe('video/quicktime'));
});

describe('file names', () => {
  it.each(['../x.jpg', 'a/b', 'a\\b', '..', '.', 'x\u0001y'])('refuses %j', (filename) => expect(IngestInput.safeParse({ filename }).success).toBe(false));
  it.each(['IMG_0042.JPG', 'Видео 5 января.mp4', '..hidden.jpg'])('accepts %j', (filename) => expect(IngestInput.safeParse({ filename }).success).toBe(true));
});
