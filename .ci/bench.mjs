#!/usr/bin/env node
// Benchmarks for the release build in dist/ (run `make bench`, which builds first).
//
//   first-load     gzip size of what a first visit downloads (budget 150 KB)
//   boot-library   cold load to the 50th plan card, 50 large plans stored (median ≤ 1000 ms)
//   open-plan      click in the library to the Notes field filled (median ≤ 300 ms)
//   unlock         click on Unlock to the Notes field filled, a locked plan (median ≤ 600 ms)
//   open-step      click in the step list to a long list drawn: 60 partners, 300 activities,
//                  60 chained statements (slowest median ≤ 300 ms)
//   input-latency-lists  keydown to next frame while typing in an open card of those lists
//                  (worst p95 ≤ 50 ms)
//   input-latency  keydown to next frame while typing in ~45,000-char notes (p95 ≤ 50 ms)
//   save           the app's `alliance-save` measures during that typing (p95 ≤ 50 ms)
// The last seven drive Chromium with playwright-core at 4× CPU throttle (.ci/bench-browser.mjs).
//
//   node .ci/bench.mjs                 run every benchmark
//   node .ci/bench.mjs first-load      run the named ones
//   node .ci/bench.mjs --list          list them
//
// Each benchmark prints its own report and returns metrics; all metrics are also
// written to target/bench/results.json. Budgets are reported, never enforced: the
// script exits 0 unless a benchmark cannot run at all.
//
// Adding one: append { name, description, run } to BENCHMARKS. `run(ctx)` gets
// { root, dist, distFile(rel), read(rel) } and returns an object of metrics. A
// Playwright-driven one (render or input latency) can start a static server on dist/,
// launch chromium from 'playwright-core' with executablePath '/usr/bin/chromium' and
// the flags in tests/e2e/playwright.config.mjs, and measure with performance.now();
// .ci/bench-browser.mjs does exactly that and is the model to follow.

import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { gzipSync, constants as zc } from 'node:zlib';
import { dirname, join, resolve, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSER_BENCHMARKS } from './bench-browser.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const KB = 1000; // sizes in KB of 1000 bytes

const ctx = {
  root: ROOT,
  dist: DIST,
  distFile: (rel) => join(DIST, ...rel.split('/')),
  read: (rel) => readFileSync(join(DIST, ...rel.split('/'))),
};

const gzipSize = (buf) => gzipSync(buf, { level: zc.Z_BEST_COMPRESSION }).length;
const kb = (bytes) => (bytes / KB).toFixed(1);

// Turns "./app-1234.js", "app-1234.js" or "/sub/app-1234.js" into a dist-relative path,
// or null for external / data URLs.
function toDistPath(url, fromDir = '') {
  if (!url || /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) return null;
  const clean = url.split(/[?#]/)[0];
  const joined = clean.startsWith('/') ? clean.slice(1) : posix.join(fromDir, clean);
  return posix.normalize(joined).replace(/^(\.\/)+/, '');
}

// The files a first visit downloads before the app runs: index.html, the stylesheets
// it links, the wasm-bindgen JS (plus any snippets it imports) and the .wasm.
function firstLoadFiles() {
  const html = ctx.read('index.html').toString('utf8');
  const files = new Map([['index.html', 'html']]);
  const add = (rel, kind) => {
    if (rel && existsSync(ctx.distFile(rel)) && !files.has(rel)) files.set(rel, kind);
  };

  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    const rel = /\brel\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1]?.toLowerCase() ?? '';
    const path = toDistPath(href);
    if (!path) continue;
    if (rel.includes('stylesheet') || path.endsWith('.css')) add(path, 'css');
    else if (path.endsWith('.js') && /modulepreload|preload/.test(rel)) add(path, 'js');
    else if (path.endsWith('.wasm')) add(path, 'wasm');
  }
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(m[1])?.[1];
    add(toDistPath(src), 'js');
    // Trunk's inline loader: import init from './x.js'; init({ module_or_path: './x_bg.wasm' })
    for (const q of m[2].matchAll(/["']([^"']+\.(?:js|wasm))["']/g)) {
      const path = toDistPath(q[1]);
      add(path, path?.endsWith('.wasm') ? 'wasm' : 'js');
    }
  }
  // Snippets the wasm-bindgen JS imports statically.
  for (const [rel, kind] of [...files]) {
    if (kind !== 'js') continue;
    const js = ctx.read(rel).toString('utf8');
    for (const m of js.matchAll(/\bfrom\s*["'](\.{1,2}\/[^"']+)["']/g)) add(toDistPath(m[1], posix.dirname(rel)), 'js');
  }
  return files;
}

const BENCHMARKS = [
  {
    name: 'first-load',
    description: 'gzip -9 size of everything a first visit downloads before the app runs',
    budgetKB: 150,
    run() {
      const files = firstLoadFiles();
      const kinds = new Set(files.values());
      for (const need of ['js', 'wasm']) {
        if (!kinds.has(need)) throw new Error(`no .${need} referenced from dist/index.html`);
      }
      const rows = [...files].map(([rel, kind]) => {
        const buf = ctx.read(rel);
        return { file: rel, kind, raw: buf.length, gzip: gzipSize(buf) };
      });
      const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
      const w = Math.max(4, ...rows.map((r) => r.file.length));
      const line = (a, b, c) => `${a.padEnd(w)}  ${String(b).padStart(10)}  ${String(c).padStart(10)}`;
      console.log(line('file', 'raw bytes', 'gzip bytes'));
      for (const r of rows) console.log(line(r.file, r.raw, r.gzip));
      console.log(line('total', total.raw, total.gzip));
      // Code that is not part of the first screen: the wasm modules fetched when a plan opens
      // (see .ci/split-wasm.mjs). The service worker still caches them after the first visit.
      const later = readdirSync(DIST)
        .filter((f) => f.endsWith('.wasm') && !files.has(f))
        .map((f) => ({ file: f, raw: ctx.read(f).length, gzip: gzipSize(ctx.read(f)) }));
      for (const r of later) console.log(line(`${r.file} (when a plan opens)`, r.raw, r.gzip));
      const laterGzip = later.reduce((n, r) => n + r.gzip, 0);
      const over = total.gzip > this.budgetKB * KB;
      console.log(
        `first-load gzip: ${kb(total.gzip)} KB (budget ${this.budgetKB} KB)` +
          (over ? `  OVER BUDGET by ${kb(total.gzip - this.budgetKB * KB)} KB` : ''),
      );
      if (later.length) console.log(`loaded when a plan first opens: ${kb(laterGzip)} KB; everything: ${kb(total.gzip + laterGzip)} KB`);
      return {
        files: rows,
        raw_bytes: total.raw,
        gzip_bytes: total.gzip,
        on_demand: later,
        on_demand_gzip_bytes: laterGzip,
        budget_bytes: this.budgetKB * KB,
        within_budget: !over,
      };
    },
  },
  ...BROWSER_BENCHMARKS,
];

async function main(argv) {
  if (argv.includes('--list')) {
    for (const b of BENCHMARKS) console.log(`${b.name.padEnd(16)} ${b.description}`);
    return 0;
  }
  const unknown = argv.filter((a) => !BENCHMARKS.some((b) => b.name === a));
  if (unknown.length) {
    console.error(`bench: unknown benchmark(s): ${unknown.join(', ')} (see --list)`);
    return 2;
  }
  if (!existsSync(ctx.distFile('index.html'))) {
    console.error('bench: dist/index.html not found; run `make build` first');
    return 1;
  }
  const selected = argv.length ? BENCHMARKS.filter((b) => argv.includes(b.name)) : BENCHMARKS;
  const results = {};
  let status = 0;
  for (const bench of selected) {
    console.log(`== ${bench.name}: ${bench.description}`);
    if (bench.name !== 'first-load') {
      // Timings are only as quiet as the machine: say when other work competes for the CPU.
      const load = loadavg()[0];
      const cores = cpus().length;
      if (load > cores) console.log(`note: load average ${load.toFixed(1)} on ${cores} cores; timings will be noisy`);
    }
    try {
      results[bench.name] = await bench.run(ctx);
    } catch (err) {
      console.error(`bench: ${bench.name} could not run: ${err.message}`);
      results[bench.name] = { error: err.message };
      status = 1;
    }
  }
  const out = join(ROOT, 'target', 'bench');
  mkdirSync(out, { recursive: true });
  const machine = { cores: cpus().length, loadavg_1m: Math.round(loadavg()[0] * 100) / 100 };
  writeFileSync(join(out, 'results.json'), JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2) + '\n');
  return status;
}

process.exitCode = await main(process.argv.slice(2));
