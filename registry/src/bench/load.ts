// A bounded HTTP loader: `concurrency` keep-alive connections to 127.0.0.1 asking one path
// for `durationMs` (after a warm-up) or until `maxRequests`, whichever comes first.
import { Agent, request } from 'node:http';

export interface LoadOptions {
  port: number;
  path: string;
  headers?: Record<string, string>;
  concurrency?: number;
  durationMs?: number;
  warmupMs?: number;
  maxRequests?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Measured time (the warm-up excluded). */
  elapsedMs: number;
  rps: number;
  p99Ms: number;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const { concurrency = 16, durationMs = 3000, warmupMs = 500, maxRequests = 200_000 } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: options.port,
          path: options.path,
          agent,
          headers: options.headers,
        },
        (response) => {
          response.resume();
          response.once('end', () => resolve(response.statusCode ?? 0));
          response.once('error', reject);
        },
      );
      req.once('error', reject);
      req.end();
    });

  const run = async (until: number, record: boolean) => {
    const latencies: number[] = [];
    let errors = 0;
    let count = 0;
    const worker = async () => {
      while (performance.now() < until && count < maxRequests) {
        count += 1;
        const begin = performance.now();
        try {
          const status = await once();
          if (status !== 200) errors += 1;
        } catch {
          errors += 1;
        }
        if (record) latencies.push(performance.now() - begin);
      }
    };
    const begin = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { latencies, errors, elapsed: performance.now() - begin };
  };

  await run(performance.now() + warmupMs, false);
  const { latencies, errors, elapsed } = await run(performance.now() + durationMs, true);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    elapsedMs: elapsed,
    rps: Math.round((latencies.length / elapsed) * 1000),
    p99Ms: Math.round(p99 * 100) / 100,
  };
}
