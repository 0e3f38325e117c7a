// Splits the app's wasm so the first screen loads without the plan view's code.
//
// The `split` cargo feature (set on the rust link in index.html) turns the plan view into a
// split point (`#[wasm_split(plan)]` in src/ui/plan_view.rs): its code is fetched the first
// time a plan opens. Trunk 0.21 cannot split wasm itself (trunk-rs/trunk#1022), so this runs
// from the post-build hook, on Trunk's staged output:
//
//   1. wasm-split-cli splits cargo's raw module (linked with --emit-relocs) into the main
//      module, `split_plan.wasm` and a small JS loader, `__wasm_split.js`;
//   2. wasm-bindgen runs on the main module, as Trunk does, plus --keep-lld-exports;
//   3. in release builds, wasm-opt runs on each module with the flags index.html gives
//      (`data-split-wasm-opt`, `data-split-wasm-opt-params`);
//   4. the results replace Trunk's staged JS and wasm under the same (hashed) names; the
//      loader and the split module get content-hashed names, so a browser never mixes a
//      chunk with a main module from another build;
//   5. the `integrity` hashes in index.html follow the new files.
//
// Any failure stops the build: Trunk's unsplit files would import a placeholder module and
// fail in the browser.

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const LOADER = '__wasm_split.js';

function run(tool, args) {
  try {
    execFileSync(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const out = `${err.stdout || ''}${err.stderr || ''}`.trim();
    throw new Error(`${tool} ${args.join(' ')} failed: ${out || err.message}`);
  }
}

const contentHash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** Whether the source index.html asks cargo for the `split` feature. */
export function splitRequested(sourceHtml) {
  const link = /<link\b[^>]*data-trunk[^>]*rel\s*=\s*["']?rust["']?[^>]*>/i.exec(sourceHtml)?.[0] ?? '';
  const features = /data-cargo-features\s*=\s*["']([^"']*)["']/i.exec(link)?.[1] ?? '';
  return features.split(/[\s,]+/).includes('split');
}

/**
 * Splits the staged build in `stagingDir`. `html` is the staged index.html; returns it with
 * the integrity hashes updated. `sourceHtml` is the project's index.html (for wasm-opt's
 * flags). Returns a one-line summary in `summary`.
 */
export function splitWasm({ stagingDir, html, sourceHtml, root, profile }) {
  const js = /<link\b[^>]*rel\s*=\s*["']modulepreload["'][^>]*href\s*=\s*["']\.\/([^"']+\.js)["'][^>]*>/i.exec(html)?.[1];
  if (!js) throw new Error('no modulepreload of the wasm-bindgen JS in the staged index.html');
  const stem = js.replace(/\.js$/, '');
  const wasmName = `${stem}_bg.wasm`;
  if (!existsSync(join(stagingDir, wasmName))) throw new Error(`no ${wasmName} in the staging dir`);
  const crate = /data-bin\s*=\s*["']([^"']+)["']/.exec(sourceHtml)?.[1];
  if (!crate) throw new Error('no data-bin on the rust link in index.html');
  const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, 'target');
  const raw = join(targetDir, 'wasm32-unknown-unknown', profile, `${crate}.wasm`);
  if (!existsSync(raw)) throw new Error(`cargo's wasm ${raw} is missing`);

  const work = mkdtempSync(join(tmpdir(), 'wasm-split-'));
  try {
    const splitDir = join(work, 'split');
    const bindgenDir = join(work, 'bindgen');
    run('wasm-split-cli', ['--target', 'web', '--out-name', stem, raw, splitDir]);
    const modules = readdirSync(splitDir).filter((f) => /^(split_|chunk_).*\.wasm$/.test(f));
    if (modules.length === 0) throw new Error('wasm-split-cli found no split point (is the `split` feature on?)');
    run('wasm-bindgen', [
      '--target=web',
      `--out-dir=${bindgenDir}`,
      `--out-name=${stem}`,
      '--no-typescript',
      '--keep-lld-exports',
      join(splitDir, `${stem}.wasm`),
    ]);

    // wasm-opt on each module, at the level and with the flags of `data-split-wasm-opt` and
    // `data-split-wasm-opt-params` (Trunk's own wasm-opt is off: its output would be replaced).
    const level = /data-split-wasm-opt\s*=\s*["']([^"']+)["']/.exec(sourceHtml)?.[1];
    const params = (/data-split-wasm-opt-params\s*=\s*["']([^"']*)["']/.exec(sourceHtml)?.[1] ?? '').split(/\s+/).filter(Boolean);
    const optimise = (path) => {
      if (profile !== 'release' || !level || level === '0') return;
      run('wasm-opt', [`-O${level}`, ...params, path, '-o', path]);
    };
    const mainWasm = join(bindgenDir, `${stem}_bg.wasm`);
    optimise(mainWasm);

    // The split modules and the loader, under content-hashed names.
    const renamed = new Map();
    for (const m of modules) {
      const path = join(splitDir, m);
      optimise(path);
      const bytes = readFileSync(path);
      const name = m.replace(/\.wasm$/, `-${contentHash(bytes)}.wasm`);
      writeFileSync(join(stagingDir, name), bytes);
      renamed.set(m, name);
    }
    let loader = readFileSync(join(splitDir, LOADER), 'utf8');
    for (const [from, to] of renamed) {
      const literal = `"./${from}"`;
      if (!loader.includes(literal)) throw new Error(`${LOADER} does not name ${from}`);
      loader = loader.split(literal).join(`"./${to}"`);
    }
    const loaderName = LOADER.replace(/\.js$/, `-${contentHash(Buffer.from(loader))}.js`);
    writeFileSync(join(stagingDir, loaderName), loader);

    // Only the JS `import … from` lines change: the wasm module's own import names (the keys
    // of the imports object) stay "./__wasm_split.js".
    let glue = readFileSync(join(bindgenDir, `${stem}.js`), 'utf8');
    const importOf = `from "./${LOADER}"`;
    if (!glue.includes(importOf)) throw new Error(`the wasm-bindgen JS does not import ${LOADER}`);
    glue = glue.split(importOf).join(`from "./${loaderName}"`);
    writeFileSync(join(stagingDir, js), glue);
    const mainBytes = readFileSync(mainWasm);
    writeFileSync(join(stagingDir, wasmName), mainBytes);

    // Subresource integrity of the two files index.html preloads.
    let count = 0;
    const updated = html.replace(/<link\b[^>]*>/gi, (tag) => {
      const href = /href\s*=\s*["']\.\/([^"']+)["']/.exec(tag)?.[1];
      const bytes = href === js ? Buffer.from(glue) : href === wasmName ? mainBytes : null;
      if (!bytes || !/integrity\s*=/.test(tag)) return tag;
      count += 1;
      return tag.replace(/integrity\s*=\s*["'][^"']*["']/, `integrity="${sri(bytes)}"`);
    });
    if (count !== 2) throw new Error(`expected 2 preload links with integrity to update, found ${count}`);
    const kb = (n) => `${(n / 1000).toFixed(0)} KB`;
    const splitBytes = [...renamed.values()].reduce((n, f) => n + readFileSync(join(stagingDir, f)).length, 0);
    return {
      html: updated,
      summary: `split: main ${kb(mainBytes.length)}, ${renamed.size} lazy module(s) ${kb(splitBytes)}, loader ${loaderName}`,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
