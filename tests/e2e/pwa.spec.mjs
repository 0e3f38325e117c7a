// The installable, offline app: service worker, manifest, print stylesheet.
import { chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, openLibrary, createPlan, waitForSaved, newWatchedContext, PLAN_URL_RE } from './helpers.mjs';

/** Waits until a service worker is active and controls the page (reloading once if needed). */
async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!(await controlled())) {
    try {
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 2_000 });
    } catch {
      await page.reload();
    }
  }
  await expect.poll(controlled).toBe(true);
}

test('after one visit the app reloads and opens a plan offline', async ({ page, context }) => {
  const id = await createPlan(page, 'Offline plan');
  await page.getByLabel('Purpose').fill('Works without internet');
  await waitForSaved(page, id, (p) => p.overview.purpose === 'Works without internet');
  await openLibrary(page);
  await waitForServiceWorker(page);

  await context.setOffline(true);
  try {
    // The network really is gone, for the page and for the worker: an uncached URL fails.
    const probe = await page.evaluate(() =>
      fetch(`manifest.webmanifest?offline-probe=${Math.random()}`, { cache: 'no-store' }).then(
        () => 'reached the network',
        () => 'failed',
      ),
    );
    expect(probe).toBe('failed');

    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(page.getByRole('heading', { level: 1, name: 'Your plans' })).toBeVisible();
    await page.getByRole('link', { name: 'Offline plan' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offline plan');
    await expect(page.getByLabel('Purpose')).toHaveValue('Works without internet');

    // A plan URL typed straight into the address bar also opens offline, and edits save.
    const fresh = await context.newPage();
    const r2 = await fresh.goto(page.url());
    expect(r2?.fromServiceWorker()).toBe(true);
    await expect(fresh.getByRole('heading', { level: 1 })).toHaveText('Offline plan');
    await fresh.getByLabel('Notes').fill('Typed offline');
    await waitForSaved(fresh, id, (p) => p.overview.notes === 'Typed offline');
  } finally {
    await context.setOffline(false);
  }
});

test('when the plan view cannot be fetched, the page says so, and "Try again" opens the plan', async ({ browser, guard }) => {
  // No service worker, so the page itself fetches the plan view's module, and the first
  // fetch fails as on a dropped connection.
  const ctx = await newWatchedContext(browser, guard, { serviceWorkers: 'block' });
  const page = await ctx.newPage();
  let cutOff = true;
  await page.route(/split_plan-[0-9a-f]+\.wasm$/, (route) => (cutOff ? route.abort() : route.continue()));
  await openLibrary(page);
  await page.getByRole('button', { name: 'New plan' }).click();
  await page.getByLabel('Plan name').fill('Cut off');
  await page.getByRole('button', { name: 'Create plan' }).click();
  await expect(page).toHaveURL(PLAN_URL_RE);
  const alert = page.getByRole('alert').filter({ hasText: 'could not be fetched' });
  await expect(alert).toContainText('Your plans are safe.');
  cutOff = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cut off');
  await expect(page.getByLabel('Plan name')).toHaveValue('Cut off');
  await ctx.close();
});

test('the app is installable: no installability errors, a valid manifest', async ({ guard }) => {
  // Playwright's normal contexts are incognito, which Chromium never offers to install; use a
  // persistent profile for this check.
  const dir = await mkdtemp(join(tmpdir(), 'alliance-e2e-profile-'));
  const { launchOptions, baseURL } = test.info().project.use;
  const ctx = await chromium.launchPersistentContext(dir, { ...launchOptions, headless: true, baseURL });
  try {
    await guard.watchContext(ctx);
    const p = ctx.pages()[0] ?? (await ctx.newPage());
    await p.goto('#/');
    await expect(p.getByRole('heading', { level: 1, name: 'Your plans' })).toBeVisible();
    await waitForServiceWorker(p);
    const cdp = await ctx.newCDPSession(p);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.url).toMatch(/\/app\/manifest\.webmanifest$/);
    expect(manifest.errors).toEqual([]);
    const data = JSON.parse(manifest.data);
    expect(data).toMatchObject({ name: 'Alliance Planner', start_url: './', display: 'standalone' });
    const sizes = data.icons.map((i) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of data.icons) {
      const res = await p.request.get(new URL(icon.src, manifest.url).href);
      expect(res.status(), icon.src).toBe(200);
      expect(res.headers()['content-type']).toBe('image/png');
    }
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await ctx.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('printing hides the header, the steps navigation and the buttons', async ({ page }) => {
  const id = await createPlan(page, 'Printed plan');
  await page.getByLabel('Purpose').fill('On paper');
  await waitForSaved(page, id, (p) => p.overview.purpose === 'On paper');

  const header = page.getByRole('banner');
  const steps = page.getByRole('navigation', { name: 'Steps' });
  const exportButton = page.getByRole('button', { name: 'Export this plan' });
  const back = page.getByRole('link', { name: '← All plans' });
  await expect(header).toBeVisible();
  await expect(steps).toBeVisible();
  await expect(exportButton).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(header).toBeHidden();
  await expect(steps).toBeHidden();
  await expect(exportButton).toBeHidden();
  await expect(back).toBeHidden();
  await expect(page.getByRole('contentinfo')).toBeHidden();
  await expect(page.getByRole('status').first()).toBeHidden();
  // The plan itself is still there.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Printed plan');
  await expect(page.getByLabel('Purpose')).toBeVisible();
  await expect(page.getByLabel('Purpose')).toHaveValue('On paper');
  // The print stylesheet is a separate file for print media only.
  const printSheets = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => `${l.getAttribute('href')} ${l.media}`),
  );
  expect(printSheets).toEqual(expect.arrayContaining([expect.stringMatching(/^\.\/print-[0-9a-f]+\.css print$/)]));

  // The library prints without its buttons, too.
  await page.emulateMedia({ media: 'screen' });
  await back.click();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'New plan' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export all plans' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Printed plan' })).toBeVisible();
});
