// Accessibility (axe, WCAG 2.2 AA rules) and small screens (no sideways scrolling at 360 px).
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openLibrary, createPlan, envelope, planData, importFile, importPreview,
  uuid } from './helpers.mjs';

const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 360, height: 780 },
];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

async function expectNoAxeViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary}`),
  }));
  expect(summary).toEqual([]);
  expect(results.passes.length, 'axe ran its rules').toBeGreaterThan(10);
}

async function expectNoSideScroll(page) {
  const size = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(size.scrollWidth, `scrollWidth ${size.scrollWidth} > clientWidth ${size.clientWidth}`).toBeLessThanOrEqual(
    size.clientWidth,
  );
}

const EXAMPLE_NAME = 'Riverside Housing Justice Coalition — spring assembly 2027';

/** A plan made from the example, open at the step whose link matches `link`. */
async function openExampleStep(page, link) {
  await createPlan(page, EXAMPLE_NAME, { example: true });
  await page.getByRole('link', { name: link }).click();
}

/** Two plans with long, realistic names and one import file with a new and an existing plan. */
async function seedPlans(page) {
  const id = await createPlan(page, EXAMPLE_NAME, { example: true });
  await createPlan(page, 'Northfield estate tenants');
  await openLibrary(page);
  return id;
}

async function openImportPreview(page, existingId) {
  const text = JSON.stringify(
    envelope([
      planData(existingId, { name: EXAMPLE_NAME, purpose: 'Theirs' }),
      planData(uuid(), { name: 'Youth centre organisers', coalition: 'Youth voice', start: '2026-09-01' }),
    ]),
  );
  await importFile(page, 'from-a-partner.alliance.json', text);
  const preview = importPreview(page);
  await expect(preview).toBeVisible();
  // Show the replacement confirmation too.
  await preview.getByRole('radio', { name: 'Replace the plan on this device' }).check();
  await expect(preview.getByRole('checkbox')).toBeVisible();
  return preview;
}

for (const viewport of WIDTHS) {
  test.describe(`axe at ${viewport.width} px`, () => {
    test.use({ viewport });
    // axe finds nothing, and a phone-sized window does not scroll sideways.
    const expectSoundScreen = async (page) => {
      await expectNoAxeViolations(page);
      if (viewport.width === 360) await expectNoSideScroll(page);
    };

    test('library, empty', async ({ page }) => {
      await openLibrary(page);
      await expect(page.getByText('There are no plans on this device yet.')).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('library with plans and the new-plan form open', async ({ page }) => {
      await seedPlans(page);
      await page.getByRole('button', { name: 'New plan' }).click();
      await expect(page.getByLabel('Plan name')).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('import preview', async ({ page }) => {
      const id = await seedPlans(page);
      await openImportPreview(page, id);
      await expectNoAxeViolations(page);
    });

    test('merge preview with conflicts, and the merge summary', async ({ page }) => {
      const id = await seedPlans(page);
      const text = JSON.stringify(envelope([planData(id, { name: EXAMPLE_NAME, purpose: 'Theirs' })]));
      await importFile(page, 'from-a-partner.alliance.json', text);
      const preview = importPreview(page);
      await expect(preview.getByRole('radio', { name: 'Merge' })).toBeChecked();
      await expect(preview).toContainText('Changed both here and in the file, differently');
      await expectSoundScreen(page);
      await preview.getByRole('button', { name: 'Merge' }).click();
      await expect(page.getByRole('button', { name: 'Undo merge' })).toBeVisible();
      await expectSoundScreen(page);
    });

    test('the export dialog, and the forget-this-device dialog', async ({ page }) => {
      await openExampleStep(page, 'Overview');
      await page.getByRole('button', { name: 'Export this plan' }).click();
      await expect(page.getByRole('dialog', { name: 'Export this plan' })).toBeVisible();
      await expectSoundScreen(page);
      await page.keyboard.press('Escape');
      await openLibrary(page);
      await page.getByRole('button', { name: 'Forget this device' }).click();
      await expect(page.getByRole('dialog', { name: 'Forget this device' })).toBeVisible();
      await expectSoundScreen(page);
    });

    test('the lock dialog with its strength hint, the locked plan, and the unlock page with a wrong passphrase', async ({ page }) => {
      await openExampleStep(page, 'Overview');
      await page.getByRole('button', { name: 'Lock with a passphrase' }).click();
      const dialog = page.getByRole('dialog', { name: 'Lock with a passphrase' });
      await dialog.getByLabel('Passphrase', { exact: true }).fill('tenants first');
      await expect(dialog.locator('#lock-strength')).toContainText('Strength:');
      await dialog.getByRole('button', { name: 'Lock', exact: true }).click();
      await expect(dialog.getByRole('alert')).toBeVisible();
      await expectSoundScreen(page);
      await dialog.getByLabel('Passphrase', { exact: true }).fill('tenants first');
      await dialog.getByLabel('Repeat passphrase').fill('tenants first');
      await dialog.getByRole('button', { name: 'Lock', exact: true }).click();
      await expect(page.getByRole('button', { name: 'Lock now' })).toBeVisible();
      await expectSoundScreen(page);
      await page.getByRole('button', { name: 'Lock now' }).click();
      await page.getByLabel('Passphrase', { exact: true }).fill('tenants last');
      await page.getByRole('button', { name: 'Unlock' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectSoundScreen(page);
      await openLibrary(page);
      await expect(page.getByRole('heading', { name: 'Locked plan' })).toBeVisible();
      await expectSoundScreen(page);
    });

    test('import error and delete confirmation with undo', async ({ page }) => {
      await seedPlans(page);
      await importFile(page, 'broken.json', '{x');
      await expect(page.getByRole('alert').filter({ hasText: 'This file could not be imported' })).toBeVisible();
      await page.getByRole('button', { name: 'Delete Northfield estate tenants' }).click();
      await expect(page.getByRole('button', { name: 'Delete plan' })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Delete plan' }).click();
      await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('plan view (overview), with a date error shown', async ({ page }) => {
      await createPlan(page, EXAMPLE_NAME, { example: true });
      await page.getByLabel('Start date').fill('2027-05-01');
      await page.getByLabel('End date').fill('2027-04-01');
      await expect(page.getByText('The end date is before the start date.')).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('partners step of the example plan, with a removal being confirmed', async ({ page }) => {
      await openExampleStep(page, /^Partners/);
      await expect(page.getByRole('heading', { level: 2, name: 'Partners' })).toBeVisible();
      await page.getByRole('button', { name: "Remove St Anne's congregation" }).click();
      await expect(page.getByRole('button', { name: 'Remove partner' })).toBeVisible();
      await expectSoundScreen(page);
    });

    test('foundations of the example plan: slush warning, history, removal asked, charter preview open', async ({ page }) => {
      await openExampleStep(page, /^Foundations/);
      await expect(page.getByRole('heading', { level: 2, name: 'Foundations' })).toBeVisible();
      await page.locator('.quality').filter({ hasText: 'Do partners turn up' }).getByRole('radio', { name: 'Partly' }).check();
      await expect(page.getByText('Warning: weak commitment')).toBeVisible();
      await page.locator('.assessment-list button').first().click();
      await expect(page.getByRole('button', { name: 'Remove assessment' })).toBeVisible();
      await page.getByText('The charter as it will print').click();
      await expect(page.locator('.charter-doc')).toBeVisible();
      await expectSoundScreen(page);
    });

    test('strategy of the example plan, with the replace question', async ({ page }) => {
      await openExampleStep(page, /^Strategy/);
      await page.getByLabel('Strategy statement', { exact: true }).fill('Our own words.');
      await page.getByRole('button', { name: 'Use this draft' }).click();
      await expect(page.getByRole('button', { name: 'Replace it' })).toBeVisible();
      await expectSoundScreen(page);
    });

    test('coalition activities of the example plan, established stage, a custom entry', async ({ page }) => {
      await openExampleStep(page, /^Coalition activities/);
      await page.getByRole('radio', { name: /^Established/ }).check();
      await page.getByRole('button', { name: 'Log it' }).click();
      await expect(page.getByText('Name the activity first.')).toBeVisible();
      await page.locator('#custom-activity').fill('Street stall');
      await page.getByRole('button', { name: 'Log it' }).click();
      await expect(page.locator('li.activity')).toHaveCount(3);
      await expectSoundScreen(page);
    });

    test('theory of change of the example plan, with a warning and the pathway', async ({ page }) => {
      await openExampleStep(page, /^Theory of change/);
      await page.getByRole('button', { name: 'Add statement' }).click();
      await expect(page.locator('.warnings')).toBeVisible();
      await expect(page.locator('.pathway__svg')).toBeVisible();
      await expectSoundScreen(page);
    });

    test('power analysis of the example plan: the map with movement, a mark focused, an open card, the removal question', async ({ page }) => {
      await openExampleStep(page, /^Power analysis/);
      await page.getByLabel('Show movement since').selectOption({ index: 1 });
      await expect(page.locator('.movement li')).toHaveCount(3);
      await page.locator('.power-map__mark').first().focus();
      await page.keyboard.press('ArrowRight');
      await expect(page.locator('.power-map').getByRole('status')).toContainText('is now');
      await page.locator('li.card').first().getByRole('button', { name: /^Edit/ }).click();
      await page.locator('li.card').nth(1).getByRole('button', { name: /^Remove/ }).click();
      await expect(page.getByRole('button', { name: 'Take off the map' })).toBeVisible();
      await page.getByRole('button', { name: 'Add to the map' }).click();
      await expect(page.getByText('Write a name first.')).toBeVisible();
      await expectSoundScreen(page);
    });

    test('stakeholder analysis of the example plan, sorted and filtered', async ({ page }) => {
      await openExampleStep(page, /^Stakeholder analysis/);
      await page.getByLabel('Sort by').selectOption({ label: 'Influence, highest first' });
      await expect(page.locator('tbody tr')).toHaveCount(7);
      await expectSoundScreen(page);
      await page.getByLabel('Name contains').fill('nobody by this name');
      await expect(page.getByText('Nobody matches these filters.')).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('SWOT of the example plan, with a new empty item and the removal question', async ({ page }) => {
      await openExampleStep(page, /^SWOT/);
      await page.getByRole('button', { name: 'Add to threats' }).click();
      await page.locator('.swot__item').first().getByRole('button', { name: /^Remove/ }).click();
      await expect(page.getByRole('button', { name: 'Remove item' })).toBeVisible();
      await expectSoundScreen(page);
    });

    test('action plan of the example plan: an open tactic and activity, the overdue flag, the timeline', async ({ page }) => {
      await openExampleStep(page, /^Action plan/);
      await expect(page.getByText('⚠ Overdue: 1')).toBeVisible();
      await page.locator('li.card').first().getByRole('button', { name: /^Edit/ }).click();
      await page.locator('li.task').nth(1).getByRole('button', { name: /^Edit/ }).click();
      await expectSoundScreen(page);
      await page.getByLabel('A month-by-month timeline').check();
      await expect(page.locator('.timeline__month').first()).toBeVisible();
      await expectSoundScreen(page);
    });

    test('goals of the example plan: an open goal with its coach and equity check, guided mode, practice mode', async ({ page }) => {
      await openExampleStep(page, /^Goals \(SMARTIE\)/);
      await expect(page.getByRole('heading', { level: 2, name: 'Goals (SMARTIE)' })).toBeVisible();
      const goal = page.locator('li.goal').first();
      await goal.getByRole('button', { name: /^Edit/ }).click();
      await goal.getByLabel('Deadline').fill('2040-01-01');
      await expect(goal.getByText(/T: the deadline falls outside/).first()).toBeVisible();
      await expectSoundScreen(page);
      await page.getByLabel('A priority of your own').check();
      await page.getByRole('button', { name: 'Start a goal from this priority' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Write your priority first.' })).toBeVisible();
      await page.getByLabel('Your priority').fill('Win back the evening buses');
      await page.getByRole('button', { name: 'Start a goal from this priority' }).click();
      await expect(page.getByText('Question 1 of 6')).toBeVisible();
      await expectSoundScreen(page);
    });

    test('success sheet of the example plan, and its print view', async ({ page }) => {
      await openExampleStep(page, /^Success sheet/);
      await expect(page.locator('.sheet-doc')).toBeVisible();
      await page.getByLabel('End date').fill('2020-01-01');
      await expect(page.getByText('The end date is before the start date.')).toBeVisible();
      await expectSoundScreen(page);
    });

    test('reflection and evaluation of the example plan, with a check-in error and a private entry', async ({ page }) => {
      await openExampleStep(page, /^Reflection & evaluation/);
      const first = page.locator('li.progress').first();
      await first.getByLabel('Count on that day (door-knockers)').fill('lots');
      await expect(first.getByRole('alert').filter({ hasText: 'whole number' })).toBeVisible();
      await page.getByRole('button', { name: 'Add a reflection' }).click();
      await page.locator('li.reflection').first().getByLabel('Keep this entry private').check();
      await expectSoundScreen(page);
    });

    test('the plan report, on screen and in print', async ({ page }) => {
      await createPlan(page, EXAMPLE_NAME, { example: true });
      await page.getByRole('link', { name: 'Plan report' }).click();
      await expect(page.locator('.report__body .power-map__svg')).toBeVisible();
      await expectSoundScreen(page);
      await page.emulateMedia({ media: 'print' });
      await expectNoAxeViolations(page);
    });

    test('not-found pages', async ({ page }) => {
      await page.goto('#/whatever');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
      await expectNoAxeViolations(page);
      await page.goto(`#/plan/${uuid()}/overview`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plan not found');
      await expectNoAxeViolations(page);
    });
  });
}

test.describe('360 px wide: no sideways scrolling', () => {
  test.use({ viewport: { width: 360, height: 780 } });

  test('library, plan view and import preview fit the width', async ({ page }) => {
    const id = await seedPlans(page);
    await page.getByRole('button', { name: 'New plan' }).click();
    await expectNoSideScroll(page);
    await page.getByRole('button', { name: 'Cancel' }).click();

    await openImportPreview(page, id);
    await expectNoSideScroll(page);
    await importPreview(page).getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('link', { name: 'Riverside Housing Justice Coalition — spring assembly 2027' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSideScroll(page);

    // A very long unbroken name must wrap, not push the page sideways.
    const long = 'Antidisestablishmentarianism-coalition-'.repeat(3);
    await page.getByLabel('Plan name').fill(long);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(long);
    await expectNoSideScroll(page);
    await page.getByRole('link', { name: '← All plans' }).click();
    await expect(page.getByRole('link', { name: long })).toBeVisible();
    await expectNoSideScroll(page);

    await page.goto('#/whatever');
    await expectNoSideScroll(page);
  });
});
