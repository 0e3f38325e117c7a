// Storage under pressure: a full quota, and stored entries that cannot be read.
import { test, expect, openLibrary, createPlan, waitForSaved, storedPlan, rawPlan, readStorage,
  planKey, recoveryKey, download, saveStatus, envelope, planData, uuid, INDEX_KEY, FILLER,
  fillStorage } from './helpers.mjs';

test('storage full: “Not saved”, an alert with “Export now”, the saved copy stays intact', async ({ page }) => {
  const id = await createPlan(page, 'Quota plan');
  await page.getByLabel('Purpose').fill('Saved before the disk filled up');
  await waitForSaved(page, id, (p) => p.overview.purpose === 'Saved before the disk filled up');
  const savedRaw = await rawPlan(page, id);

  const filled = await fillStorage(page);
  expect(filled).toBeGreaterThan(4_000_000);

  await page.getByLabel('Notes').fill('Typed while the storage was full');
  const status = saveStatus(page);
  await expect(status).toHaveText("Not saved: this browser's storage for this page is full.");
  const alert = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(alert).toContainText('Your last saved copy is still safe. Export this plan now');
  expect(await rawPlan(page, id)).toBe(savedRaw);

  const exported = await download(page, alert.getByRole('button', { name: 'Export now' }));
  // The whole plan, private notes included: its name says so.
  expect(exported.name).toMatch(/^quota-plan-\d{4}-\d{2}-\d{2}-private\.alliance\.json$/);
  const file = JSON.parse(exported.text);
  expect(file.plans).toHaveLength(1);
  expect(file.plans[0].id).toBe(id);
  expect(file.plans[0].overview).toMatchObject({
    purpose: 'Saved before the disk filled up',
    notes: 'Typed while the storage was full',
  });
  expect(await rawPlan(page, id)).toBe(savedRaw);

  // Make room, edit again: saved, with both edits.
  await page.evaluate((key) => localStorage.removeItem(key), FILLER);
  await page.getByLabel('Notes').fill('Typed while the storage was full, then saved');
  await waitForSaved(page, id, (p) => p.overview.notes === 'Typed while the storage was full, then saved');
  await expect(alert).toHaveCount(0);
  expect((await storedPlan(page, id)).overview.purpose).toBe('Saved before the disk filled up');
});

test('leaving a plan whose edits could not be saved asks first, and staying keeps them', async ({ page }) => {
  const id = await createPlan(page, 'Leave plan');
  await fillStorage(page);
  await page.getByLabel('Notes').fill('Not in storage yet');
  await expect(saveStatus(page)).toHaveText("Not saved: this browser's storage for this page is full.");

  // "Stay": the dialog is dismissed, the address and the text are back.
  page.once('dialog', (dialog) => {
    expect(dialog.type()).toBe('confirm');
    expect(dialog.message()).toContain('not saved');
    dialog.dismiss();
  });
  await page.getByRole('link', { name: '← All plans' }).click();
  await expect(page).toHaveURL(new RegExp(`#/plan/${id}/overview$`));
  await expect(page.getByLabel('Notes')).toHaveValue('Not in storage yet');

  // Room again: leaving retries the save, so nothing is asked and nothing is lost.
  await page.evaluate((key) => localStorage.removeItem(key), FILLER);
  await page.getByRole('link', { name: '← All plans' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your plans' })).toBeVisible();
  expect((await storedPlan(page, id)).overview.notes).toBe('Not in storage yet');
});

test('the storage meter warns when storage is 80% full', async ({ page }) => {
  await openLibrary(page);
  await page.evaluate((key) => localStorage.setItem(key, 'y'.repeat(4_400_000)), FILLER);
  await page.reload();
  await expect(page.getByText(/^\d+\.\d MB of about 5\.0 MB \((8\d|9\d|100)%\)$/)).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: /Storage for this page is \d+% full\./ })).toBeVisible();
  await page.evaluate((key) => localStorage.removeItem(key), FILLER);
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'Storage for this page is' })).toHaveCount(0);
});

test('unreadable and newer-version entries: set aside untouched, with alerts; other plans still open', async ({ page }) => {
  const goodId = await createPlan(page, 'Good plan');
  const badId = await createPlan(page, 'Broken plan');
  await openLibrary(page);

  const truncated = '{"format":"alliance-planner","schema_version":1,';
  const wrongShapeId = uuid();
  const wrongShape = '{"hello":"world"}';
  const newerId = uuid();
  const newer = JSON.stringify({ ...envelope([planData(newerId, { name: 'From v7' })]), schema_version: 7 });
  await page.evaluate(
    (entries) => {
      for (const [k, v] of entries) localStorage.setItem(k, v);
    },
    [
      [planKey(badId), truncated],
      [planKey(wrongShapeId), wrongShape],
      [planKey(newerId), newer],
    ],
  );
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Your plans' })).toBeVisible();

  // The plan the index knew by name.
  const badAlert = page.getByRole('alert').filter({ hasText: '“Broken plan” could not be read:' });
  await expect(badAlert).toContainText('It has been set aside untouched, so nothing is overwritten.');
  await expect(badAlert).toContainText(/Line 1, column \d+: this is not valid JSON/);
  // An unknown one is named by its id.
  const shapeAlert = page.getByRole('alert').filter({ hasText: `“A plan (${wrongShapeId})” could not be read:` });
  await expect(shapeAlert).toContainText('it has no “format” field');
  // A newer version's plan is left where it is.
  const newerAlert = page.getByRole('alert').filter({
    hasText: `“A plan (${newerId})” was saved by a newer version of Alliance Planner and is left exactly as it is.`,
  });
  await expect(newerAlert).toContainText('This file was made by a newer version (v7); this app reads up to v6.');
  await expect(newerAlert.getByRole('button', { name: /^Remove it from this browser/ })).toHaveCount(0);

  const stored = await readStorage(page);
  expect(stored[recoveryKey(badId)]).toBe(truncated);
  expect(stored[planKey(badId)]).toBeUndefined();
  expect(stored[recoveryKey(wrongShapeId)]).toBe(wrongShape);
  expect(stored[planKey(wrongShapeId)]).toBeUndefined();
  expect(stored[planKey(newerId)]).toBe(newer);
  expect(stored[recoveryKey(newerId)]).toBeUndefined();
  expect(JSON.parse(stored[INDEX_KEY]).plans.map((p) => p.id)).toEqual([goodId]);

  // Opening the newer plan by its URL explains why it cannot be shown, and changes nothing.
  await page.goto(`#/plan/${newerId}/overview`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plan not found');
  await expect(page.getByRole('alert')).toHaveText(
    'This plan could not be read: This file was made by a newer version (v7); this app reads up to v6. Open it with the newer Alliance Planner.',
  );
  await page.getByRole('link', { name: 'Go to your plans' }).click();
  expect(await readStorage(page)).toEqual(stored);

  // The good plan is listed and opens.
  await expect(page.getByRole('link', { name: 'Broken plan' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Good plan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Good plan');
  await page.getByRole('link', { name: '← All plans' }).click();

  // "Download its data" gives the exact bytes.
  const raw = await download(page, badAlert.getByRole('button', { name: 'Download its data Broken plan' }));
  expect(raw.name).toBe('broken-plan-unreadable.txt');
  expect(raw.text).toBe(truncated);
  const rawNewer = await download(page, newerAlert.getByRole('button', { name: /^Download its data/ }));
  expect(rawNewer.text).toBe(newer);

  // The alerts survive a reload, and nothing moves again.
  await page.reload();
  await expect(badAlert).toBeVisible();
  await expect(newerAlert).toBeVisible();
  expect(await readStorage(page)).toEqual(stored);

  // "Remove it from this browser" (after a confirmation) forgets the recovery copy.
  await badAlert.getByRole('button', { name: 'Remove it from this browser' }).click();
  await expect(badAlert).toContainText('Remove the unreadable data from this browser?');
  await badAlert.getByRole('button', { name: 'Cancel' }).click();
  await expect((await readStorage(page))[recoveryKey(badId)]).toBe(truncated);
  await badAlert.getByRole('button', { name: 'Remove it from this browser' }).click();
  await badAlert.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(badAlert).toHaveCount(0);
  expect((await readStorage(page))[recoveryKey(badId)]).toBeUndefined();
  await expect(shapeAlert).toBeVisible();
  await expect(page.getByRole('link', { name: 'Good plan' })).toBeVisible();
});
