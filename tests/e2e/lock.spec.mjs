// A plan locked with a passphrase, on a shared computer: stored encrypted (its name too),
// opened with the passphrase only, locked again on demand or after 10 minutes idle, and
// exported still locked to a colleague who opens it with the same passphrase.
import { test, expect, createPlan, openLibrary, readStorage, rawPlan, storedPlan, saveStatus,
  noticeRegion, download, importFile, importPreview, newWatchedContext, INDEX_KEY } from './helpers.mjs';

const PASSPHRASE = 'blue kettle on the night bus';

/** Every stored value, joined: what someone reading this browser's storage would see. */
async function everythingStored(page) {
  return Object.values(await readStorage(page)).join('\n');
}

/** Locks the open plan through the dialog. */
async function lock(page, passphrase = PASSPHRASE, repeat = passphrase) {
  await page.getByRole('button', { name: 'Lock with a passphrase' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lock with a passphrase' });
  await expect(dialog).toContainText('If the passphrase is forgotten, the plan is gone');
  await dialog.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await dialog.getByLabel('Repeat passphrase').fill(repeat);
  await dialog.getByRole('button', { name: 'Lock', exact: true }).click();
  return dialog;
}

async function unlock(page, passphrase) {
  await expect(page.getByRole('heading', { level: 1, name: 'Locked plan' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

test('a locked plan is stored encrypted, survives a reload, refuses a wrong passphrase and locks now', async ({ page }) => {
  const id = await createPlan(page, 'Night shelter coalition');
  await page.getByLabel('Purpose', { exact: true }).fill('Beds for the winter');
  await expect(saveStatus(page)).toHaveText(/^Saved/);

  // The dialog refuses a short passphrase and two that differ, and says how strong one is.
  let dialog = await lock(page, 'short');
  await expect(dialog.getByRole('alert')).toHaveText('The passphrase needs at least 8 characters.');
  await dialog.getByLabel('Passphrase', { exact: true }).fill('password');
  await expect(dialog.locator('#lock-strength')).toHaveText(/^Strength: weak/);
  await dialog.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await expect(dialog.locator('#lock-strength')).toHaveText('Strength: strong.');
  await dialog.getByLabel('Repeat passphrase').fill(`${PASSPHRASE}!`);
  await dialog.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('The two passphrases are not the same.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  dialog = await lock(page);
  await expect(dialog).toBeHidden();
  await expect(page.locator('.lock-status')).toContainText('Locked: stored encrypted on this device.');
  await expect(page.getByRole('button', { name: 'Lock now' })).toBeFocused();

  // Nothing of the plan is in clear: not its name, not what was typed.
  const envelope = JSON.parse(await rawPlan(page, id));
  expect(envelope).toMatchObject({ format: 'alliance-planner-locked', cipher: 'AES-GCM', kdf: 'PBKDF2', iterations: 600000, id });
  let all = await everythingStored(page);
  expect(all).not.toContain('Night shelter');
  expect(all).not.toContain('Beds for the winter');
  const index = JSON.parse((await readStorage(page))[INDEX_KEY]);
  expect(index.plans).toEqual([expect.objectContaining({ id, name: '', locked: true })]);

  // Edits while it is open are saved, sealed.
  const before = await rawPlan(page, id);
  await page.getByLabel('Notes', { exact: true }).fill('Keep the volunteer list private');
  await expect.poll(() => rawPlan(page, id)).not.toBe(before);
  await expect(saveStatus(page)).toHaveText(/^Saved/);
  all = await everythingStored(page);
  expect(all).not.toContain('volunteer list');

  // After a reload, only the passphrase opens it. A wrong one says so and shows nothing.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Locked plan' })).toBeVisible();
  await unlock(page, 'blue kettle on the day bus');
  await expect(page.getByRole('alert')).toHaveText(/That passphrase does not open this plan/);
  await expect(page.locator('body')).not.toContainText('Night shelter');
  await expect(page.getByLabel('Passphrase', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Passphrase', { exact: true })).toHaveValue('');
  expect(await rawPlan(page, id)).not.toBeNull();
  await unlock(page, PASSPHRASE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Night shelter coalition');
  await expect(page.getByLabel('Notes', { exact: true })).toHaveValue('Keep the volunteer list private');

  // The library lists it without its name.
  await openLibrary(page);
  const row = page.locator(`[data-plan="${id}"]`);
  await expect(row.getByRole('heading')).toHaveText('Locked plan');
  await expect(row.getByRole('button', { name: /^Rename/ })).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('Night shelter');

  // "Lock now" closes it at once.
  await row.getByRole('link', { name: 'Locked plan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Night shelter coalition');
  await page.getByRole('button', { name: 'Lock now' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Locked plan' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Night shelter');
  await expect(page.getByLabel('Passphrase', { exact: true })).toBeFocused();
});

test('a locked plan exports still locked; a colleague imports it and opens it with the passphrase, then removes the lock', async ({ page, browser, guard }) => {
  const id = await createPlan(page, 'Youth forum');
  await page.getByLabel('Purpose', { exact: true }).fill('A say in the budget');
  await expect(saveStatus(page)).toHaveText(/^Saved/);
  await expect(await lock(page)).toBeHidden();

  await page.getByRole('button', { name: 'Export this plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export this plan' });
  await expect(dialog).toContainText('the file stays locked');
  await expect(dialog.getByRole('checkbox')).toHaveCount(0);
  const file = await download(page, dialog.getByRole('button', { name: 'Download' }));
  expect(file.name).toMatch(/^locked-plan-\d{4}-\d{2}-\d{2}\.alliance\.json$/);
  expect(file.text).not.toContain('Youth forum');
  expect(JSON.parse(file.text)).toMatchObject({ format: 'alliance-planner-locked', id });

  const ctxB = await newWatchedContext(browser, guard);
  try {
    const b = await ctxB.newPage();
    await openLibrary(b);
    await importFile(b, file.name, file.text);
    const preview = importPreview(b);
    await expect(preview).toContainText('holds a locked plan');
    await preview.getByRole('button', { name: 'Add to this device' }).click();
    await expect(noticeRegion(b)).toContainText('Plans imported: 1.');
    await b.locator(`[data-plan="${id}"]`).getByRole('link', { name: 'Locked plan' }).click();
    await unlock(b, PASSPHRASE);
    await expect(b.getByRole('heading', { level: 1 })).toHaveText('Youth forum');
    await expect(b.getByLabel('Purpose', { exact: true })).toHaveValue('A say in the budget');

    // Removing the lock stores it in clear again, name and all.
    await b.getByRole('button', { name: 'Remove the lock' }).click();
    await expect(noticeRegion(b)).toContainText('The lock is removed');
    await expect(b.getByRole('button', { name: 'Lock with a passphrase' })).toBeVisible();
    expect((await storedPlan(b, id)).overview.name).toBe('Youth forum');
  } finally {
    await ctxB.close();
  }
});

test('a locked plan locks itself after 10 minutes without use', async ({ page }) => {
  await page.clock.install();
  const id = await createPlan(page, 'Faith and labour table');
  await expect(await lock(page)).toBeHidden();
  await page.getByLabel('Purpose', { exact: true }).fill('Living wage for carers');
  await expect.poll(async () => (await rawPlan(page, id)).includes('Living wage')).toBe(false);
  await expect(saveStatus(page)).toHaveText(/^Saved/);
  // Nine minutes: still open.
  await page.clock.fastForward('09:00');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Faith and labour table');
  await page.clock.fastForward('01:30');
  await expect(page.getByRole('heading', { level: 1, name: 'Locked plan' })).toBeVisible();
  await expect(noticeRegion(page)).toContainText('The plan locked itself after 10 minutes without use.');
  await expect(page.locator('body')).not.toContainText('Living wage');
  await unlock(page, PASSPHRASE);
  await expect(page.getByLabel('Purpose', { exact: true })).toHaveValue('Living wage for carers');
});

test('each tab opens a locked plan with the passphrase, and "Lock now" in one locks it in every tab', async ({ page, context }) => {
  const id = await createPlan(page, 'Library PC plan');
  await expect(await lock(page)).toBeHidden();
  // A second tab has no key: it asks for the passphrase too.
  const other = await context.newPage();
  await other.goto(page.url());
  await unlock(other, PASSPHRASE);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Library PC plan');
  // Both tabs edit while it is open; the edits merge, sealed, as for any plan.
  await page.getByLabel('Purpose', { exact: true }).fill('From the first tab');
  await expect(saveStatus(page)).toHaveText(/^Saved/);
  await other.getByLabel('Notes', { exact: true }).fill('From the second tab');
  await expect(saveStatus(other)).toHaveText(/^Saved/);
  await expect(page.getByLabel('Notes', { exact: true })).toHaveValue('From the second tab');
  await page.getByRole('button', { name: 'Lock now' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Locked plan' })).toBeVisible();
  await expect(other.getByRole('heading', { level: 1, name: 'Locked plan' })).toBeVisible();
  await expect(other.locator('body')).not.toContainText('From the second tab');
  await unlock(page, PASSPHRASE);
  await expect(page.getByLabel('Purpose', { exact: true })).toHaveValue('From the first tab');
  await expect(page.getByLabel('Notes', { exact: true })).toHaveValue('From the second tab');
  expect(await rawPlan(page, id)).not.toContain('From the');
});

test('a locked plan deleted in another tab while open here is kept as a copy that stays locked', async ({ page, context }) => {
  const id = await createPlan(page, 'Shared laptop plan');
  await expect(await lock(page)).toBeHidden();
  await page.getByLabel('Notes', { exact: true }).fill('Notes that must not be lost');
  await expect(saveStatus(page)).toHaveText(/^Saved/);
  const other = await context.newPage();
  await openLibrary(other);
  await other.locator(`[data-plan="${id}"]`).getByRole('button', { name: /^Delete/ }).click();
  await other.getByRole('button', { name: 'Delete plan' }).click();
  const banner = page.getByRole('alert').filter({ hasText: 'It was deleted there.' });
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shared laptop plan (my copy)');
  await expect(page.getByLabel('Notes', { exact: true })).toHaveValue('Notes that must not be lost');
  await expect(page.locator('.lock-status')).toContainText('Locked');
  // The copy is stored sealed, its name too; the same passphrase opens it.
  await expect.poll(async () => Object.keys(await readStorage(page)).filter((k) => k.startsWith('alliance-planner/plan/')).length).toBe(1);
  const all = await everythingStored(page);
  expect(all).not.toContain('Shared laptop');
  expect(all).not.toContain('must not be lost');
  await page.getByRole('button', { name: 'Lock now' }).click();
  await unlock(page, PASSPHRASE);
  await expect(page.getByLabel('Notes', { exact: true })).toHaveValue('Notes that must not be lost');
});
