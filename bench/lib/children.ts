/** Child processes of the run (matching, export): ended with it when it is interrupted. */
import { type ChildProcess, execFile } from 'node:child_process';

export const children = new Set<ChildProcess>();

/** execFile that is remembered while it runs; resolves with stdout, rejects with stderr attached. */
export function runChild(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, args, { maxBuffer: 1 << 20, env: process.env }, (error, stdout, stderr) => {
      children.delete(child);
      if (error) reject(Object.assign(new Error(error.message), { stderr }));
      else resolve(stdout);
    });
    children.add(child);
  });
}
