// Sharing between people: two colleagues on two browser profiles send one plan back and
// forth, and merge each other's files.
import { test, expect, openLibrary, createPlan, waitForSaved, storedPlan, storedPlans,
  storageHash, download, exportPlan, importFile, importPreview, newWatchedContext, goTo } from './helpers.mjs';

/** Opens the plan `name` from the library. */
async function openPlan(page, name) {
  await openLibrary(page);
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

/** Imports `file` as new plans, in a profile that does not have them yet. */
async function receive(page, file) {
  await openLibrary(page);
  await importFile(page, file.name, file.text);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

/** Types `value` into the overview's box `label` and waits for the save. */
async function edit(page, id, label, value, field) {
  await page.getByLabel(label, { exact: true }).fill(value);
  await waitForSaved(page, id, (p) => p.overview[field] === value);
}

test('two colleagues send a plan back and forth; a merge keeps both edits, then a conflict is chosen in the preview', async ({ page, browser, guard }) => {
  // A starts the plan and sends it.
  const id = await createPlan(page, 'Tenants union');
  await edit(page, id, 'Purpose', 'Fix the boilers', 'purpose');
  const first = await exportPlan(page);

  const ctxB = await newWatchedContext(browser, guard);
  try {
    const b = await ctxB.newPage();
    await receive(b, first);
    await openPlan(b, 'Tenants union');
    // B names the coalition and sends it back; meanwhile A edits another field.
    await edit(b, id, 'Coalition or alliance name', 'Northside tenants', 'coalition');
    const fromB = await exportPlan(b);
    await edit(page, id, 'Notes', 'Meet on Tuesdays', 'notes');

    // A merges B's file: the preview counts only what B changed.
    await openLibrary(page);
    await importFile(page, fromB.name, fromB.text);
    let preview = importPreview(page);
    const group = preview.getByRole('group', { name: 'What to do with “Tenants union”' });
    await expect(group.getByRole('radio', { name: 'Merge' })).toBeChecked();
    await expect(preview.getByRole('listitem').filter({ hasText: /^Overview:/ })).toHaveText(
      'Overview: added 0, changed 1, removed 0',
    );
    await expect(preview).not.toContainText('Changed both here and in the file');
    await preview.getByRole('button', { name: 'Merge' }).click();
    const summary = page.locator('.merge-status');
    await expect(summary).toContainText('Plans merged: 1. Changes taken from the file: 1. Conflicts settled as you chose: 0.');
    let merged = await storedPlan(page, id);
    expect(merged.overview).toMatchObject({ purpose: 'Fix the boilers', coalition: 'Northside tenants', notes: 'Meet on Tuesdays' });
    expect(await storedPlans(page)).toHaveLength(1);

    // One Undo reverses the whole merge. The undo is an edit of its own: merging the same
    // file again brings nothing back, as with any change undone here.
    await page.getByRole('button', { name: 'Undo merge' }).click();
    await expect(page.locator('.notice-region')).toHaveText('The merge was undone. Plans put back as they were: 1.');
    expect((await storedPlan(page, id)).overview).toMatchObject({ coalition: '', notes: 'Meet on Tuesdays' });
    expect(await storedPlans(page)).toHaveLength(1);

    // B edits again; A merges it, and the same file a second time changes nothing.
    await edit(b, id, 'Start date', '2027-01-15', 'start');
    const again = await exportPlan(b);
    await importFile(page, again.name, again.text);
    await expect(importPreview(page).getByRole('listitem').filter({ hasText: /^Overview:/ })).toHaveText(
      'Overview: added 0, changed 1, removed 0',
    );
    await importPreview(page).getByRole('button', { name: 'Merge' }).click();
    await expect(summary).toContainText('Plans merged: 1.');
    expect((await storedPlan(page, id)).overview).toMatchObject({ coalition: '', start: '2027-01-15' });
    const afterMerge = await storageHash(page);
    await importFile(page, again.name, again.text);
    preview = importPreview(page);
    await expect(preview).toContainText('Nothing new: every change in the file is already on this device');
    await preview.getByRole('button', { name: 'Merge' }).click();
    await expect(summary).toContainText('Plans already up to date, left as they were: 1.');
    expect(await storageHash(page)).toBe(afterMerge);

    // Both change the purpose: the preview shows both values and a choice.
    await edit(b, id, 'Purpose', 'Fix the boilers and the lifts', 'purpose');
    const clash = await exportPlan(b);
    await openPlan(page, 'Tenants union');
    await edit(page, id, 'Purpose', 'Fix the boilers by winter', 'purpose');
    await openLibrary(page);
    await importFile(page, clash.name, clash.text);
    preview = importPreview(page);
    await expect(preview).toContainText('Changed both here and in the file, differently (1).');
    const choice = preview.getByRole('group', { name: /Overview › Purpose/ });
    await expect(choice.getByRole('radio', { name: 'Yours: Fix the boilers by winter' })).toBeChecked();
    await choice.getByRole('radio', { name: 'Theirs: Fix the boilers and the lifts' }).check();
    await preview.getByRole('button', { name: 'Merge' }).click();
    await expect(summary).toContainText('Conflicts settled as you chose: 1.');
    merged = await storedPlan(page, id);
    expect(merged.overview).toMatchObject({ purpose: 'Fix the boilers and the lifts', coalition: '', start: '2027-01-15', notes: 'Meet on Tuesdays' });
    expect(await storedPlans(page)).toHaveLength(1);
  } finally {
    await ctxB.close();
  }
});

test('a file of several plans merges plan by plan, with one summary and one undo', async ({ page, browser, guard }) => {
  const first = await createPlan(page, 'Youth forum');
  const second = await createPlan(page, 'Faith network');
  await openLibrary(page);
  const all = await download(page, page.getByRole('button', { name: 'Export all plans' }));

  const ctxB = await newWatchedContext(browser, guard);
  try {
    const b = await ctxB.newPage();
    await receive(b, all);
    await openPlan(b, 'Youth forum');
    await edit(b, first, 'Purpose', 'Voter registration', 'purpose');
    await openPlan(b, 'Faith network');
    await edit(b, second, 'Notes', 'Meets after services', 'notes');
    await openLibrary(b);
    const back = await download(b, b.getByRole('button', { name: 'Export all plans' }));

    await openLibrary(page);
    await importFile(page, back.name, back.text);
    const preview = importPreview(page);
    const everyPlan = preview.getByRole('group', { name: 'What to do with every plan this device already has (2)' });
    await expect(everyPlan.getByRole('radio', { name: 'Merge' })).toBeChecked();
    await preview.getByRole('button', { name: 'Merge' }).click();
    await expect(page.locator('.merge-status')).toContainText('Plans merged: 2. Changes taken from the file: 2. Conflicts settled as you chose: 0.');
    expect((await storedPlan(page, first)).overview.purpose).toBe('Voter registration');
    expect((await storedPlan(page, second)).overview.notes).toBe('Meets after services');
    expect(await storedPlans(page)).toHaveLength(2);

    await page.getByRole('button', { name: 'Undo merge' }).click();
    await expect(page.locator('.notice-region')).toHaveText('The merge was undone. Plans put back as they were: 2.');
    expect((await storedPlan(page, first)).overview.purpose).toBe('');
    expect((await storedPlan(page, second)).overview.notes).toBe('');
  } finally {
    await ctxB.close();
  }
});

/** A share sheet that records what it was given (where the browser has one). */
const STUB_SHARE = () => {
  window.__shared = [];
  navigator.canShare = (data) => !!data && Array.isArray(data.files) && data.files.length === 1;
  navigator.share = async (data) => {
    const files = await Promise.all(data.files.map(async (f) => ({ name: f.name, type: f.type, text: await f.text() })));
    window.__shared.push({ title: data.title, files });
  };
};

test('Share hands the share copy to the share sheet; private notes only when ticked there and then', async ({ page }) => {
  await page.addInitScript(STUB_SHARE);
  const id = await createPlan(page, 'Tenants union');
  await goTo(page, 'Partners');
  await page.getByRole('button', { name: 'Add partner' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Northside Faith Network');
  await page.getByLabel('Private notes').fill('SECRET chair is stepping down');
  await waitForSaved(page, id, (p) => p.partners[0]?.private_notes === 'SECRET chair is stepping down');

  const open = page.getByRole('button', { name: 'Export this plan' });
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'Export this plan' });
  await expect(dialog).toContainText('Private notes stay out unless you tick the box.');
  await expect(dialog).toContainText(/File: tenants-union-\d{4}-\d{2}-\d{2}\.alliance\.json/);
  await expect(dialog).toContainText("Share opens this device's share sheet");
  await dialog.getByRole('button', { name: 'Share' }).click();
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
  let shared = await page.evaluate(() => window.__shared);
  expect(shared).toHaveLength(1);
  expect(shared[0].title).toBe('Tenants union');
  expect(shared[0].files[0].name).toMatch(/^tenants-union-\d{4}-\d{2}-\d{2}\.alliance\.json$/);
  expect(shared[0].files[0].type).toBe('application/json');
  expect(shared[0].files[0].text).not.toContain('SECRET');
  expect(JSON.parse(shared[0].files[0].text).plans[0].partners[0].name).toBe('Northside Faith Network');
  await expect(page.locator('.notice-region')).toContainText('Shared “tenants-union-');

  // Ticked, the file holds them and says so in its name; the box is unticked again next time.
  await open.click();
  await dialog.getByRole('checkbox', { name: 'Include private notes' }).check();
  await expect(dialog).toContainText(/File: tenants-union-\d{4}-\d{2}-\d{2}-private\.alliance\.json/);
  await dialog.getByRole('button', { name: 'Share' }).click();
  await expect(dialog).toBeHidden();
  shared = await page.evaluate(() => window.__shared);
  expect(shared[1].files[0].text).toContain('SECRET chair is stepping down');
  await open.click();
  await expect(dialog.getByRole('checkbox', { name: 'Include private notes' })).not.toBeChecked();
  // Escape closes it, and nothing is sent.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await page.evaluate(() => window.__shared.length)).toBe(2);
});

test('where the browser has no share sheet, Share downloads the share copy', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.canShare = undefined;
  });
  await createPlan(page, 'Youth forum');
  await page.getByRole('button', { name: 'Export this plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export this plan' });
  await expect(dialog).toContainText('This browser has no share sheet');
  const file = await download(page, dialog.getByRole('button', { name: 'Share' }));
  expect(file.name).toMatch(/^youth-forum-\d{4}-\d{2}-\d{2}\.alliance\.json$/);
  await expect(dialog).toBeHidden();
});

test('Forget this device erases the plans, their backups, the offline copy and the service worker; Cancel erases nothing', async ({ page }) => {
  await createPlan(page, 'Borrowed laptop plan');
  const last = await createPlan(page, 'Second plan');
  await edit(page, last, 'Purpose', 'Typed on a borrowed laptop', 'purpose');
  await openLibrary(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).length)).toBeGreaterThan(0);
  const appKeys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('alliance-planner/')));
  await page.evaluate(() => localStorage.setItem('another-app/setting', 'kept'));
  const before = await storageHash(page);

  const forget = page.getByRole('button', { name: 'Forget this device' });
  await forget.click();
  const dialog = page.getByRole('dialog', { name: 'Forget this device' });
  await expect(dialog).toContainText('Plans: 2');
  await expect(dialog).toContainText('the offline copy of the app');
  await expect(dialog.getByRole('button', { name: 'Export all plans' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(forget).toBeFocused();
  expect(await storageHash(page)).toBe(before);

  // "Export all plans" from the dialog first, then forget.
  await forget.click();
  const backup = await download(page, dialog.getByRole('button', { name: 'Export all plans' }));
  expect(JSON.parse(backup.text).plans).toHaveLength(2);
  await dialog.getByRole('button', { name: 'Forget everything' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'This browser has forgotten Alliance Planner' })).toContainText('Plans erased: 2.');
  expect(await appKeys()).toEqual([]);
  expect(await page.evaluate(() => localStorage.getItem('another-app/setting'))).toBe('kept');
  expect(await page.evaluate(async () => (await caches.keys()).length)).toBe(0);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
  await expect(page.getByRole('link', { name: 'Borrowed laptop plan' })).toHaveCount(0);
  // The page kept nothing either: the last plan opened is not found, and nothing is written.
  await page.goto(`#/plan/${last}/overview`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plan not found');
  await page.waitForTimeout(600);
  expect(await appKeys()).toEqual([]);
});
