import fs from 'node:fs';
import path from 'node:path';
import { type ReadOptions, type TableFormat, type TableSource, type TableStream } from '@vigil/core';
import { fileProblem, peek } from './bytes.js';
import { readCsv } from './csv.reader.js';
import { readJson } from './json.reader.js';
import { readXlsx } from './xlsx.reader.js';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** The format from the first bytes, then the file name; a format named in the mapping wins. */
export function sniffFormat(head: Buffer, name: string, requested?: TableFormat): TableFormat {
  if (head.subarray(0, 4).equals(OLE)) throw fileProblem('it is an Excel 97–2003 workbook (.xls), which Vigil does not read: save it as .xlsx or CSV');
  const isZip = head.subarray(0, 4).equals(ZIP);
  if (requested) {
    if (requested === 'xlsx' && !isZip) throw fileProblem('the mapping says XLSX, but the file is not an XLSX workbook');
    return requested;
  }
  if (isZip) return 'xlsx';
  const ext = path.extname(name).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') throw fileProblem('it is named .xlsx but is not an XLSX workbook (a damaged file, or CSV renamed?)');
  if (ext === '.json') return 'json';
  const text = head.subarray(0, 1024).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart();
  if (ext !== '.csv' && ext !== '.tsv' && ext !== '.txt' && text.startsWith('[')) return 'json';
  return 'csv';
}

/**
 * Opens any supported file given a way to read its bytes from the start (called once per pass).
 * Refuses, with a clear problem, an empty file, an unknown format and an unreadable encoding.
 */
export async function openTable(bytes: () => AsyncIterable<Uint8Array>, name: string, options: ReadOptions): Promise<TableStream> {
  const { head, all, close } = await peek(bytes());
  try {
    const complete = head.length < 64 * 1024;
    if (head.length === 0 || (complete && head.toString('latin1').replace(/^\xef\xbb\xbf/, '').trim() === '')) throw fileProblem('the file is empty');
    const format = sniffFormat(head, name, options.format);
    if (format === 'xlsx') return await readXlsx(all, options);
    if (format === 'json') return await readJson(head, all, complete, options);
    return await readCsv(head, all, complete, options);
  } catch (e) {
    await close();
    throw e;
  }
}

/** A file on disk as a TableSource (the CLI's `vigil import FILE`). */
export function fileTableSource(file: string, name = path.basename(file)): TableSource {
  let size: number | null = null;
  try {
    size = fs.statSync(file).size;
  } catch {
    size = null;
  }
  return {
    name,
    size,
    open: async (options) => {
      if (!fs.existsSync(file)) throw fileProblem(`there is no file ${file}`);
      if (fs.statSync(file).isDirectory()) throw fileProblem(`${file} is a folder, not a file`);
      return openTable(() => fs.createReadStream(file, { highWaterMark: 256 * 1024 }), name, options);
    },
  };
}
