// A trace preload for finding what holds an event loop (README, "What held the host at 100,000 jobs"):
// NODE_OPTIONS='--import ./scripts/bench/trace-preload.mjs' FIELDBOOK_TRACE_DIR=DIR npx tsx scripts/bench/upload-rerun.ts SEED.
// In the bench process and each engine host: a lateness log and a CPU profile on CLOCK_MONOTONIC µs (the
// profile's own clock), written to DIR when the process exits (the host: when main closes it).
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
const dir = process.env.FIELDBOOK_TRACE_DIR;
const isHost = process.argv.some((a) => a.includes('engine-host-child'));
const isBench = process.argv.some((a) => a.includes('scripts/bench/') || a.includes('upload-rerun'));
if (dir && (isHost || isBench) && !process.argv.some((a) => a.endsWith('tsx/dist/cli.mjs'))) {
  const role = isHost ? `host-${process.pid}` : `main-${process.pid}`;
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  const lines = [];
  let last = nowUs();
  let lastCpu = process.cpuUsage();
  const timer = setInterval(() => {
    const t = nowUs();
    const cpu = process.cpuUsage(lastCpu);
    const late = (t - last) / 1000 - 10;
    if (late > 30) lines.push(`${last} ${t} late=${late.toFixed(0)} cpu=${((cpu.user + cpu.system) / 1000).toFixed(0)} phase=${globalThis.__fieldbookTracePhase ?? ''}`);
    last = t;
    lastCpu = process.cpuUsage();
  }, 10);
  timer.unref();
  // Code under study may call globalThis.__fieldbookTraceMark?.(text) (a local one-line hook) to put its own events in the log.
  globalThis.__fieldbookTraceMark = (text) => lines.push(`${nowUs()} mark ${text}`);
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    fs.writeFileSync(path.join(dir, `${role}.lag.txt`), lines.join('\n') + '\n');
    session.post('Profiler.stop', (err, { profile }) => {
      if (!err) fs.writeFileSync(path.join(dir, `${role}.cpuprofile`), JSON.stringify(profile));
    });
  };
  globalThis.__fieldbookTraceWrite = write;
  if (isHost) process.prependListener('message', (m) => { if (m && m.kind === 'call' && m.op === 'close') write(); });
  process.on('exit', write);
}
// Host: mark every call that arrives and every message that leaves (replies, sync requests), to line them up with the lag log.
if (dir && isHost) {
  const mark = (t) => globalThis.__fieldbookTraceMark?.(t);
  process.prependListener('message', (m) => { if (m && m.kind === 'call') mark(`in ${m.id} ${m.op} ${m.op === 'get' || m.op === 'all' ? String(m.sql).slice(0, 40).replace(/\s+/g, ' ') : ''}`); });
  const send = process.send.bind(process);
  process.send = (m, ...rest) => {
    if (m && m.kind === 'reply') mark(`out ${m.id} reply`);
    else if (m && m.kind === 'fetch') mark(`out fetch ${m.fetchId} ${m.url.replace(/^.*\//, '')} ${m.body ? m.body.length : 0}`);
    return send(m, ...rest);
  };
}
// GC pauses over 10 ms, with their kind (1 minor, 2 major, 4 incremental, 8 weak callbacks), on the same clock.
if (dir && (isHost || isBench)) {
  const { PerformanceObserver, performance } = await import('node:perf_hooks');
  const originUs = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.duration > 10) globalThis.__fieldbookTraceMark?.(`gc ${e.detail?.kind ?? e.kind} ${e.duration.toFixed(1)} ms at ${Math.round(originUs + e.startTime * 1000)} heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB ext ${Math.round(process.memoryUsage().external / 1e6)} MB`);
  }).observe({ entryTypes: ['gc'] });
}
