import { describe, expect, it } from 'vitest';
import { normaliseMetadata, parseExifDate } from './metadata.js';
import { transitionProblem } from './workflow.js';

describe('metadata normalisation', () => {
  it('turns a photo date with its offset into UTC', () => {
    expect(parseExifDate('2022:01:05 17:20:11', '+06:00')).toEqual({ utc: '2022-01-05T11:20:11.000Z', local: '2022-01-05T17:20:11' });
  });

  it('keeps a date without offset as local wall-clock time only: UTC is unknown', () => {
    const m = normaliseMetadata({ exiftool: [{ 'EXIF:DateTimeOriginal': '2022:01:05 17:20:11' }] });
    expect(m).toMatchObject({ captureTime: null, captureTimeLocal: '2022-01-05T17:20:11' });
  });

  it('reads an Apple video: CreationDate with offset, GPS, model, and ffprobe duration and size', () => {
    const m = normaliseMetadata({
      exiftool: [{
        'QuickTime:CreationDate': '2022:01:05 15:31:02+06:00', 'QuickTime:CreateDate': '2022:01:05 09:31:05', 'Composite:GPSLatitude': 43.2383,
        'Composite:GPSLongitude': 76.9454, 'QuickTime:Make': 'Apple', 'QuickTime:Model': 'iPhone 12',
      }],
      ffprobe: { format: { duration: '12.480000', tags: { creation_time: '2022-01-05T09:31:05.000000Z' } }, streams: [{ codec_type: 'audio' }, { codec_type: 'video', width: 1920, height: 1080 }] },
    });
    expect(m).toEqual({ captureTime: '2022-01-05T09:31:02.000Z', captureTimeLocal: null, lat: 43.2383, lon: 76.9454, device: 'Apple iPhone 12', durationSeconds: 12.48, width: 1920, height: 1080 });
  });

  it('treats QuickTime CreateDate as UTC (the format defines it so) and ignores zero dates and 0,0 positions', () => {
    expect(normaliseMetadata({ exiftool: [{ 'QuickTime:CreateDate': '2022:01:05 09:31:05' }] }).captureTime).toBe('2022-01-05T09:31:05.000Z');
    expect(normaliseMetadata({ exiftool: [{ 'QuickTime:CreateDate': '0000:00:00 00:00:00', 'Composite:GPSLatitude': 0, 'Composite:GPSLongitude': 0 }] })).toMatchObject({ captureTime: null, lat: null, lon: null });
  });

  it('gives all nulls when no tool ran', () => {
    expect(Object.values(normaliseMetadata({})).every((v) => v === null)).toBe(true);
  });
});

describe('verification workflow', () => {
  it('allows the documented path and reopening', () => {
    expect(transitionProblem('unreviewed', 'in_progress')).toBeNull();
    expect(transitionProblem('in_progress', 'needs_help')).toBeNull();
    expect(transitionProblem('needs_help', 'ready_for_review')).toBeNull();
    expect(transitionProblem('ready_for_review', 'disputed')).toBeNull();
    expect(transitionProblem('verified', 'in_progress')).toBeNull();
  });
  it('refuses skipping review', () => expect(transitionProblem('in_progress', 'verified')).toMatch(/cannot go from in_progress to verified/));
});
