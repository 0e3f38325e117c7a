// Export and import: a round trip into a fresh browser profile, files that must be refused
// without touching storage, replace / copy / drag-and-drop, and HTML-looking names in files.
import { test, expect, openLibrary, createPlan, waitForSaved, storedPlan, storedPlans,
  storageHash, download, envelope, planData, importFile, importAlert, importPreview, noticeRegion,
  newWatchedContext, uuid, watchDialogs, exportPlan } from './helpers.mjs';

test('export → import into a fresh browser profile → identical plans', async ({ page, browser, guard }) => {
  // Profile 1: two plans, one from the example, one typed by hand.
  const exampleId = await createPlan(page, 'Riverside coalition', { example: true });
  const handId = await createPlan(page, 'Northfield — “house meetings”');
  await page.getByLabel('Coalition or alliance name').fill('Northfield Residents <Together>');
  await page.getByLabel('Purpose').fill('Three house meetings & one assembly.\nLine two: ünïcødé ✊🏽');
  await page.getByLabel('Start date').fill('2027-04-01');
  await page.getByLabel('End date').fill('2027-06-30');
  await page.getByLabel('Notes').fill('Tab\tand "quotes" and \\backslashes\\');
  await waitForSaved(page, handId, (p) => p.overview.notes.startsWith('Tab\t'));

  await page.getByRole('link', { name: '← All plans' }).click();
  const exportAll = page.getByRole('button', { name: 'Export all plans' });
  const first = await download(page, exportAll);
  expect(first.name).toMatch(/^alliance-planner-backup-\d{4}-\d{2}-\d{2}\.alliance\.json$/);
  await expect(page.getByText('You have not exported your plans yet.')).toHaveCount(0);
  const file1 = JSON.parse(first.text);
  expect(file1).toMatchObject({ format: 'alliance-planner', schema_version: 6, app_version: expect.any(String) });
  expect(Date.parse(file1.exported_at)).not.toBeNaN();
  expect(file1.plans.map((p) => p.id).sort()).toEqual([exampleId, handId].sort());
  expect(file1.plans.find((p) => p.id === handId).overview).toMatchObject({
    start: '2027-04-01',
    end: '2027-06-30',
    purpose: 'Three house meetings & one assembly.\nLine two: ünïcødé ✊🏽',
  });

  // Profile 2: a new browser context shares nothing with the first.
  const ctx2 = await newWatchedContext(browser, guard);
  try {
    const page2 = await ctx2.newPage();
    await openLibrary(page2);
    await expect(page2.getByText('There are no plans on this device yet.')).toBeVisible();
    await importFile(page2, first.name, first.text);
    const preview = importPreview(page2);
    await expect(preview).toBeVisible();
    await expect(preview).toContainText(`Plans in “${first.name}”: 2.`);
    await expect(preview.getByRole('heading', { name: 'Check before importing' })).toBeFocused();
    for (const name of ['Riverside coalition', 'Northfield — “house meetings”']) {
      const group = preview.getByRole('group', { name: `What to do with “${name}”` });
      await expect(group.getByRole('radio', { name: 'Add to this device' })).toBeChecked();
      await expect(group.getByRole('radio', { name: 'Skip' })).not.toBeChecked();
    }
    await preview.getByRole('button', { name: 'Import' }).click();
    await expect(noticeRegion(page2)).toHaveText('Plans imported: 2.');
    await expect(preview).toHaveCount(0);
    await expect(page2.getByRole('link', { name: 'Riverside coalition' })).toBeVisible();
    await expect(page2.getByRole('link', { name: 'Northfield — “house meetings”' })).toBeVisible();

    const second = await download(page2, page2.getByRole('button', { name: 'Export all plans' }));
    expect(second.name).toBe(first.name);
    const file2 = JSON.parse(second.text);
    expect(file2.plans).toEqual(file1.plans);
    expect({ ...file2, exported_at: null }).toEqual({ ...file1, exported_at: null });

    // And the imported plan opens with the same content.
    await page2.getByRole('link', { name: 'Northfield — “house meetings”' }).click();
    await expect(page2.getByLabel('Purpose')).toHaveValue('Three house meetings & one assembly.\nLine two: ünïcødé ✊🏽');
    await expect(page2.getByLabel('End date')).toHaveValue('2027-06-30');
  } finally {
    await ctx2.close();
  }
});

// "Export this plan" must write what is stored: after an edit the file carries the saved
// revision and the edit's time, so "Last edited" is right wherever the file is imported.
test('"Export this plan" exports the saved plan, with its current revision and last-edit time', async ({ page }) => {
  const id = await createPlan(page, 'Northfield — “house meetings”');
  await page.getByLabel('Purpose').fill('Three house meetings');
  await waitForSaved(page, id, (p) => p.overview.purpose === 'Three house meetings');
  const single = await exportPlan(page);
  expect(single.name).toMatch(/^northfield-house-meetings-\d{4}-\d{2}-\d{2}\.alliance\.json$/);
  await expect(page.getByRole('status').filter({ hasText: `Exported to “${single.name}”.` })).toBeVisible();
  const file = JSON.parse(single.text);
  expect(file.plans[0].overview.purpose).toBe('Three house meetings');
  expect(file.plans).toEqual([await storedPlan(page, id)]);
});

test('a file that cannot be imported shows why, and storage stays byte-for-byte the same', async ({ page }) => {
  const id = await createPlan(page, 'Keep me');
  await page.getByLabel('Purpose').fill('Untouched');
  await waitForSaved(page, id, (p) => p.overview.purpose === 'Untouched');
  await page.getByRole('link', { name: '← All plans' }).click();
  await expect(page.getByRole('link', { name: 'Keep me' })).toBeVisible();
  const hash = await storageHash(page);

  const dup = uuid();
  const cases = [
    { name: 'not-json.alliance.json', text: '{x', reason: /^Line 1, column 2: this is not valid JSON \(.+\)\.$/ },
    {
      name: 'newer.alliance.json',
      text: JSON.stringify({ ...envelope([planData(uuid(), { name: 'From the future' })]), schema_version: 7 }),
      reason: 'This file was made by a newer version (v7); this app reads up to v6. Open it with the newer Alliance Planner.',
    },
    {
      name: 'duplicate.alliance.json',
      text: JSON.stringify(envelope([planData(dup, { name: 'One' }), planData(dup, { name: 'Two' })])),
      reason: `plans[1].id: the id ${dup} appears more than once in the file.`,
    },
    {
      name: 'bad-date.alliance.json',
      text: JSON.stringify(envelope([planData(uuid(), { name: 'Bad date', start: '2026-02-30' })])),
      reason: /^plans\[0\]\.overview\.start: invalid date "2026-02-30".*YYYY-MM-DD.*$/,
    },
    {
      name: 'huge.alliance.json',
      text: Buffer.alloc(6 * 1024 * 1024, 0x20),
      reason: 'The file is 6.0 MB. Files over 5.0 MB are not accepted.',
    },
    { name: 'empty.alliance.json', text: '', reason: 'The file is empty.' },
    {
      name: 'long-name.alliance.json',
      text: JSON.stringify(envelope([planData(uuid(), { name: 'n'.repeat(201) })])),
      reason: 'plans[0].overview.name: 201 characters; the limit is 200.',
    },
    {
      name: 'bad-id.alliance.json',
      text: JSON.stringify(envelope([planData('not-a-uuid', { name: 'Bad id' })])),
      reason: 'plans[0].id: “not-a-uuid” is not a valid plan id.',
    },
    {
      name: 'other.json',
      text: JSON.stringify({ format: 'something-else', plans: [] }),
      reason: 'This is not an Alliance Planner file (its format is something-else).',
    },
    { name: 'latin1.json', text: Buffer.from([0x7b, 0xe9, 0x7d]), reason: /^The file is not plain text \(byte 1 is not UTF-8\)/ },
  ];
  for (const c of cases) {
    await test.step(c.name, async () => {
      await importFile(page, c.name, c.text);
      const alert = importAlert(page);
      await expect(alert).toBeVisible();
      const paragraphs = alert.locator('p');
      await expect(paragraphs).toHaveCount(3);
      await expect(paragraphs.nth(0)).toHaveText('This file could not be imported');
      await expect(paragraphs.nth(1)).toHaveText(c.reason);
      await expect(paragraphs.nth(2)).toHaveText('Nothing on this device was changed.');
      await expect(importPreview(page)).toHaveCount(0);
      expect(await storageHash(page)).toBe(hash);
    });
  }
  await page.reload();
  await expect(page.getByRole('link', { name: 'Keep me' })).toBeVisible();
  expect(await storageHash(page)).toBe(hash);
});

test('import: replace needs confirmation; a copy is added as “… (imported copy)”', async ({ page }) => {
  const id = await createPlan(page, 'Local name');
  await page.getByLabel('Purpose').fill('local purpose');
  await waitForSaved(page, id, (p) => p.overview.purpose === 'local purpose');
  await page.getByRole('link', { name: '← All plans' }).click();

  const remote = planData(id, { name: 'Remote name', coalition: 'Remote coalition', purpose: 'remote purpose' });
  const text = JSON.stringify(envelope([remote]));

  // Cancel changes nothing.
  const hash = await storageHash(page);
  await importFile(page, 'remote.alliance.json', text);
  let preview = importPreview(page);
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await expect(preview).toHaveCount(0);
  await expect(noticeRegion(page)).toHaveText('Import cancelled. Nothing was changed.');
  expect(await storageHash(page)).toBe(hash);

  // Replace: refused until the box is ticked.
  await importFile(page, 'remote.alliance.json', text);
  preview = importPreview(page);
  await expect(preview).toContainText('This device already has this plan: “Local name”, last edited');
  const group = preview.getByRole('group', { name: 'What to do with “Remote name”' });
  // A plan this device has merges by default; the button says what it will do.
  await expect(group.getByRole('radio', { name: 'Merge' })).toBeChecked();
  await expect(group.getByRole('radio')).toHaveCount(4);
  await expect(preview.getByRole('button', { name: 'Merge' })).toBeVisible();
  await group.getByRole('radio', { name: 'Replace the plan on this device' }).check();
  const confirmBox = preview.getByRole('checkbox', { name: /^Yes, replace “Local name” on this device\./ });
  await expect(confirmBox).not.toBeChecked();
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(preview.getByRole('alert')).toHaveText('Tick the box to confirm each replacement first.');
  expect(await storageHash(page)).toBe(hash);
  await confirmBox.check();
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(noticeRegion(page)).toHaveText('Plans imported: 1.');
  await expect(preview).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Remote name' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Local name' })).toHaveCount(0);
  // The file's plan, stamped as an edit on top of the one it replaced (so a tab still
  // showing the old plan takes it whole), with a newer revision.
  const replaced = await storedPlan(page, id);
  const { revision, versions, ...content } = replaced;
  const { revision: remoteRevision, ...remoteContent } = remote;
  expect(content).toEqual(remoteContent);
  expect(revision).toBeGreaterThan(remoteRevision);
  expect(Object.keys(versions.stamps[''])).toEqual(
    expect.arrayContaining(['overview.name', 'overview.coalition', 'overview.purpose']),
  );
  expect(await storedPlans(page)).toHaveLength(1);

  // The same file again: merging it would change nothing; a copy gets a new id.
  await importFile(page, 'remote.alliance.json', text);
  preview = importPreview(page);
  await expect(preview).toContainText('Nothing new: every change in the file is already on this device');
  await preview.getByRole('radio', { name: 'Import as a copy' }).check();
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(noticeRegion(page)).toHaveText('Plans imported: 1.');
  await expect(page.getByRole('link', { name: 'Remote name (imported copy)' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Remote name', exact: true })).toBeVisible();
  const plans = await storedPlans(page);
  expect(plans).toHaveLength(2);
  const copy = plans.find((p) => p.id !== id);
  expect(copy.overview).toEqual({ ...remote.overview, name: 'Remote name (imported copy)' });
  expect(await storedPlan(page, id)).toEqual(replaced);

  // Skip imports nothing.
  await importFile(page, 'remote.alliance.json', text);
  await importPreview(page).getByRole('radio', { name: 'Skip' }).check();
  await importPreview(page).getByRole('button', { name: 'Import' }).click();
  await expect(noticeRegion(page)).toHaveText('Plans imported: 0.');
  expect(await storedPlans(page)).toHaveLength(2);
  expect(await storedPlan(page, id)).toEqual(replaced);
});

test('import by dropping a file on the library', async ({ page }) => {
  await openLibrary(page);
  const id = uuid();
  const dropped = planData(id, { name: 'Dropped plan', coalition: 'Drop coalition', start: '2026-05-01' });
  const text = JSON.stringify(envelope([dropped]));
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.alliance.json', { type: 'application/json' }));
    window.__dt = dt;
    document.querySelector('.library').dispatchEvent(
      new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }),
    );
  }, text);
  await expect(page.getByText('Drop the plan file to import it')).toBeVisible();
  await page.evaluate(() => {
    document.querySelector('.library').dispatchEvent(
      new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: window.__dt }),
    );
  });
  await expect(page.getByText('Drop the plan file to import it')).toHaveCount(0);
  const preview = importPreview(page);
  await expect(preview).toContainText('Plans in “dropped.alliance.json”: 1.');
  await expect(preview.getByRole('radio', { name: 'Add to this device' })).toBeChecked();
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(noticeRegion(page)).toHaveText('Plans imported: 1.');
  await expect(page.getByRole('link', { name: 'Dropped plan' })).toBeVisible();
  expect(await storedPlan(page, id)).toEqual(dropped);
});

test('a name that looks like HTML is shown as text and runs nothing (imported)', async ({ page }) => {
  const evil = '<img src=x onerror=alert(1)>';
  const dialogs = watchDialogs(page);
  await openLibrary(page);
  const id = uuid();
  const text = JSON.stringify(
    envelope([planData(id, { name: evil, coalition: '<script>alert(2)</script>', notes: '<b onmouseover=alert(3)>x</b>' })]),
  );
  await importFile(page, `${evil}.alliance.json`, text);
  const preview = importPreview(page);
  await expect(preview).toContainText(`Plans in “${evil}.alliance.json”: 1.`);
  await expect(preview.getByRole('heading', { level: 3 })).toHaveText(evil);
  await expect(preview.getByRole('group', { name: `What to do with “${evil}”` })).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(noticeRegion(page)).toHaveText('Plans imported: 1.');

  const link = page.getByRole('link', { name: evil });
  await expect(link).toHaveText(evil);
  await expect(page.getByText('<script>alert(2)</script>')).toBeVisible();
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(evil);
  await expect(page.getByLabel('Notes')).toHaveValue('<b onmouseover=alert(3)>x</b>');
  await expect(page.locator('img[src="x"], main b, main script')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
