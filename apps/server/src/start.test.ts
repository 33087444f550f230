import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('npm start', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-start-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('serves /api/v1/health within 60 s on a new data directory and loads the demo with VIGIL_DEMO=1', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), VIGIL_DATA_DIR: dataDir, VIGIL_DEMO: '1' };
    delete env.DATABASE_URL;
    // Exactly what `npm start` runs (see package.json), without npm's own start-up time.
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    try {
      const started = Date.now();
      let health: { status?: string; engine?: string } | null = null;
      while (!health && Date.now() - started < 60_000) {
        health = await fetch(`http://127.0.0.1:${port}/api/v1/health`)
          .then((r) => r.json() as Promise<{ status: string }>)
          .catch(() => null);
        if (!health) await new Promise((r) => setTimeout(r, 250));
      }
      expect(health, output).toMatchObject({ status: 'ok', engine: 'sqlite' });
      expect(fs.existsSync(path.join(dataDir, 'vigil.db'))).toBe(true);
      // First run: no account exists, so the machine itself may create the first admin.
      const base = `http://127.0.0.1:${port}/api/v1`;
      expect(await (await fetch(`${base}/auth/setup`)).json()).toEqual({ open: true });
      const account = { username: 'first', password: 'a long first password' };
      expect((await fetch(`${base}/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) })).status).toBe(201);
      const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      expect((await fetch(`${base}/events`)).status).toBe(401);
      const events = (await (await fetch(`${base}/events?q=Almaty`, { headers: { cookie } })).json()) as { items: { city: string }[] };
      expect(events.items.some((e) => e.city === 'Almaty')).toBe(true);
      expect(output).toMatch(/Loaded the demo dataset/);
      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('Vigil');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 90_000);
});
