/**
 * Reads over HTTP: the real Fastify app on a loopback port, a signed-in monitor's session, and
 * autocannon in the same process as the load generator (the machine's cores are shared between
 * them, as they would be with a local client).
 *
 * - latencies: one request at a time per endpoint (fetch, keep-alive), as many as the time allows;
 * - throughput: a mix of everyday reads (a detention by id, a filtered list page, a person
 *   search) at rising concurrency; the best rate whose p99 stays under 100 ms is reported.
 */
import { type Services } from '@vigil/core';
import { buildApp } from '@vigil/server';
import autocannon from 'autocannon';
import { type Latency, sample, type SampleOptions, summarise } from '../lib/measure.js';
import { MONITOR } from './service-reads.js';
import { queryString, type Workload } from './workload.js';

export interface ThroughputStep {
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface HttpReads {
  /** GET /stats/by/city and /stats/overview, records unchanged between calls (see service-reads.ts). */
  statisticsBreakdown: Latency;
  statisticsOverview: Latency;
  listPage: Latency;
  personSearch: Latency;
  custodyBoard: Latency;
  throughput: {
    steps: ThroughputStep[];
    /** The highest rate with p99 < 100 ms (null when even the lowest concurrency missed it). */
    best: ThroughputStep | null;
  };
}

const P99_LIMIT_MS = 100;

interface Target {
  url: string;
  cookie: string;
}

/** Runs autocannon over the paths (each connection cycles through them) and collects every latency. */
async function cannon(target: Target, paths: string[], connections: number, seconds: number): Promise<{ result: autocannon.Result; latencies: number[]; bad: number }> {
  const latencies: number[] = [];
  let bad = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: target.url, connections, duration: seconds, timeout: 60, headers: { cookie: target.cookie }, requests: paths.map((path) => ({ method: 'GET', path })) },
      (error: unknown, done: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(JSON.stringify(error))) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status !== 200) bad++;
    });
  });
  return { result, latencies, bad };
}

export async function measureHttpReads(
  services: Services, workload: Workload, detentionIds: string[], budget: { heavy: SampleOptions; light: SampleOptions; throughputSeconds: number },
): Promise<HttpReads> {
  const app = await buildApp({ services });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
    const username = `bench-monitor-${process.pid}`;
    const password = 'bench: correct horse battery staple';
    await services.accounts.createUser({ username, role: 'monitor', password });
    const { token } = await services.accounts.login({ username, password });
    const target = { url: `http://127.0.0.1:${address.port}`, cookie: `vigil_session=${token}` };

    const latency = async (paths: string[], options: SampleOptions): Promise<Latency> =>
      sample(async (i) => {
        const path = paths[i % paths.length] as string;
        const response = await fetch(`${target.url}${path}`, { headers: { cookie: target.cookie } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
      }, options);
    const lists = workload.listFilters.map((f) => `/api/v1/detentions?${queryString(f)}`);
    const searches = workload.searches.map((q) => `/api/v1/persons?${queryString({ q, limit: 50 })}`);
    const byId = detentionIds.map((id) => `/api/v1/detentions/${id}`);
    const out: Omit<HttpReads, 'throughput'> = {
      statisticsBreakdown: await latency(['/api/v1/stats/by/city'], budget.heavy),
      statisticsOverview: await latency(['/api/v1/stats/overview'], budget.heavy),
      listPage: await latency(lists, budget.light),
      personSearch: await latency(searches, budget.light),
      custodyBoard: await latency(['/api/v1/custody/board'], budget.heavy),
    };
    // The mix: of every ten requests, four read a detention by id, three a list page, three search.
    const pattern = [byId, lists, searches, byId, lists, searches, byId, lists, searches, byId];
    const mix = Array.from({ length: 600 }, (_, i) => {
      const paths = pattern[i % pattern.length] as string[];
      return paths[(i * 7) % paths.length] as string;
    });
    const steps: ThroughputStep[] = [];
    for (const connections of [1, 4, 16, 64]) {
      const { result, latencies, bad } = await cannon(target, mix, connections, budget.throughputSeconds);
      const s = summarise(latencies);
      steps.push({ connections, requestsPerSecond: Math.round(result.requests.average), p50: s.p50, p99: s.p99, errors: bad + result.errors + result.timeouts });
      if (s.p99 >= P99_LIMIT_MS * 3) break; // far past the limit: more connections only queue
    }
    const within = steps.filter((s) => s.p99 < P99_LIMIT_MS && s.errors === 0);
    const best = within.reduce<ThroughputStep | null>((b, s) => (!b || s.requestsPerSecond > b.requestsPerSecond ? s : b), null);
    return { ...out, throughput: { steps, best } };
  } finally {
    await app.close();
  }
}

/** Ids of detentions the monitor can read, spread over the list filters. */
export async function sampleDetentionIds(services: Services, workload: Workload, count = 200): Promise<string[]> {
  const ids: string[] = [];
  for (const filter of workload.listFilters) {
    const page = await services.records.list('detention', { ...filter, limit: 5 }, MONITOR);
    ids.push(...page.items.map((d) => d.id));
    if (ids.length >= count) break;
  }
  return ids;
}
