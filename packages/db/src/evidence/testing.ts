// Test helpers for the vault: media made on the spot (no fixture files), streams, tool probes.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

const exec = promisify(execFile);

/** Whether a command-line tool answers here (exiftool, ffmpeg…). */
export function hasTool(command: string, versionFlag = '-ver'): boolean {
  try {
    execFileSync(command, [versionFlag], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A JPEG whose picture is a pattern picked by `seed`: different seeds, different perceptual hashes. */
export async function makeJpeg(seed: number, options: { width?: number; height?: number; quality?: number } = {}): Promise<Buffer> {
  const width = options.width ?? 96;
  const height = options.height ?? 64;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const v = Math.floor(128 + 127 * Math.sin((x * (seed % 7 + 1)) / 9 + (y * ((seed * 3) % 5 + 1)) / 7 + seed));
      pixels[i] = v;
      pixels[i + 1] = (v * (seed + 3)) % 256;
      pixels[i + 2] = 255 - v;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: options.quality ?? 90 }).toBuffer();
}

/** Writes EXIF tags into a JPEG with exiftool (capture time with offset, GPS, device). */
export async function tagJpeg(file: string, tags: Record<string, string>): Promise<void> {
  await exec('exiftool', ['-overwrite_original', '-q', ...Object.entries(tags).map(([k, v]) => `-${k}=${v}`), file]);
}

/** A 2-second MPEG-4 test video with a creation time, made by ffmpeg. */
export async function makeVideo(file: string, creationTime = '2022-01-05T11:20:00Z'): Promise<void> {
  await exec('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=duration=2:size=160x120:rate=10', '-c:v', 'mpeg4', '-metadata', `creation_time=${creationTime}`, file]);
}

/**
 * A 9-second video of three 3-second scenes (ffmpeg's testsrc, SMPTE bars, a Mandelbrot set) and
 * a copy of it trimmed to start at 4 s, scaled down and re-encoded with another codec: the copy's
 * poster frame shows the bars where the original's shows testsrc, but later frames match. `other`
 * is a different video (Game of Life, then a cellular automaton); `dark` opens on six seconds of black.
 */
export async function makeSceneVideos(dir: string): Promise<{ original: string; trimmed: string; other: string; dark: string }> {
  const original = path.join(dir, 'scenes.mp4');
  const trimmed = path.join(dir, 'scenes-trimmed.mp4');
  const other = path.join(dir, 'other.mp4');
  const src = (name: string, options = '') => ['-f', 'lavfi', '-i', `${name}=${options}size=160x120:rate=10,trim=duration=3,setpts=PTS-STARTPTS`];
  await exec('ffmpeg', ['-v', 'error', '-y', ...src('testsrc'), ...src('smptebars'), ...src('mandelbrot'), '-filter_complex', '[0][1][2]concat=n=3:v=1:a=0,format=yuv420p', '-c:v', 'mpeg4', '-q:v', '3', original]);
  await exec('ffmpeg', ['-v', 'error', '-y', '-ss', '4', '-i', original, '-vf', 'scale=120:90', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', trimmed]);
  await exec('ffmpeg', ['-v', 'error', '-y', ...src('life', 'random_seed=7:mold=10:'), ...src('cellauto', 'rule=110:random_seed=3:'), '-filter_complex', '[0][1]concat=n=2:v=1:a=0,format=yuv420p', '-c:v', 'mpeg4', other]);
  // Six seconds of black, then three of a cellular automaton: four of its six frames are blank.
  const dark = path.join(dir, 'dark.mp4');
  await exec('ffmpeg', ['-v', 'error', '-y', ...src('color', 'c=black:'), ...src('color', 'c=black:'), ...src('cellauto', 'rule=30:random_seed=5:'), '-filter_complex', '[0][1][2]concat=n=3:v=1:a=0,format=yuv420p', '-c:v', 'mpeg4', dark]);
  return { original, trimmed, other, dark };
}

/** Yields a buffer in chunks, as a network upload would arrive. */
export async function* chunks(data: Uint8Array, size = 16 * 1024): AsyncIterable<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

/** Yields some bytes, then fails: a connection dropped half-way. */
export async function* interrupted(data: Uint8Array, after: number): AsyncIterable<Uint8Array> {
  yield data.subarray(0, after);
  await new Promise((r) => setTimeout(r, 5));
  throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
}

/** A fresh temp directory, removed by the returned function. */
export function tempDir(prefix = 'vigil-ev-'): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Files left in a directory tree (for "no temporary file remains"). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}
