// node scripts/bench/profile-window.mjs PROFILE FROM_US TO_US [depth]: what a CPU profile (trace-preload.mjs) ran
// between two monotonic timestamps: self and inclusive time per function, and the heaviest stacks.
import fs from 'node:fs';
const [file, from, to, depthArg] = process.argv.slice(2);
const p = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/(node_modules\/)?/, '')}:${n.callFrame.lineNumber + 1}`;
let t = p.startTime;
const self = new Map(), incl = new Map(), stacks = new Map();
let total = 0;
for (let i = 0; i < p.samples.length; i++) {
  t += p.timeDeltas[i];
  if (t < Number(from) || t > Number(to)) continue;
  const dt = (p.timeDeltas[i + 1] ?? 500) / 1000;
  total += dt;
  let n = byId.get(p.samples[i]);
  self.set(name(n), (self.get(name(n)) ?? 0) + dt);
  const seen = new Set(); const chain = [];
  for (let id = n.id; id !== undefined; id = parent.get(id)) { const nm = name(byId.get(id)); chain.push(nm); if (!seen.has(nm)) { seen.add(nm); incl.set(nm, (incl.get(nm) ?? 0) + dt); } }
  const key = chain.slice(0, Number(depthArg ?? 8)).join(' < ');
  stacks.set(key, (stacks.get(key) ?? 0) + dt);
}
const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, v]) => `${v.toFixed(1).padStart(8)} ms  ${n}`).join('\n');
console.log(`window ${((to - from) / 1000).toFixed(0)} ms, sampled ${total.toFixed(1)} ms\n-- self\n${top(self, 15)}\n-- inclusive\n${top(incl, 25)}\n-- stacks\n${top(stacks, 8)}`);
