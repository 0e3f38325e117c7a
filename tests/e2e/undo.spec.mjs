// Undo and redo: the buttons, the keys outside text fields, the browser's own undo inside
// them, a deleted item coming back whole, steps kept across step changes, and every undo
// saved like an edit.
import { test, expect, createPlan, waitForSaved, storedPlan, goTo, noticeRegion } from './helpers.mjs';

test('undo and redo through the buttons and the keys, saved like any edit', async ({ page }) => {
  const id = await createPlan(page, 'Undo plan');
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  await expect(undo).toHaveAttribute('aria-disabled', 'true');

  await page.getByLabel('Purpose').fill('First purpose');
  await waitForSaved(page, id, (p) => p.overview.purpose === 'First purpose');
  await page.getByLabel('Notes').fill('Second, notes');
  await waitForSaved(page, id, (p) => p.overview.notes === 'Second, notes');
  await expect(undo).toHaveAttribute('aria-disabled', 'false');

  // The button undoes the last pause of typing, and the undo is saved.
  await undo.click();
  await expect(page.getByLabel('Notes')).toHaveValue('');
  await expect(page.getByLabel('Purpose')).toHaveValue('First purpose');
  await expect(noticeRegion(page)).toHaveText('Undone: the last change.');
  await waitForSaved(page, id, (p) => p.overview.notes === '' && p.overview.purpose === 'First purpose');

  // Ctrl+Z with the focus on a button (not in a text field) undoes the one before.
  await undo.focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByLabel('Purpose')).toHaveValue('');
  await waitForSaved(page, id, (p) => p.overview.purpose === '');
  await expect(undo).toHaveAttribute('aria-disabled', 'true');

  // Ctrl+Shift+Z and Ctrl+Y redo; the Redo button too.
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByLabel('Purpose')).toHaveValue('First purpose');
  await page.keyboard.press('Control+y');
  await expect(page.getByLabel('Notes')).toHaveValue('Second, notes');
  await expect(redo).toHaveAttribute('aria-disabled', 'true');
  await undo.click();
  await redo.click();
  await expect(page.getByLabel('Notes')).toHaveValue('Second, notes');
  await waitForSaved(page, id, (p) => p.overview.notes === 'Second, notes');

  // Inside a text field the keys are the browser's: the app's history is not touched.
  await page.getByLabel('Notes').focus();
  await page.keyboard.press('End');
  await page.keyboard.type(' more');
  await page.keyboard.press('Control+z');
  await expect(page.getByLabel('Purpose')).toHaveValue('First purpose');
  await expect(page.getByLabel('Notes')).not.toHaveValue(' more');

  // A reload shows the saved state.
  await page.getByLabel('Notes').fill('Kept');
  await waitForSaved(page, id, (p) => p.overview.notes === 'Kept');
  await undo.click();
  await waitForSaved(page, id, (p) => p.overview.notes !== 'Kept');
  const stored = (await storedPlan(page, id)).overview.notes;
  await page.reload();
  await expect(page.getByLabel('Notes')).toHaveValue(stored);
});

test('a deleted partner comes back whole with one undo, across step changes', async ({ page }) => {
  const id = await createPlan(page, 'Undo delete');
  await goTo(page, 'Partners');
  await page.getByRole('button', { name: 'Add partner' }).click();
  await page.keyboard.type('Eastside Tenants Union');
  const card = page.locator('.partner-card').nth(0);
  await card.getByLabel('Skills').fill('Door-knocking');
  await waitForSaved(page, id, (p) => p.partners.length === 1 && p.partners[0].skills === 'Door-knocking');
  await page.getByRole('button', { name: 'Remove Eastside Tenants Union' }).click();
  await page.getByRole('button', { name: 'Remove partner' }).click();
  await waitForSaved(page, id, (p) => p.partners.length === 0);

  // Steps are kept when another step is opened.
  await goTo(page, 'Strategy');
  await goTo(page, 'Partners');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Edit Eastside Tenants Union' })).toBeVisible();
  await waitForSaved(page, id, (p) => p.partners.length === 1 && p.partners[0].skills === 'Door-knocking');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await waitForSaved(page, id, (p) => p.partners.length === 0);
});
