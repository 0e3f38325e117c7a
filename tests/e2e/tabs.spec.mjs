// Two tabs (two pages of one browser context, so they share localStorage and get each
// other's `storage` events).
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openLibrary, createPlan, waitForSaved, storedPlan, storedPlans, rawPlan,
  planKey, noticeRegion, saveStatus, PLAN_URL_RE } from './helpers.mjs';

const conflictAlert = (page) =>
  page.getByRole('alert').filter({ hasText: 'This plan was changed in another tab or window' });

/**
 * Lets a test stop a tab from hearing other tabs' `storage` events (as a tab in the
 * background, or one that missed an event), by setting `window.__blockStorageEvents`.
 */
async function letTabsGoDeaf(context) {
  await context.addInitScript(() => {
    window.addEventListener(
      'storage',
      (e) => {
        if (window.__blockStorageEvents) e.stopImmediatePropagation();
      },
      true,
    );
  });
}

/** Opens the same plan in tab A (`page`) and a new tab B. */
async function twoTabsOnOnePlan(page, context, name) {
  const id = await createPlan(page, name);
  await page.getByLabel('Purpose', { exact: true }).fill('Original purpose');
  await waitForSaved(page, id, (p) => p.overview.purpose === 'Original purpose');
  const b = await context.newPage();
  await b.goto(page.url());
  await expect(b.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(b.getByLabel('Purpose', { exact: true })).toHaveValue('Original purpose');
  return { id, a: page, b };
}

/**
 * Tab A types in Notes (so it has an unsaved edit), and before A's 300 ms debounce fires,
 * tab B writes a newer revision of the plan with another purpose. B writes only if the stored
 * plan is still the one A started from. If A's save won the race anyway (a very slow machine),
 * A silently shows B's version; then A types again and B writes again, with a numbered text.
 * Returns B's purpose text.
 */
async function makeConflict(a, b, id, mine, theirsText) {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const theirs = attempt === 1 ? theirsText : `${theirsText} (${attempt})`;
    const base = await rawPlan(a, id);
    await a.getByLabel('Notes', { exact: true }).fill(mine);
    const wrote = await b.evaluate(
      ({ key, base, theirs }) => {
        const current = localStorage.getItem(key);
        if (current !== base) return false;
        const env = JSON.parse(current);
        const plan = env.plans[0];
        plan.revision += 1;
        plan.updated_at = new Date().toISOString();
        plan.overview.purpose = theirs;
        localStorage.setItem(key, JSON.stringify(env));
        return true;
      },
      { key: planKey(id), base, theirs },
    );
    if (wrote) {
      const outcome = async () => {
        if (await conflictAlert(a).isVisible()) return 'conflict';
        if ((await a.getByLabel('Purpose', { exact: true }).inputValue()) === theirs) return 'synced';
        return 'pending';
      };
      await expect.poll(outcome).not.toBe('pending');
      if ((await outcome()) === 'conflict') return theirs;
    }
    // A saved first: start again from what is stored now.
    await a.getByLabel('Notes', { exact: true }).fill('');
    await waitForSaved(a, id, (p) => p.overview.notes === '');
  }
  throw new Error('could not make tab B write before tab A saved');
}

test('a plan created in one tab appears in the library of the other', async ({ page, context }) => {
  await openLibrary(page);
  await expect(page.getByText('There are no plans on this device yet.')).toBeVisible();
  const b = await context.newPage();
  const id = await createPlan(b, 'Made in tab B');
  await expect(page.getByRole('link', { name: 'Made in tab B' })).toBeVisible();
  await expect(page.getByText('There are no plans on this device yet.')).toHaveCount(0);

  // A rename and a delete in B show up in A as well.
  await b.getByLabel('Plan name').fill('Renamed in tab B');
  await waitForSaved(b, id, (p) => p.overview.name === 'Renamed in tab B');
  await expect(page.getByRole('link', { name: 'Renamed in tab B' })).toBeVisible();
  await b.getByRole('link', { name: '← All plans' }).click();
  await b.getByRole('button', { name: 'Delete Renamed in tab B' }).click();
  await b.getByRole('button', { name: 'Delete plan' }).click();
  await expect(page.getByRole('link', { name: 'Renamed in tab B' })).toHaveCount(0);
  await expect(page.getByText('There are no plans on this device yet.')).toBeVisible();
});

test('a tab without unsaved edits silently shows the other tab’s saved version', async ({ page, context }) => {
  const { id, a, b } = await twoTabsOnOnePlan(page, context, 'Synced plan');
  await b.getByLabel('Purpose', { exact: true }).fill('Purpose typed in tab B');
  await waitForSaved(b, id, (p) => p.overview.purpose === 'Purpose typed in tab B');
  await expect(a.getByLabel('Purpose', { exact: true })).toHaveValue('Purpose typed in tab B');
  await expect(noticeRegion(a)).toHaveText('Updated with changes made in another tab.');
  await expect(conflictAlert(a)).toHaveCount(0);

  // A keeps working normally afterwards (no false conflict).
  await a.getByLabel('Notes', { exact: true }).fill('Notes typed in tab A');
  await waitForSaved(a, id, (p) => p.overview.notes === 'Notes typed in tab A');
  const stored = await storedPlan(a, id);
  expect(stored.overview.purpose).toBe('Purpose typed in tab B');
  await expect(b.getByLabel('Notes', { exact: true })).toHaveValue('Notes typed in tab A');
});

test('conflict: “Reload theirs” shows the other tab’s version; nothing was overwritten', async ({ page, context }) => {
  const { id, a, b } = await twoTabsOnOnePlan(page, context, 'Conflict reload');
  await b.goto('#/'); // B writes behind the app's back, like another app instance
  const theirs = await makeConflict(a, b, id, 'MINE: notes from tab A', 'THEIRS: purpose from tab B');

  // B wrote behind the app's back, without versions: nothing says which tab changed the
  // purpose, so that one field is asked about; A's notes merge on their own.
  const banner = conflictAlert(a);
  await expect(banner).toContainText('Nothing is saved until you choose which to keep for each');
  await expect(banner.getByRole('group', { name: 'Overview › Purpose' })).toBeVisible();
  await expect(banner.getByRole('radio', { name: 'Yours: Original purpose' })).toBeChecked();
  await expect(banner.getByRole('radio', { name: `Theirs: ${theirs}` })).toBeVisible();
  await expect(saveStatus(a)).toHaveText('Not saved: this plan was changed in another tab.');
  // Neither version is lost: A still shows its text, storage holds B's.
  await expect(a.getByLabel('Notes', { exact: true })).toHaveValue('MINE: notes from tab A');
  let stored = await storedPlan(a, id);
  expect(stored.overview.purpose).toBe(theirs);
  expect(stored.overview.notes).toBe('');
  // More typing in A while the banner is up does not overwrite B's version.
  await a.getByLabel('Notes', { exact: true }).fill('MINE: notes from tab A, more');
  await expect(banner).toBeVisible();

  await banner.getByRole('button', { name: 'Reload theirs' }).click();
  await expect(banner).toHaveCount(0);
  await expect(noticeRegion(a)).toHaveText('Showing the version from the other tab.');
  await expect(a.getByLabel('Purpose', { exact: true })).toHaveValue(theirs);
  await expect(a.getByLabel('Notes', { exact: true })).toHaveValue('');
  stored = await storedPlan(a, id);
  expect(stored.overview.purpose).toBe(theirs);
  expect(stored.overview.notes).toBe('');

  // Editing resumes normally on top of their version.
  await a.getByLabel('Notes', { exact: true }).fill('After reload');
  await waitForSaved(a, id, (p) => p.overview.notes === 'After reload');
  expect((await storedPlan(a, id)).overview.purpose).toBe(theirs);
});

test('conflict: “Keep mine as a copy” keeps both versions', async ({ page, context }) => {
  const { id, a, b } = await twoTabsOnOnePlan(page, context, 'Conflict keep');
  await b.goto('#/');
  const theirs = await makeConflict(a, b, id, 'MINE: notes from tab A', 'THEIRS: purpose from tab B');

  const banner = conflictAlert(a);
  await banner.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect(banner).toHaveCount(0);
  await expect(a.getByRole('heading', { level: 1 })).toHaveText('Conflict keep (my copy)');
  await expect(noticeRegion(a)).toHaveText('Your version was saved as “Conflict keep (my copy)”.');
  await expect(a).toHaveURL(PLAN_URL_RE);
  const copyId = PLAN_URL_RE.exec(a.url())[1];
  expect(copyId).not.toBe(id);
  await expect(a.getByLabel('Notes', { exact: true })).toHaveValue('MINE: notes from tab A');

  // Both versions are stored: theirs under the original id, mine as the copy.
  const theirPlan = await storedPlan(a, id);
  expect(theirPlan.overview).toMatchObject({ name: 'Conflict keep', purpose: theirs, notes: '' });
  const mine = await storedPlan(a, copyId);
  expect(mine.overview).toMatchObject({
    name: 'Conflict keep (my copy)',
    purpose: 'Original purpose',
    notes: 'MINE: notes from tab A',
  });
  expect(await storedPlans(a)).toHaveLength(2);
  await expect(b.getByRole('link', { name: 'Conflict keep (my copy)' })).toBeVisible();
  await expect(b.getByRole('link', { name: 'Conflict keep', exact: true })).toBeVisible();

  // The copy saves normally.
  await a.getByLabel('Coalition or alliance name', { exact: true }).fill('Copy coalition');
  await waitForSaved(a, copyId, (p) => p.overview.coalition === 'Copy coalition');
});

test('a plan deleted in another tab while open here can be kept as a copy', async ({ page, context }) => {
  const { id, a, b } = await twoTabsOnOnePlan(page, context, 'Deleted elsewhere');
  await a.getByLabel('Notes', { exact: true }).fill('Notes that must not be lost');
  await waitForSaved(a, id, (p) => p.overview.notes === 'Notes that must not be lost');
  await b.goto('#/');
  await b.getByRole('button', { name: 'Delete Deleted elsewhere' }).click();
  await b.getByRole('button', { name: 'Delete plan' }).click();
  const banner = conflictAlert(a);
  await expect(banner).toContainText('It was deleted there.');
  expect(await rawPlan(a, id)).toBeNull();
  await banner.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect(a.getByRole('heading', { level: 1 })).toHaveText('Deleted elsewhere (my copy)');
  await expect(a.getByLabel('Notes', { exact: true })).toHaveValue('Notes that must not be lost');
  const plans = await storedPlans(a);
  expect(plans.map((p) => p.overview.name)).toEqual(['Deleted elsewhere (my copy)']);
  await expect(b.getByRole('link', { name: 'Deleted elsewhere (my copy)' })).toBeVisible();
});

test('a save that finds another tab’s write it never heard of merges with it', async ({ page, context }) => {
  // Tab A's app does not get the `storage` event (as after a missed event or a suspended tab):
  // its own save must notice that the stored bytes changed, and merge rather than overwrite.
  await letTabsGoDeaf(context);
  const { id, a, b } = await twoTabsOnOnePlan(page, context, 'Missed event');
  await a.evaluate(() => {
    window.__blockStorageEvents = true;
  });
  await b.getByLabel('Purpose', { exact: true }).fill('THEIRS: saved while A did not listen');
  await waitForSaved(b, id, (p) => p.overview.purpose === 'THEIRS: saved while A did not listen');
  await expect(a.getByLabel('Purpose', { exact: true })).toHaveValue('Original purpose');

  await a.getByLabel('Notes', { exact: true }).fill('MINE: typed on the stale copy');
  await waitForSaved(a, id, (p) => p.overview.notes === 'MINE: typed on the stale copy');
  const stored = await storedPlan(a, id);
  expect(stored.overview.purpose).toBe('THEIRS: saved while A did not listen');
  await expect(conflictAlert(a)).toHaveCount(0);
  await expect(noticeRegion(a)).toHaveText('Merged with changes made in another tab.');
  await expect(a.getByLabel('Purpose', { exact: true })).toHaveValue('THEIRS: saved while A did not listen');
  await expect(a.getByLabel('Notes', { exact: true })).toHaveValue('MINE: typed on the stale copy');
  expect(await storedPlans(a)).toHaveLength(1);
});

test('three tabs typing in different fields: no prompt, nothing lost', async ({ page, context }) => {
  test.setTimeout(120_000);
  const { id, a, b } = await twoTabsOnOnePlan(page, context, 'Three tabs');
  const c = await context.newPage();
  await c.goto(a.url());
  await expect(c.getByLabel('Purpose', { exact: true })).toHaveValue('Original purpose');
  const fields = [
    [a, 'Notes'],
    [b, 'Coalition or alliance name'],
    [c, 'Purpose'],
  ];
  for (let round = 1; round <= 6; round++) {
    await Promise.all(fields.map(([tab, label], i) => tab.getByLabel(label, { exact: true }).fill(`tab ${i} round ${round}`)));
    await expect
      .poll(async () => {
        const p = (await storedPlan(a, id)).overview;
        return [p.notes, p.coalition, p.purpose];
      })
      .toEqual([0, 1, 2].map((i) => `tab ${i} round ${round}`));
    for (const tab of [a, b, c]) await expect(conflictAlert(tab)).toHaveCount(0);
  }
  // Every tab ends up showing every tab's text.
  for (const tab of [a, b, c]) {
    for (const [i, [, label]] of fields.entries()) {
      await expect(tab.getByLabel(label, { exact: true })).toHaveValue(`tab ${i} round 6`);
    }
  }
});

test('two tabs setting one field differently: the banner shows both values and a choice', async ({ page, context }) => {
  // A does not hear B's saves while it types (as when its page is in the background), so
  // both change Purpose from the same starting point.
  await letTabsGoDeaf(context);
  const { id, a, b } = await twoTabsOnOnePlan(page, context, 'One field');
  const deaf = (on) => a.evaluate((on) => (window.__blockStorageEvents = on), on);
  await deaf(true);
  await b.getByLabel('Purpose', { exact: true }).fill('Purpose from B');
  await b.getByLabel('Notes', { exact: true }).fill('Notes from B');
  await waitForSaved(b, id, (p) => p.overview.notes === 'Notes from B' && p.overview.purpose === 'Purpose from B');
  await a.getByLabel('Purpose', { exact: true }).fill('Purpose from A');
  const banner = conflictAlert(a);
  await expect(banner.getByRole('group', { name: 'Overview › Purpose' })).toBeVisible();
  await expect(banner.getByRole('radio', { name: 'Yours: Purpose from A' })).toBeChecked();
  await expect(banner.getByRole('group')).toHaveCount(1);
  for (const width of [1280, 360]) {
    await a.setViewportSize({ width, height: 900 });
    const axe = await new AxeBuilder({ page: a }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  // Nothing is written while the person chooses.
  expect((await storedPlan(a, id)).overview.purpose).toBe('Purpose from B');
  await banner.getByRole('radio', { name: 'Theirs: Purpose from B' }).check();
  await banner.getByRole('button', { name: 'Save these choices' }).click();
  await expect(banner).toHaveCount(0);
  await expect(a.getByLabel('Purpose', { exact: true })).toHaveValue('Purpose from B');
  await expect(a.getByLabel('Notes', { exact: true })).toHaveValue('Notes from B');

  // Again, keeping A's value this time, with the keyboard.
  await b.getByLabel('Purpose', { exact: true }).fill('Second from B');
  await waitForSaved(b, id, (p) => p.overview.purpose === 'Second from B');
  await a.getByLabel('Purpose', { exact: true }).fill('Second from A');
  await expect(banner.getByRole('radio', { name: 'Theirs: Second from B' })).toBeVisible();
  await banner.getByRole('button', { name: 'Save these choices' }).focus();
  await a.keyboard.press('Enter');
  await waitForSaved(a, id, (p) => p.overview.purpose === 'Second from A');
  await deaf(false);
  await b.getByLabel('Notes', { exact: true }).fill('B hears A');
  await expect(b.getByLabel('Purpose', { exact: true })).toHaveValue('Second from A');
  expect(await storedPlans(a)).toHaveLength(1);
});

test('edits made in two tabs at the same moment all land, with no prompt', async ({ page, context }) => {
  test.setTimeout(120_000);
  // Two tabs save a few ms apart, in different fields. A save holds the plan's lock (Web
  // Locks) around read, merge and write, so each tab's edit lands in the other's.
  const { id, a, b } = await twoTabsOnOnePlan(page, context, 'Same moment');
  for (let round = 1; round <= 12; round++) {
    const mine = `A ${round}`;
    const theirs = `B ${round}`;
    await Promise.all([a.getByLabel('Notes', { exact: true }).fill(mine), b.getByLabel('Coalition or alliance name', { exact: true }).fill(theirs)]);
    await expect
      .poll(async () => {
        const p = (await storedPlan(a, id)).overview;
        return [p.notes, p.coalition];
      }, { message: `round ${round}: both edits are stored` })
      .toEqual([mine, theirs]);
    await expect(conflictAlert(a)).toHaveCount(0);
    await expect(conflictAlert(b)).toHaveCount(0);
    await expect(a.getByLabel('Coalition or alliance name', { exact: true })).toHaveValue(theirs);
    await expect(b.getByLabel('Notes', { exact: true })).toHaveValue(mine);
  }
});

test('ten tabs typing at once, each in its own partner: no prompt, nothing lost', async ({ page, context }) => {
  test.setTimeout(240_000);
  const TABS = 10;
  const id = await createPlan(page, 'Ten tabs');
  await page.getByRole('link', { name: /^Partners/ }).click();
  for (let i = 0; i < TABS; i++) {
    await page.getByRole('button', { name: 'Add partner' }).click();
    await page.locator('.partner-card').nth(i).getByLabel('Name').fill(`Partner ${i}`);
  }
  await waitForSaved(page, id, (p) => p.partners.length === TABS && p.partners.every((x, i) => x.name === `Partner ${i}`));
  const tabs = [page];
  for (let i = 1; i < TABS; i++) {
    const t = await context.newPage();
    await t.goto(page.url());
    tabs.push(t);
  }
  for (const [i, tab] of tabs.entries()) {
    await expect(tab.locator('.partner-card')).toHaveCount(TABS);
    const edit = tab.getByRole('button', { name: `Edit Partner ${i}`, exact: true });
    if (await edit.count()) await edit.click();
  }
  // Every tab types its own text, key by key, at the same time as the others; each pause
  // between words lets a save run, and saves cross each other.
  const text = (i) => `tab ${i} knows the estate`;
  await Promise.all(
    tabs.map(async (tab, i) => {
      const field = tab.locator('.partner-card').nth(i).getByLabel('Skills');
      const words = text(i).split(' ');
      for (const [w, word] of words.entries()) {
        await field.pressSequentially(w === 0 ? word : ` ${word}`, { delay: 30 });
        await tab.waitForTimeout(250 + ((i * 37 + w * 53) % 200));
      }
    }),
  );
  await expect
    .poll(async () => (await storedPlan(page, id)).partners.map((p) => p.skills), {
      message: 'every tab’s text is stored',
      timeout: 60_000,
    })
    .toEqual(tabs.map((_, i) => text(i)));
  for (const [i, tab] of tabs.entries()) {
    await expect(conflictAlert(tab), `tab ${i} asked nothing`).toHaveCount(0);
    await expect(tab.locator('.partner-card').nth(i).getByLabel('Skills')).toHaveValue(text(i));
  }
  // A tab opened afterwards shows all ten.
  const last = await context.newPage();
  await last.goto(page.url());
  for (let i = 0; i < TABS; i++) {
    await last.getByRole('button', { name: `Edit Partner ${i}`, exact: true }).click();
    await expect(last.locator('.partner-card').nth(i).getByLabel('Skills')).toHaveValue(text(i));
  }
});

test('two tabs choosing different values in one drop-down: the banner names both in words', async ({ page, context }) => {
  await letTabsGoDeaf(context);
  const id = await createPlan(page, 'Drop-down clash');
  await page.getByRole('link', { name: /^Partners/ }).click();
  await page.getByRole('button', { name: 'Add partner' }).click();
  await page.locator('.partner-card').first().getByLabel('Name').fill('Riverside Tenants');
  await waitForSaved(page, id, (p) => p.partners[0]?.name === 'Riverside Tenants');
  const a = page;
  const b = await context.newPage();
  await b.goto(a.url());
  const card = (tab) => tab.locator('.partner-card').first();
  const edit = b.getByRole('button', { name: 'Edit Riverside Tenants', exact: true });
  // The card is drawn open or closed: wait for either before asking which.
  await expect(edit.or(card(b).getByLabel('Commitment'))).toBeVisible();
  if (await edit.count()) await edit.click();
  await a.evaluate(() => (window.__blockStorageEvents = true));
  await card(b).getByLabel('Commitment').selectOption({ label: 'Low' });
  await waitForSaved(b, id, (p) => p.partners[0].commitment === 'low');
  await card(a).getByLabel('Commitment').selectOption({ label: 'Strong' });
  const banner = conflictAlert(a);
  await expect(banner.getByRole('group', { name: /Commitment$/ })).toBeVisible();
  // Named in words, as the drop-down shows them, not as the file writes them.
  await expect(banner.getByRole('radio', { name: 'Yours: Strong', exact: true })).toBeChecked();
  await expect(banner.getByRole('radio', { name: 'Theirs: Low', exact: true })).toBeVisible();
  await a.screenshot({ path: test.info().outputPath('drop-down-clash.png'), fullPage: false });
  await banner.getByRole('radio', { name: 'Theirs: Low', exact: true }).check();
  await banner.getByRole('button', { name: 'Save these choices' }).click();
  await expect(banner).toHaveCount(0);
  await expect(card(a).getByLabel('Commitment')).toHaveValue('low');
});
