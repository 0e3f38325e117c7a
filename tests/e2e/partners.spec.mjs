// The "Partners" step: the coalition's registry, edited with the keyboard alone.
import { test, expect, createPlan, waitForSaved, storedPlan, download, importFile, importPreview, importInFreshProfile, exportPlan } from './helpers.mjs';

test('an organiser adds, edits, reorders and removes partners with the keyboard, and it all survives reload', async ({ page }) => {
  const id = await createPlan(page, 'Eastside tenants');
  await page.getByRole('link', { name: /^Partners/ }).click();
  await expect(page.getByText('No partners yet.')).toBeVisible();
  await expect(page.getByRole('link', { name: /^Partners/ })).toContainText('to do');

  // Add the first partner from the keyboard: the focus goes to its name.
  await page.getByRole('button', { name: 'Add partner' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Name')).toBeFocused();
  await page.keyboard.type('Eastside Tenants Union');
  await page.keyboard.press('Tab'); // to the first radio of "This partner is"
  const card1 = page.locator('.partner-card').nth(0);
  await card1.getByLabel('Skills').fill('Door-knocking');
  await card1.getByLabel('Resources').fill('200 members');
  await card1.getByLabel('Leadership or allyship').selectOption({ label: 'Leads' });
  await card1.getByLabel('Commitment').selectOption({ label: 'Strong' });
  await card1.getByLabel('Messenger').focus();
  await page.keyboard.press('Space');
  await card1.getByLabel('Convener').check();
  await card1.getByLabel('What they own').fill('Chooses the demands');
  await card1.getByLabel('Private notes').fill('Chair is new: go gently.');
  await expect(card1.getByText('Private', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Add partner' }).click();
  const card2 = page.locator('.partner-card').nth(1);
  await expect(card2.getByLabel('Name')).toBeFocused();
  await page.keyboard.type('Pastor Ana Ruiz');
  await card2.getByLabel('A person').check();
  await card2.getByLabel('Connector').check();

  await waitForSaved(page, id, (p) => p.partners.length === 2 && p.partners[1].roles.connector);
  await expect(page.getByRole('link', { name: /^Partners/ })).toContainText('done');

  // Move the second partner up with the keyboard; the focus stays on the moved card's button.
  await page.getByRole('button', { name: 'Move up Pastor Ana Ruiz' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.partner-card h3').first()).toHaveText('1. Pastor Ana Ruiz');
  // It is first now, so "Move up" is disabled and the focus is on its "Move down".
  await expect(page.getByRole('button', { name: 'Move down Pastor Ana Ruiz' })).toBeFocused();
  await waitForSaved(page, id, (p) => p.partners[0].name === 'Pastor Ana Ruiz');

  await page.reload();
  await expect(page.locator('.partner-card h3')).toHaveText(['1. Pastor Ana Ruiz', '2. Eastside Tenants Union']);
  const union = page.locator('.partner-card').nth(1);
  // After a reload the cards show a summary; "Edit" opens the form and focuses the name.
  await expect(union.locator('.facts')).toContainText('Leads');
  await expect(union.locator('.facts')).toContainText('Messenger, Convener');
  await expect(union.getByLabel('Commitment')).toHaveCount(0);
  await page.getByRole('button', { name: 'Edit Eastside Tenants Union' }).click();
  await expect(union.getByLabel('Name')).toBeFocused();
  await expect(page.getByRole('button', { name: 'Done Eastside Tenants Union' })).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('button', { name: 'Edit Pastor Ana Ruiz' }).click();
  await expect(union.getByLabel('Leadership or allyship')).toHaveValue('leads');
  await expect(union.getByLabel('Commitment')).toHaveValue('strong');
  await expect(union.getByLabel('Messenger')).toBeChecked();
  await expect(union.getByLabel('Convener')).toBeChecked();
  await expect(union.getByLabel('Connector')).not.toBeChecked();
  await expect(union.getByLabel('Private notes')).toHaveValue('Chair is new: go gently.');
  await expect(page.locator('.partner-card').nth(0).getByLabel('A person')).toBeChecked();

  // Remove asks first; cancel keeps the partner, confirming removes it.
  await page.getByRole('button', { name: 'Remove Pastor Ana Ruiz' }).click();
  await expect(page.getByRole('button', { name: 'Remove partner' })).toBeFocused();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Remove Pastor Ana Ruiz' })).toBeFocused();
  await page.getByRole('button', { name: 'Remove Pastor Ana Ruiz' }).click();
  await page.getByRole('button', { name: 'Remove partner' }).click();
  await expect(page.locator('.partner-card')).toHaveCount(1);
  await waitForSaved(page, id, (p) => p.partners.length === 1);
  expect((await storedPlan(page, id)).partners[0]).toMatchObject({
    name: 'Eastside Tenants Union',
    kind: 'organisation',
    skills: 'Door-knocking',
    resources: '200 members',
    continuum: 'leads',
    roles: { messenger: true, connector: false, convener: true },
    commitment: 'strong',
    ownership: 'Chooses the demands',
    private_notes: 'Chair is new: go gently.',
  });
});

test('partners travel in the exported file and come back in a fresh profile', async ({ page, browser, guard }) => {
  const id = await createPlan(page, 'Riverside', { example: true });
  await page.getByRole('link', { name: /^Partners/ }).click();
  await expect(page.locator('.partner-card')).toHaveCount(4);
  const exported = await exportPlan(page);
  const file = JSON.parse(exported.text);
  expect(file.schema_version).toBe(6);
  expect(file.plans[0].partners.map((p) => p.name)).toEqual([
    "Riverside Tenants' Union",
    "St Anne's congregation",
    'Riverside Youth Centre organisers',
    "Nurses' union, Riverside branch",
  ]);

  const imported = { counts: 'Partners: 4', plan: 'Riverside' };
  await importInFreshProfile(browser, guard, exported, imported, async (page2) => {
    await page2.getByRole('link', { name: /^Partners/ }).click();
    await expect(page2.locator('.partner-card h3')).toHaveText([
    "1. Riverside Tenants' Union",
      "2. St Anne's congregation",
      '3. Riverside Youth Centre organisers',
      "4. Nurses' union, Riverside branch",
    ]);
    expect((await storedPlan(page2, id)).partners).toEqual(file.plans[0].partners);
  });
});

test('a version 1 file opens with an empty partner list', async ({ page }) => {
  await page.goto('#/');
  const v1 = {
    format: 'alliance-planner',
    schema_version: 1,
    plans: [{ id: '3d0f6a52-1b7e-4c39-8f0a-6e2b9d4c1a57', created_at: '2026-02-01T10:00:00Z', updated_at: '2026-02-01T10:00:00Z', overview: { name: 'Old plan' } }],
  };
  await importFile(page, 'old.alliance.json', JSON.stringify(v1));
  await expect(importPreview(page)).toContainText('made by an older version (v1)');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Old plan' })).toBeVisible();
  expect((await storedPlan(page, '3d0f6a52-1b7e-4c39-8f0a-6e2b9d4c1a57')).partners).toEqual([]);
});
