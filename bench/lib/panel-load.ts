/**
 * The load side of bench/dashboard.ts, run as its own process so the server's event loop and
 * the client's never share a core's time slices unequally: GETs each path `n` times, one at a
 * time (latency, not throughput), after `warm` unmeasured calls, and prints the timings as JSON.
 */
const { BENCH_URL, BENCH_TOKEN, BENCH_PATHS, BENCH_N, BENCH_WARM } = process.env;
const paths: { name: string; path: string }[] = JSON.parse(BENCH_PATHS!);
const n = Number(BENCH_N ?? 100);
const warm = Number(BENCH_WARM ?? 5);

const out: Record<string, number[]> = {};
for (const { name, path } of paths) {
  const times: number[] = [];
  for (let i = 0; i < warm + n; i++) {
    const t0 = performance.now();
    const r = await fetch(`${BENCH_URL}${path}`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    if (i >= warm) times.push(performance.now() - t0);
  }
  out[name] = times;
}
process.stdout.write(JSON.stringify(out));

export {};
