// Shared bits for the end-to-end specs.
//
// `test` is Playwright's test with one automatic fixture, `guard`: every page of the test's
// context (and of any context passed to `guard.watchContext`) is watched, and the test fails
// at the end if the page threw (pageerror), Rust panicked, or the browser reported a
// Content-Security-Policy violation (console "Refused to …" / "Content Security Policy", or a
// `securitypolicyviolation` event, which an init script turns into a console line).
import { test as base, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export { expect };

export const PREFIX = 'alliance-planner/';
export const INDEX_KEY = 'alliance-planner/index';
export const planKey = (id) => `alliance-planner/plan/${id}`;
export const recoveryKey = (id) => `alliance-planner/recovery/${id}`;
export const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
export const PLAN_URL_RE = /#\/plan\/([0-9a-f-]{36})\/overview$/;

const CSP_LISTENER = () => {
  const report = (e) =>
    console.error(
      `Content Security Policy violation (securitypolicyviolation): ${e.violatedDirective} blocked ${e.blockedURI}`,
    );
  window.addEventListener('securitypolicyviolation', report, true);
};

const BAD_CONSOLE = /Refused to|Content[- ]Security[- ]Policy|panicked at/i;

export const test = base.extend({
  guard: [
    async ({ context }, use) => {
      const problems = [];
      const watchPage = (page) => {
        page.on('console', (msg) => {
          const text = msg.text();
          if (BAD_CONSOLE.test(text)) problems.push(`console.${msg.type()} on ${page.url()}: ${text}`);
        });
        page.on('pageerror', (err) => problems.push(`pageerror on ${page.url()}: ${err.message}`));
      };
      const watchContext = async (ctx) => {
        await ctx.addInitScript(CSP_LISTENER);
        ctx.on('page', watchPage);
        for (const p of ctx.pages()) watchPage(p);
      };
      await watchContext(context);
      await use({ watchContext, problems });
      expect(problems, 'no CSP violation, page error or panic during the test').toEqual([]);
    },
    { auto: true },
  ],
});

/** A fresh context that the guard watches too (a second "browser profile"). */
export async function newWatchedContext(browser, guard, options = {}) {
  const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, ...options });
  await guard.watchContext(ctx);
  return ctx;
}

/**
 * Imports an exported file into a fresh browser profile, as a colleague would: the preview
 * must show `counts`; then the plan named `plan` is opened and `check` runs on that page.
 */
export async function importInFreshProfile(browser, guard, file, { counts, plan }, check) {
  const ctx = await newWatchedContext(browser, guard);
  try {
    const page = await ctx.newPage();
    await page.goto('#/');
    await importFile(page, file.name, file.text);
    await expect(importPreview(page)).toContainText(counts);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('link', { name: plan }).click();
    await check(page);
  } finally {
    await ctx.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Navigation and common actions

/** Every alert, confirm or prompt the page opens, dismissed: a test of HTML-looking text expects none. */
export function watchDialogs(page) {
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  return dialogs;
}

export async function openLibrary(page) {
  await page.goto('#/');
  await expect(page.getByRole('heading', { level: 1, name: 'Your plans' })).toBeVisible();
}

/** Creates a plan through the UI (from the library) and returns its id. */
export async function createPlan(page, name, { example = false } = {}) {
  if (!/#\/$/.test(page.url())) await openLibrary(page);
  const opener = page.getByRole('button', { name: 'New plan' });
  if ((await opener.getAttribute('aria-expanded')) !== 'true') await opener.click();
  await page.getByLabel('Plan name').fill(name);
  if (example) await page.getByRole('radio', { name: 'An example coalition' }).check();
  await page.getByRole('button', { name: 'Create plan' }).click();
  await expect(page).toHaveURL(PLAN_URL_RE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name.trim() || 'Untitled plan');
  return PLAN_URL_RE.exec(page.url())[1];
}

/** The plan view's step list. */
export const nav = (page) => page.getByRole('navigation', { name: 'Steps' });

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Opens a step from the step list and waits for its heading. */
export async function goTo(page, step) {
  await nav(page).getByRole('link', { name: new RegExp(`^${escapeRe(step)}`) }).click();
  await expect(page.getByRole('heading', { level: 2, name: step })).toBeVisible();
}

/** The save indicator in the plan view. */
export const saveStatus = (page) => page.locator('.plan__actions').getByRole('status');

/** The polite notice region ("Deleted …", "Plans imported: N.", …). */
export const noticeRegion = (page) => page.locator('.notice-region');

/** Waits until the stored plan satisfies `check(plan)` and the status says "Saved HH:MM". */
export async function waitForSaved(page, id, check = () => true) {
  await expect
    .poll(async () => {
      const plan = await storedPlan(page, id);
      return !!plan && !!check(plan);
    }, { message: `stored plan ${id} has the expected content` })
    .toBe(true);
  await expect(saveStatus(page)).toHaveText(/^Saved \d{2}:\d{2}$/);
}

// ---------------------------------------------------------------------------------------------
// localStorage

/** Every localStorage entry, as an object. */
export async function readStorage(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      out[k] = localStorage.getItem(k);
    }
    return out;
  });
}

/** A sha256 over every key and value, in key order. */
export async function storageHash(page) {
  const all = await readStorage(page);
  const h = createHash('sha256');
  for (const k of Object.keys(all).sort()) h.update(JSON.stringify([k, all[k]]));
  return h.digest('hex');
}

export async function rawPlan(page, id) {
  return page.evaluate((k) => localStorage.getItem(k), planKey(id));
}

/** The one plan inside the stored envelope, or null. */
export async function storedPlan(page, id) {
  const raw = await rawPlan(page, id);
  if (raw == null) return null;
  const env = JSON.parse(raw);
  return env.plans[0];
}

/** All stored plans (decoded), in no particular order. */
export async function storedPlans(page) {
  const all = await readStorage(page);
  return Object.entries(all)
    .filter(([k]) => k.startsWith('alliance-planner/plan/'))
    .map(([, v]) => JSON.parse(v).plans[0]);
}

/** A key outside the app's "alliance-planner/" prefix, used to fill storage in tests. */
export const FILLER = 'e2e-filler';

/**
 * Fills localStorage with one filler key as large as still fits (binary search on its length),
 * then shortens it by `leave` characters, so about that much room is left. Returns its length.
 */
export async function fillStorage(page, leave = 0) {
  return page.evaluate(
    ({ key, leave }) => {
      const big = 'x'.repeat(5_400_000);
      let lo = 0;
      let hi = big.length;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        try {
          localStorage.setItem(key, big.slice(0, mid));
          lo = mid;
        } catch {
          hi = mid;
        }
      }
      const length = Math.max(0, lo - leave);
      localStorage.setItem(key, big.slice(0, length));
      return length;
    },
    { key: FILLER, leave },
  );
}

// ---------------------------------------------------------------------------------------------
// Files

/** Clicks `trigger` and returns the download and its text. */
export async function download(page, trigger) {
  const [dl] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  const path = await dl.path();
  const text = await readFile(path, 'utf8');
  return { name: dl.suggestedFilename(), text };
}

export function envelope(plans, extra = {}) {
  return {
    format: 'alliance-planner',
    schema_version: 5,
    exported_at: '2026-03-01T09:30:00.000Z',
    app_version: '0.1.0',
    plans,
    ...extra,
  };
}

const quality = () => ({ rating: null, evidence: '' });
const block = () => ({ score: null, notes: '', next_step: '' });

/** The guided steps as a new plan stores them: empty. */
export function emptySteps() {
  return {
    foundations: {
      qualities: {
        shared_values: quality(), diverse_skills: quality(), shared_purpose: quality(),
        shared_growth: quality(), commitment: quality(),
      },
      blocks: {
        diverse_people: block(), common_purpose: block(), clear_boundaries: block(),
        clear_roles: block(), explicit_norms: block(),
      },
      assessments: [],
      charter: {
        values: '', purpose: '', will_do: '', will_not_do: '', decisions: '', conflict: '',
        communication: '', roles: '', agreed_on: null,
      },
    },
    strategy: { resource_partners: [], other_resources: '', who_decides: '', leverage: '', change: '', statement: '' },
    activities: { stage: null, log: [] },
    theory_of_change: { statements: [] },
    power: { stakeholders: [], snapshots: [], links: [] },
    swot: { strengths: [], weaknesses: [], opportunities: [], threats: [] },
    action_plan: { tactics: [], activities: [] },
    goals: [],
    success_sheet: { start: null, end: null, entries: [], agreed_with: '', agreed_on: null },
    evaluation: { check_ins: [], journal: [] },
  };
}

export function planData(id, overview = {}, extra = {}) {
  return {
    id,
    revision: 3,
    created_at: '2026-02-01T08:00:00.000Z',
    updated_at: '2026-02-15T10:30:00.000Z',
    overview: { name: '', coalition: '', purpose: '', start: null, end: null, notes: '', ...overview },
    partners: [],
    ...emptySteps(),
    ...extra,
  };
}

export const fileOf = (name, text) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'),
});

/** Picks a file with the hidden "Import plan file" input. */
export async function importFile(page, name, text) {
  await page.getByLabel('Import plan file').setInputFiles(fileOf(name, text));
}

export const importAlert = (page) =>
  page.getByRole('alert').filter({ hasText: 'This file could not be imported' });

export const importPreview = (page) =>
  page.getByRole('region', { name: 'Check before importing' });

/** A fresh random v4 UUID. */
export const uuid = () => crypto.randomUUID();

/**
 * Exports the open plan through its dialog ("Download"), as a colleague receives it: without
 * private notes unless `includePrivate`. Returns the file's name and text.
 */
export async function exportPlan(page, { includePrivate = false } = {}) {
  await page.getByRole('button', { name: 'Export this plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export this plan' });
  await expect(dialog.getByRole('checkbox', { name: 'Include private notes' })).not.toBeChecked();
  if (includePrivate) await dialog.getByRole('checkbox', { name: 'Include private notes' }).check();
  const file = await download(page, dialog.getByRole('button', { name: 'Download' }));
  await expect(dialog).toBeHidden();
  return file;
}
