#!/usr/bin/env node
// Trunk `post_build` hook (see Trunk.toml). Runs after Trunk has written index.html
// into the staging dir ($TRUNK_STAGING_DIR, i.e. dist/.stage) and before it moves the
// staging dir to dist/. No dependencies: node's standard library only.
//
// (0) Split: when index.html asks cargo for the `split` feature, split the wasm so the plan
//     view's code loads on demand (.ci/split-wasm.mjs).
// (a) CSP: Trunk 0.21 injects one inline <script type="module"> (the wasm loader) in
//     place of <link data-trunk rel="rust">. Its sha256 goes into the CSP meta tag in
//     place of the placeholder, so script-src needs no 'unsafe-inline'.
// (b) Service worker: writes the exact list of staged files and a content version
//     into sw.js (copied there from public/sw.js).
// (c) Words: fills index.html's {{section.key}} placeholders from src/locales/en.json.
//
// Usage: node .ci/post-build.mjs [staging-dir]   (default: $TRUNK_STAGING_DIR)

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { splitRequested, splitWasm } from './split-wasm.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const CSP_PLACEHOLDER = '__TRUNK_LOADER_SHA256__';
const SW_LIST_PLACEHOLDER = '[/* __PRECACHE_LIST__ */]';
const SW_VERSION_PLACEHOLDER = "'__BUILD_VERSION__'";
const SW_FILE = 'sw.js';

function fail(message) {
  console.error(`post-build: error: ${message}`);
  process.exit(1);
}

function countOf(haystack, needle) {
  return haystack.split(needle).length - 1;
}

const stagingDir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!stagingDir) fail('TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook, or pass the dir)');
try {
  if (!statSync(stagingDir).isDirectory()) fail(`${stagingDir} is not a directory`);
} catch {
  fail(`staging dir ${stagingDir} does not exist`);
}

// ---------------------------------------------------------------------------
// (a) CSP hash of Trunk's inline loader
// ---------------------------------------------------------------------------
const indexPath = join(stagingDir, 'index.html');
let html;
try {
  html = readFileSync(indexPath, 'utf8');
} catch {
  fail(`no index.html in ${stagingDir}`);
}

// ---------------------------------------------------------------------------
// (0) Split the wasm
// ---------------------------------------------------------------------------
const sourceHtml = readFileSync(process.env.TRUNK_HTML_FILE || join(ROOT, 'index.html'), 'utf8');
let splitSummary = 'not split';
if (splitRequested(sourceHtml)) {
  try {
    const result = splitWasm({
      stagingDir,
      html,
      sourceHtml,
      root: ROOT,
      profile: process.env.TRUNK_PROFILE || 'release',
    });
    html = result.html;
    splitSummary = result.summary;
  } catch (err) {
    fail(err.message);
  }
}

// ---------------------------------------------------------------------------
// (c) The words of the page before the app starts (its title, the header and the "opening"
//     line that paint at once, the no-JavaScript message), from the default locale file:
//     every `{{section.key}}` in index.html becomes that string, HTML-escaped.
// ---------------------------------------------------------------------------
const locale = JSON.parse(readFileSync(join(ROOT, 'src', 'locales', 'en.json'), 'utf8'));
const escapeHtml = (t) =>
  t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
html = html.replace(/\{\{\s*([a-z_]+)\.([a-z_]+)\s*\}\}/g, (whole, section, key) => {
  const text = locale[section]?.[key];
  if (typeof text !== 'string') fail(`index.html asks for ${section}.${key}, which src/locales/en.json does not have`);
  return escapeHtml(text);
});
if (/\{\{/.test(html)) fail('index.html still holds a {{…}} placeholder the locale file could not fill');

const cspMetas = [...html.matchAll(/<meta\b[^>]*http-equiv\s*=\s*["']?Content-Security-Policy["']?[^>]*>/gi)];
if (cspMetas.length !== 1) fail(`expected exactly one CSP <meta> in index.html, found ${cspMetas.length}`);
const cspMeta = cspMetas[0];
const placeholderCount = countOf(html, CSP_PLACEHOLDER);
if (placeholderCount !== 1 || !cspMeta[0].includes(CSP_PLACEHOLDER)) {
  fail(
    `expected the placeholder ${CSP_PLACEHOLDER} exactly once, inside the CSP <meta>; ` +
      `found it ${placeholderCount} time(s)${placeholderCount === 1 ? ' outside the CSP <meta>' : ''}`,
  );
}

// Raw-text elements: the script text is everything between '>' and '</script'.
const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
const inline = scripts.filter((m) => !/\bsrc\s*=/i.test(m[1]));
if (inline.length !== 1) {
  fail(
    `expected exactly one inline <script> (Trunk's loader) in index.html, found ${inline.length}. ` +
      'Any other inline script would be blocked by the CSP (is Trunk\'s autoreload on? set [serve] no_autoreload).',
  );
}
const loader = inline[0];
if (!/\btype\s*=\s*["']?module["']?/i.test(loader[1])) fail('the inline script is not type="module"; is it Trunk\'s loader?');
if (!/\bimport\s+init\b/.test(loader[2])) fail('the inline script does not look like Trunk\'s loader (no `import init`)');
if (cspMeta.index > loader.index) fail('the CSP <meta> must come before the loader script');

// Other things the CSP would silently block: report them at build time instead.
if (/<style\b/i.test(html)) fail('index.html contains a <style> element; style-src has no \'unsafe-inline\' (use a css file)');
if (/<[a-z][^>]*\sstyle\s*=/i.test(html)) fail('index.html contains a style="" attribute; style-src has no \'unsafe-inline\'');
if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(html)) fail('index.html contains an inline event handler (on...=); the CSP blocks it');

const loaderHash = `'sha256-${createHash('sha256').update(loader[2], 'utf8').digest('base64')}'`;
html = html.replace(CSP_PLACEHOLDER, loaderHash);
writeFileSync(indexPath, html);

// ---------------------------------------------------------------------------
// (b) Service worker precache list and version
// ---------------------------------------------------------------------------
function walk(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.name === '.gitkeep') {
      // Only there so that an empty public/ dir exists in git; never serve it.
      rmSync(full);
      continue;
    }
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

const files = walk(stagingDir)
  .map((full) => ({ full, rel: relative(stagingDir, full).split(sep).join('/') }))
  .filter((f) => f.rel !== SW_FILE)
  .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));

const swPath = join(stagingDir, SW_FILE);
let sw;
try {
  sw = readFileSync(swPath, 'utf8');
} catch {
  fail(`no ${SW_FILE} in ${stagingDir} (index.html must copy public/sw.js with rel="copy-file")`);
}

const versionHash = createHash('sha256');
for (const f of files) {
  versionHash.update(f.rel);
  versionHash.update('\0');
  versionHash.update(readFileSync(f.full));
  versionHash.update('\0');
}
versionHash.update(sw); // the worker's own code is part of the version too
const version = versionHash.digest('hex').slice(0, 16);

for (const p of [SW_LIST_PLACEHOLDER, SW_VERSION_PLACEHOLDER]) {
  const n = countOf(sw, p);
  if (n !== 1) fail(`expected the placeholder ${p} exactly once in ${SW_FILE}, found ${n}`);
}
const precache = files.map((f) => `./${f.rel}`);
sw = sw
  .replace(SW_LIST_PLACEHOLDER, () => JSON.stringify(precache, null, 2))
  .replace(SW_VERSION_PLACEHOLDER, () => JSON.stringify(version));
try {
  new vm.Script(sw, { filename: SW_FILE }); // syntax check only, nothing runs
} catch (err) {
  fail(`the generated ${SW_FILE} does not parse: ${err.message}`);
}
writeFileSync(swPath, sw);

console.log(
  `post-build: ${splitSummary}; CSP script-src += ${loaderHash}; ${SW_FILE}: ${precache.length} files precached, version ${version}` +
    (process.env.TRUNK_PROFILE ? ` (${process.env.TRUNK_PROFILE})` : ''),
);
