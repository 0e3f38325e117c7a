// Hash routes: Back, reload and a copied URL land on the same step; unknown addresses lead home.
import { test, expect, openLibrary, createPlan, uuid } from './helpers.mjs';

const stepLink = (page) => page.getByRole('navigation', { name: 'Steps' }).getByRole('link', { name: /Overview/ });

test('Back, Forward, reload and a copied URL land on the same step', async ({ page, context }) => {
  const id = await createPlan(page, 'Routing plan');
  const planUrl = page.url();
  expect(planUrl).toMatch(new RegExp(`/app/#/plan/${id}/overview$`));
  await expect(page).toHaveTitle('Routing plan · Overview · Alliance Planner');

  await page.getByRole('link', { name: '← All plans' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your plans' })).toBeVisible();
  await expect(page).toHaveTitle('Your plans · Alliance Planner');
  await page.getByRole('link', { name: 'Routing plan' }).click();
  await expect(page).toHaveURL(planUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Routing plan');

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Your plans' })).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(planUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Routing plan');
  await expect(stepLink(page)).toHaveAttribute('aria-current', 'step');

  await page.reload();
  await expect(page).toHaveURL(planUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Routing plan');
  await expect(stepLink(page)).toHaveAttribute('aria-current', 'step');

  // A copied URL pasted into a new tab.
  const other = await context.newPage();
  await other.goto(planUrl);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Routing plan');
  await expect(stepLink(other)).toHaveAttribute('aria-current', 'step');
  await expect(other.getByLabel('Plan name')).toHaveValue('Routing plan');

  // `#/plan/<id>` without a step opens the first step.
  await other.goto(`#/plan/${id}`);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Routing plan');
  await expect(stepLink(other)).toHaveAttribute('aria-current', 'step');

  // The app name in the header goes home too.
  await other.getByRole('link', { name: 'Alliance Planner' }).click();
  await expect(other.getByRole('heading', { level: 1, name: 'Your plans' })).toBeVisible();
});

test('an unknown plan id shows “Plan not found” with a way home', async ({ page }) => {
  await openLibrary(page);
  await page.goto(`#/plan/${uuid()}/overview`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plan not found');
  await expect(page.getByText('There is no plan with this id on this device.')).toBeVisible();
  await expect(page).toHaveTitle('Plan not found');
  await page.getByRole('link', { name: 'Go to your plans' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your plans' })).toBeVisible();
  await expect(page).toHaveURL(/#\/$/);
});

test('an unknown step shows “Step not found” with links to the overview and home', async ({ page }) => {
  const id = await createPlan(page, 'Stepless');
  await page.goto(`#/plan/${id}/nonsense`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Step not found');
  await expect(page.getByText('This plan has no step called “nonsense”.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to your plans' })).toHaveAttribute('href', '#/');
  await page.getByRole('link', { name: "Go to the plan's overview" }).click();
  await expect(page).toHaveURL(new RegExp(`#/plan/${id}/overview$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stepless');
});

test('unknown routes show “Page not found” with a way home', async ({ page }) => {
  for (const hash of ['#/whatever', '#/plan/not-a-uuid/overview', '#/plan/x/y/z']) {
    await page.goto(hash);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.getByText('There is nothing at this address.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to your plans' })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Go to your plans' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your plans' })).toBeVisible();
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await openLibrary(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test('the page paints its header and an "opening" line before the app starts, and the app takes its place', async ({ page }) => {
  // Hold the app's code back: what shows is the page itself.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('./');
  await expect(page.getByRole('status').filter({ hasText: 'Opening your plans…' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Plan your alliance or coalition on this device');
  await expect(page).toHaveTitle('Alliance Planner');
  release();
  await expect(page.getByRole('heading', { level: 1, name: 'Your plans' })).toBeVisible();
  await expect(page.getByText('Opening your plans…')).toHaveCount(0);
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
});
