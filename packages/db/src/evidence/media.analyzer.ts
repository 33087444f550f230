import { spawn } from 'node:child_process';
import { type DerivedCopy, differenceHash, type MediaAnalysis, type MediaAnalyzer, type StagedBlob, type ToolReport } from '@vigil/core';
import sharp, { type Sharp } from 'sharp';

export interface MediaTools {
  exiftool: string;
  ffprobe: string;
  ffmpeg: string;
  /** Per tool run, milliseconds. */
  timeoutMs: number;
}

export const DEFAULT_TOOLS: MediaTools = { exiftool: 'exiftool', ffprobe: 'ffprobe', ffmpeg: 'ffmpeg', timeoutMs: 60_000 };

const INSTALL_HINT: Record<string, string> = { exiftool: 'Debian package libimage-exiftool-perl', ffprobe: 'Debian package ffmpeg', ffmpeg: 'Debian package ffmpeg' };
const THUMB = 320;
/** Frames hashed per video, spread evenly over its duration (at 10 %, 30 %, 50 %, 70 %, 90 %). */
export const KEY_FRAMES = 5;
/** A frame whose 9×8 greyscale pixels span no more than this is blank (black leader, a fade): its hash says nothing. */
const BLANK_RANGE = 6;
const MAX_OUTPUT = 64 * 1024 * 1024;

class ToolMissing extends Error {}

/** Tags that describe Vigil's staging copy (its temporary name, folder, dates, mode), not the evidence. */
const STAGING_TAGS = ['SourceFile', 'File:FileName', 'File:Directory', 'File:FileModifyDate', 'File:FileAccessDate', 'File:FileInodeChangeDate', 'File:FilePermissions'];

function withoutStagingDetails(entry: unknown): unknown {
  if (!entry || typeof entry !== 'object') return entry;
  return Object.fromEntries(Object.entries(entry as Record<string, unknown>).filter(([k]) => !STAGING_TAGS.includes(k)));
}

/** Runs a tool with arguments (never a shell), collecting stdout; rejects on a non-zero exit or a time-out. */
function run(command: string, args: string[], timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    const out: Buffer[] = [];
    let outLength = 0;
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      outLength += d.length;
      if (outLength > MAX_OUTPUT) child.kill('SIGKILL');
      else out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 4000) err += d.toString('utf8');
    });
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new ToolMissing(command) : e));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(signal ? `stopped by ${signal} (time-out ${timeoutMs} ms or output over ${MAX_OUTPUT} bytes)` : `exit ${code}: ${err.trim().split('\n').slice(-2).join(' ')}`));
    });
  });
}

/**
 * Metadata with exiftool and ffprobe, viewing copies and perceptual hashes (a photo's, or a
 * video's poster and key frames). Each tool is tried on its own; a missing or failing one is
 * reported in `tools` and the ingest carries on.
 */
export class ToolMediaAnalyzer implements MediaAnalyzer {
  constructor(private readonly tools: MediaTools = DEFAULT_TOOLS) {}

  async analyze(file: StagedBlob, mediaType: string): Promise<MediaAnalysis> {
    const raw: Record<string, unknown> = {};
    const reports: ToolReport[] = [];
    const copies: DerivedCopy[] = [];
    let phash: string | null = null;
    let frameHashes: string[] = [];
    const isImage = mediaType.startsWith('image/');
    const isVideo = mediaType.startsWith('video/');
    const isMedia = isImage || isVideo || mediaType.startsWith('audio/') || mediaType === 'application/pdf';
    if (!isMedia) {
      return { raw, tools: [{ tool: 'exiftool', status: 'skipped', message: `not a media file (${mediaType})` }], copies, phash, frameHashes };
    }
    const path = file.localPath;

    await this.attempt('exiftool', reports, async () => {
      const out = JSON.parse((await run(this.tools.exiftool, ['-json', '-G', '-n', '-api', 'LargeFileSupport=1', '--', path], this.tools.timeoutMs)).toString('utf8')) as unknown;
      raw.exiftool = Array.isArray(out) ? out.map(withoutStagingDetails) : out;
    });
    if (isVideo || mediaType.startsWith('audio/')) {
      await this.attempt('ffprobe', reports, async () => {
        const probe = JSON.parse((await run(this.tools.ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path], this.tools.timeoutMs)).toString('utf8')) as { format?: Record<string, unknown> };
        if (probe.format) delete probe.format.filename;
        raw.ffprobe = probe;
      });
    }
    if (isImage) {
      await this.attempt('sharp', reports, async () => {
        copies.push(await thumbnail(sharp(path, { failOn: 'none' }), 'thumbnail'));
        phash = (await dhash(sharp(path, { failOn: 'none' }))).hash;
        frameHashes = [phash];
      });
    }
    if (isVideo) {
      await this.attempt('ffmpeg', reports, async () => {
        const frame = await this.posterFrame(path, raw.ffprobe);
        copies.push(await thumbnail(sharp(frame), 'poster'));
        const poster = await dhash(sharp(frame));
        phash = poster.hash;
        const hashes = poster.blank ? [] : [poster.hash];
        for (const key of await this.keyFrames(path, raw.ffprobe)) {
          const { hash, blank } = await dhash(sharp(key));
          if (!blank) hashes.push(hash);
        }
        frameHashes = [...new Set(hashes)];
      });
    }
    return { raw, tools: reports, copies, phash, frameHashes };
  }

  /**
   * KEY_FRAMES frames spread over the duration (from ffprobe), each found by seeking, so a long
   * video is never decoded whole. A frame that cannot be decoded is left out; without a known
   * duration there are none (the poster frame still counts).
   */
  private async keyFrames(path: string, probe: unknown): Promise<Buffer[]> {
    const duration = Number((probe as { format?: { duration?: string } } | undefined)?.format?.duration ?? NaN);
    if (!Number.isFinite(duration) || duration <= 0) return [];
    const frames: Buffer[] = [];
    for (let i = 0; i < KEY_FRAMES; i++) {
      const at = ((2 * i + 1) * duration) / (2 * KEY_FRAMES);
      try {
        const frame = await run(this.tools.ffmpeg, ['-v', 'error', '-ss', at.toFixed(3), '-i', path, '-frames:v', '1', '-f', 'image2', '-c:v', 'mjpeg', 'pipe:1'], this.tools.timeoutMs);
        if (frame.length > 0) frames.push(frame);
      } catch {
        // A damaged stretch of the file: the other frames still identify it.
      }
    }
    return frames;
  }

  /** One frame a second in (or the first frame of a shorter clip), as JPEG. */
  private async posterFrame(path: string, probe: unknown): Promise<Buffer> {
    const duration = Number((probe as { format?: { duration?: string } } | undefined)?.format?.duration ?? NaN);
    const at = Number.isFinite(duration) && duration < 2 ? 0 : 1;
    const frame = await run(this.tools.ffmpeg, ['-v', 'error', '-ss', String(at), '-i', path, '-frames:v', '1', '-f', 'image2', '-c:v', 'mjpeg', 'pipe:1'], this.tools.timeoutMs);
    if (frame.length === 0) throw new Error('no video frame could be decoded');
    return frame;
  }

  private async attempt(tool: string, reports: ToolReport[], fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
      reports.push({ tool, status: 'ok', message: null });
    } catch (e) {
      if (e instanceof ToolMissing) {
        reports.push({ tool, status: 'missing', message: `${tool} is not installed (${INSTALL_HINT[tool] ?? 'install it'}); this metadata was not extracted` });
      } else {
        reports.push({ tool, status: 'failed', message: (e as Error).message.slice(0, 500) });
      }
    }
  }
}

async function thumbnail(image: Sharp, kind: DerivedCopy['kind']): Promise<DerivedCopy> {
  const { data, info } = await image.rotate().resize(THUMB, THUMB, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer({ resolveWithObject: true });
  return { kind, mediaType: 'image/jpeg', width: info.width, height: info.height, bytes: data };
}

async function dhash(image: Sharp): Promise<{ hash: string; blank: boolean }> {
  const pixels = await image.rotate().removeAlpha().greyscale().toColourspace('b-w').resize(9, 8, { fit: 'fill' }).raw().toBuffer();
  return { hash: differenceHash(pixels), blank: Math.max(...pixels) - Math.min(...pixels) <= BLANK_RANGE };
}
