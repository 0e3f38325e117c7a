import { test, expect, openLibrary, createPlan, readStorage, waitForSaved } from './helpers.mjs';
test('probe', async ({ page }) => {
  await openLibrary(page);
  const id = await createPlan(page, 'Probe plan');
  await page.getByLabel('Purpose').fill('Win things');
  await waitForSaved(page, id, p => p.overview.purpose === 'Win things');
  console.log(JSON.stringify(await readStorage(page), null, 1));
  console.log(await page.locator('main').innerText());
  const probe = await page.evaluate(async () => ({ sw: !!navigator.serviceWorker, ctl: !!navigator.serviceWorker.controller }));
  console.log(probe);
});
