// The library and the plan view: create, edit, reload; rename, duplicate, delete and undo;
// names that look like HTML; the request for persistent storage.
import { test, expect, openLibrary, createPlan, waitForSaved, storedPlan, storedPlans, rawPlan,
  readStorage, planKey, noticeRegion, saveStatus, download, INDEX_KEY, watchDialogs, exportPlan } from './helpers.mjs';

test('create → edit → reload keeps the edit, and the library shows it', async ({ page }) => {
  await openLibrary(page);
  await expect(page.getByText('There are no plans on this device yet.')).toBeVisible();
  const where = page.getByRole('region', { name: 'Where your plans are kept' });
  await expect(where).toContainText('Plans are kept only in this browser');
  await expect(where).toContainText('If anyone clears this browser\'s data');
  await expect(where).toContainText('An exported file is your backup');
  await expect(where.getByRole('button', { name: 'Export all plans' })).toBeDisabled();

  const newPlan = page.getByRole('button', { name: 'New plan' });
  await expect(newPlan).toHaveAttribute('aria-expanded', 'false');
  await newPlan.click();
  await expect(newPlan).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByLabel('Plan name')).toBeFocused();
  await expect(page.getByRole('radio', { name: 'A blank plan' })).toBeChecked();
  // An empty name is refused with a message.
  await page.getByRole('button', { name: 'Create plan' }).click();
  await expect(page.getByText('Type a name for the plan.')).toBeVisible();
  // Cancel closes the form and gives focus back to the opener.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(newPlan).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Plan name')).toHaveCount(0);
  await expect(newPlan).toBeFocused();

  const id = await createPlan(page, 'Eastside tenants');
  const steps = page.getByRole('navigation', { name: 'Steps' });
  await expect(steps.locator('.steps__item a')).toHaveCount(13);
  await expect(steps.locator('.steps__name')).toHaveText([
    'Overview', 'Foundations', 'Partners', 'Strategy', 'Coalition activities', 'Theory of change',
    'Power analysis', 'Stakeholder analysis', 'Goals (SMARTIE)', 'SWOT', 'Action plan',
    'Success sheet', 'Reflection & evaluation',
  ]);
  await expect(steps.getByRole('link', { name: 'Plan report' })).toHaveAttribute('href', `#/plan/${id}/report`);
  await expect(steps.getByRole('link', { name: /Overview/ })).toHaveAttribute('aria-current', 'step');
  await expect(steps.getByRole('link', { name: /Overview/ })).toContainText('to do');
  await expect(steps.getByRole('link', { name: /Partners/ })).not.toHaveAttribute('aria-current', 'step');

  await page.getByLabel('Plan name').fill('Eastside tenants’ campaign 2027');
  await page.getByLabel('Coalition or alliance name').fill('Eastside Housing Coalition');
  await page.getByLabel('Purpose').fill('Win a repairs line that answers within 48 hours.');
  await page.getByLabel('Start date').fill('2027-03-01');
  await page.getByLabel('End date').fill('2027-01-31');
  await expect(page.getByText('The end date is before the start date.')).toBeVisible();
  await expect(page.getByLabel('End date')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('End date').fill('2027-12-31');
  await expect(page.getByText('The end date is before the start date.')).toHaveCount(0);
  await page.getByLabel('Notes').fill('First Tuesday of each month.\nChildcare provided — ¡bienvenidos!');

  await waitForSaved(page, id, (p) => p.overview.notes.includes('bienvenidos'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eastside tenants’ campaign 2027');
  await expect(steps.getByRole('link', { name: /Overview/ })).toContainText('done');
  expect((await storedPlan(page, id)).overview).toEqual({
    name: 'Eastside tenants’ campaign 2027',
    coalition: 'Eastside Housing Coalition',
    purpose: 'Win a repairs line that answers within 48 hours.',
    start: '2027-03-01',
    end: '2027-12-31',
    notes: 'First Tuesday of each month.\nChildcare provided — ¡bienvenidos!',
  });

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eastside tenants’ campaign 2027');
  await expect(page.getByLabel('Plan name')).toHaveValue('Eastside tenants’ campaign 2027');
  await expect(page.getByLabel('Coalition or alliance name')).toHaveValue('Eastside Housing Coalition');
  await expect(page.getByLabel('Purpose')).toHaveValue('Win a repairs line that answers within 48 hours.');
  await expect(page.getByLabel('Start date')).toHaveValue('2027-03-01');
  await expect(page.getByLabel('End date')).toHaveValue('2027-12-31');
  await expect(page.getByLabel('Notes')).toHaveValue('First Tuesday of each month.\nChildcare provided — ¡bienvenidos!');
  await expect(saveStatus(page)).toHaveText(/^Saved \d{2}:\d{2}$/);

  await page.getByRole('link', { name: '← All plans' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your plans' })).toBeVisible();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Eastside tenants’ campaign 2027' }) });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Eastside Housing Coalition');
  await expect(card).toContainText('Last edited');
  await expect(card).toContainText(/Size\s*\d+\.\d KB/);
  await expect(page.getByText('You have not exported your plans yet.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Storage used on this device' })).toBeVisible();
  await expect(page.locator('#storage-meter')).toBeVisible();
  await expect(page.getByText(/^\d+\.\d (KB|MB) of about 5\.0 MB \(\d+%\)$/)).toBeVisible();
});

test('a new plan from the example coalition is filled in', async ({ page }) => {
  const id = await createPlan(page, 'Riverside example', { example: true });
  await expect(page.getByLabel('Coalition or alliance name')).toHaveValue('Riverside Housing Justice Coalition');
  await expect(page.getByLabel('Purpose')).toHaveValue(/landlord licensing scheme/);
  await expect(page.getByLabel('Notes')).toHaveValue(/St Anne's hall/);
  const plan = await storedPlan(page, id);
  expect(plan.overview.coalition).toBe('Riverside Housing Justice Coalition');
  expect(plan.overview.name).toBe('Riverside example');
});

test('rename, duplicate, delete and undo', async ({ page }) => {
  const id = await createPlan(page, 'Alpha');
  await page.getByLabel('Purpose').fill('Alpha purpose');
  await waitForSaved(page, id, (p) => p.overview.purpose === 'Alpha purpose');
  await page.getByRole('link', { name: '← All plans' }).click();

  // Rename: cancel first, then save.
  await page.getByRole('button', { name: 'Rename Alpha' }).click();
  const newName = page.getByLabel('New name');
  await expect(newName).toBeFocused();
  await expect(newName).toHaveValue('Alpha');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(newName).toHaveCount(0);
  await page.getByRole('button', { name: 'Rename Alpha' }).click();
  await newName.fill('  ');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Type a name for the plan.' })).toBeVisible();
  await newName.fill('Beta');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(noticeRegion(page)).toHaveText('Renamed to “Beta”.');
  await expect(page.getByRole('link', { name: 'Beta', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Alpha', exact: true })).toHaveCount(0);
  expect((await storedPlan(page, id)).overview.name).toBe('Beta');
  expect((await storedPlan(page, id)).overview.purpose).toBe('Alpha purpose');

  // Duplicate.
  await page.getByRole('button', { name: 'Duplicate Beta' }).click();
  await expect(noticeRegion(page)).toHaveText('Made a copy: “Beta (copy)”.');
  await expect(page.getByRole('link', { name: 'Beta (copy)' })).toBeVisible();
  const plans = await storedPlans(page);
  expect(plans).toHaveLength(2);
  const copy = plans.find((p) => p.id !== id);
  expect(copy.overview).toEqual({ ...(await storedPlan(page, id)).overview, name: 'Beta (copy)' });

  // Delete: cancel first, then confirm; then undo.
  await page.getByRole('button', { name: 'Delete Beta (copy)' }).click();
  const confirm = page.getByRole('group', { name: 'Delete “Beta (copy)” from this browser?' });
  await expect(confirm).toContainText('You can undo this for 15 seconds.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  const before = await storedPlan(page, copy.id);
  await page.getByRole('button', { name: 'Delete Beta (copy)' }).click();
  await confirm.getByRole('button', { name: 'Delete plan' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Deleted “Beta (copy)”.' });
  await expect(status).toBeVisible();
  await expect(page.getByRole('link', { name: 'Beta (copy)' })).toHaveCount(0);
  expect(await rawPlan(page, copy.id)).toBeNull();
  expect(JSON.parse((await readStorage(page))['alliance-planner/index']).plans.map((s) => s.id)).toEqual([id]);

  await status.getByRole('button', { name: 'Undo' }).click();
  await expect(noticeRegion(page)).toHaveText('“Beta (copy)” is back.');
  await expect(page.getByRole('link', { name: 'Beta (copy)' })).toBeVisible();
  expect(await storedPlan(page, copy.id)).toEqual(before);

  // Undo survives a reload: it really is back in storage.
  await page.reload();
  await expect(page.getByRole('link', { name: 'Beta (copy)' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Beta', exact: true })).toBeVisible();
});

test('two deletes in a row keep an Undo each, and the focus lands on Undo', async ({ page }) => {
  const first = await createPlan(page, 'First plan');
  await openLibrary(page);
  const second = await createPlan(page, 'Second plan');
  await openLibrary(page);

  await page.getByRole('button', { name: 'Delete First plan' }).click();
  await expect(page.getByRole('button', { name: 'Delete plan' })).toBeFocused();
  await page.getByRole('button', { name: 'Delete plan' }).click();
  await expect(page.getByRole('button', { name: 'Undo First plan' })).toBeFocused();
  await page.getByRole('button', { name: 'Delete Second plan' }).click();
  await page.getByRole('button', { name: 'Delete plan' }).click();

  const status = noticeRegion(page);
  await expect(status.getByRole('button', { name: 'Undo First plan' })).toBeVisible();
  await expect(status.getByRole('button', { name: 'Undo Second plan' })).toBeVisible();
  await status.getByRole('button', { name: 'Undo First plan' }).click();
  await expect(page.getByRole('link', { name: 'First plan' })).toBeVisible();
  expect((await storedPlan(page, first)).overview.name).toBe('First plan');
  await status.getByRole('button', { name: 'Undo Second plan' }).click();
  await expect(page.getByRole('link', { name: 'Second plan' })).toBeVisible();
  expect((await storedPlan(page, second)).overview.name).toBe('Second plan');
});

test('a name that looks like HTML is shown as text and runs nothing (typed)', async ({ page }) => {
  const evil = '<img src=x onerror=alert(1)>';
  const dialogs = watchDialogs(page);
  const id = await createPlan(page, evil);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(evil);
  await page.getByLabel('Coalition or alliance name').fill('<script>alert(2)</script>');
  await waitForSaved(page, id, (p) => p.overview.coalition === '<script>alert(2)</script>');
  await expect(page).toHaveTitle(`${evil} · Overview · Alliance Planner`);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  await page.getByRole('link', { name: '← All plans' }).click();
  await expect(page.getByRole('link', { name: evil })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: '<script>alert(2)</script>' })).toHaveCount(1);
  await page.getByRole('button', { name: `Duplicate ${evil}` }).click();
  await expect(page.getByRole('link', { name: `${evil} (copy)` })).toBeVisible();
  await expect(page.locator('img[src="x"], main script')).toHaveCount(0);
  expect((await storedPlan(page, id)).overview.name).toBe(evil);
  expect(dialogs).toEqual([]);
});

test('the app asks the browser to keep its storage (navigator.storage.persist)', async ({ page }) => {
  await page.addInitScript(() => {
    window.__persistCalls = 0;
    const storage = navigator.storage;
    const original = storage.persist.bind(storage);
    storage.persist = () => {
      window.__persistCalls += 1;
      return original();
    };
  });
  await openLibrary(page);
  await expect.poll(() => page.evaluate(() => window.__persistCalls)).toBeGreaterThanOrEqual(1);
  // The meter says what the browser answered.
  await expect(
    page.getByText(/This browser (has agreed to keep this page's data|may clear this page's data)/),
  ).toBeVisible();
});

test('the plan view shows the save status while typing and after the debounce', async ({ page }) => {
  const id = await createPlan(page, 'Status plan');
  await page.getByLabel('Purpose').pressSequentially('abc');
  await expect(saveStatus(page)).toHaveText(/^(Saving…|Saved \d{2}:\d{2})$/);
  await waitForSaved(page, id, (p) => p.overview.purpose === 'abc');
  expect(await page.evaluate((k) => localStorage.getItem(k), planKey(id))).toContain('"purpose":"abc"');
});

test('the backup reminder is per plan: it names the plans not exported yet, then the days since the oldest export', async ({ page }) => {
  const first = await createPlan(page, 'Reminder plan');
  await createPlan(page, 'Second plan');
  await openLibrary(page);
  await expect(page.getByText('You have not exported your plans yet. Export them now')).toBeVisible();

  // One plan exported whole: the reminder names only the other.
  await page.getByRole('link', { name: 'Reminder plan' }).click();
  await exportPlan(page, { includePrivate: true });
  await openLibrary(page);
  await expect(page.getByText('You have not exported your plans yet.')).toHaveCount(0);
  await expect(page.getByText('Not exported yet: “Second plan”. Export them too')).toBeVisible();

  // An old index's single export time counts for every plan, and its age is named.
  await page.evaluate((key) => {
    const index = JSON.parse(localStorage.getItem(key));
    delete index.exported;
    index.last_export_at = new Date(Date.now() - 10 * 86_400_000).toISOString();
    localStorage.setItem(key, JSON.stringify(index));
  }, INDEX_KEY);
  await page.reload();
  await expect(page.getByText('Your last export was 10 days ago. Export your plans again')).toBeVisible();

  // "Export all plans" is the backup: a dated file of every plan, and the reminder goes.
  const file = await download(page, page.getByRole('button', { name: 'Export all plans' }));
  expect(file.name).toMatch(/^alliance-planner-backup-\d{4}-\d{2}-\d{2}\.alliance\.json$/);
  expect(JSON.parse(file.text).plans.map((p) => p.id)).toContain(first);
  await expect(page.getByText(/Your last export was|Not exported yet/)).toHaveCount(0);
  await expect(noticeRegion(page)).toHaveText(`Exported to “${file.name}”. Keep the file somewhere safe.`);
  await expect(page.getByText('The backup of this device: every plan, whole, private notes included.')).toBeVisible();
});
