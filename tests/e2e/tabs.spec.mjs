// Two tabs (two pages of one browser context, so they share localStorage and get each
// other's `storage` events).
import {
  test,
  expect,
  openLibrary,
  createPlan,
  waitForSaved,
  storedPlan,
  storedPlans,
  rawPlan,
  planKey,
  noticeRegion,
  saveStatus,
  PLAN_URL_RE,
} from './helpers.mjs';

const conflictAlert = (page) =>
  page.getByRole('alert').filter({ hasText: 'This plan was changed in another tab or window' });

/** Opens the same plan in tab A (`page`) and a new tab B. */
async function twoTabsOnOnePlan(page, context, name) {
  const id = await createPlan(page, name);
  await page.getByLabel('Purpose').fill('Original purpose');
  await waitForSaved(page, id, (p) => p.overview.purpose === 'Original purpose');
  const b = await context.newPage();
  await b.goto(page.url());
  await expect(b.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(b.getByLabel('Purpose')).toHaveValue('Original purpose');
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
    await a.getByLabel('Notes').fill(mine);
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
        if ((await a.getByLabel('Purpose').inputValue()) === theirs) return 'synced';
        return 'pending';
      };
      await expect.poll(outcome).not.toBe('pending');
      if ((await outcome()) === 'conflict') return theirs;
    }
    // A saved first: start again from what is stored now.
    await a.getByLabel('Notes').fill('');
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
  await b.getByLabel('Purpose').fill('Purpose typed in tab B');
  await waitForSaved(b, id, (p) => p.overview.purpose === 'Purpose typed in tab B');
  await expect(a.getByLabel('Purpose')).toHaveValue('Purpose typed in tab B');
  await expect(noticeRegion(a)).toHaveText('Updated with changes made in another tab.');
  await expect(conflictAlert(a)).toHaveCount(0);

  // A keeps working normally afterwards (no false conflict).
  await a.getByLabel('Notes').fill('Notes typed in tab A');
  await waitForSaved(a, id, (p) => p.overview.notes === 'Notes typed in tab A');
  const stored = await storedPlan(a, id);
  expect(stored.overview.purpose).toBe('Purpose typed in tab B');
  await expect(b.getByLabel('Notes')).toHaveValue('Notes typed in tab A');
});

test('conflict: “Reload theirs” shows the other tab’s version; nothing was overwritten', async ({ page, context }) => {
  const { id, a, b } = await twoTabsOnOnePlan(page, context, 'Conflict reload');
  await b.goto('#/'); // B writes behind the app's back, like another app instance
  const theirs = await makeConflict(a, b, id, 'MINE: notes from tab A', 'THEIRS: purpose from tab B');

  const banner = conflictAlert(a);
  await expect(banner).toContainText('Your changes here are not saved yet, so that neither version is lost.');
  await expect(saveStatus(a)).toHaveText('Not saved: this plan was changed in another tab.');
  // Neither version is lost: A still shows its text, storage holds B's.
  await expect(a.getByLabel('Notes')).toHaveValue('MINE: notes from tab A');
  let stored = await storedPlan(a, id);
  expect(stored.overview.purpose).toBe(theirs);
  expect(stored.overview.notes).toBe('');
  // More typing in A while the banner is up does not overwrite B's version.
  await a.getByLabel('Notes').fill('MINE: notes from tab A, more');
  await expect(banner).toBeVisible();

  await banner.getByRole('button', { name: 'Reload theirs' }).click();
  await expect(banner).toHaveCount(0);
  await expect(noticeRegion(a)).toHaveText('Showing the version from the other tab.');
  await expect(a.getByLabel('Purpose')).toHaveValue(theirs);
  await expect(a.getByLabel('Notes')).toHaveValue('');
  stored = await storedPlan(a, id);
  expect(stored.overview.purpose).toBe(theirs);
  expect(stored.overview.notes).toBe('');

  // Editing resumes normally on top of their version.
  await a.getByLabel('Notes').fill('After reload');
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
  await expect(a.getByLabel('Notes')).toHaveValue('MINE: notes from tab A');

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
  await a.getByLabel('Coalition or alliance name').fill('Copy coalition');
  await waitForSaved(a, copyId, (p) => p.overview.coalition === 'Copy coalition');
});

test('a plan deleted in another tab while open here can be kept as a copy', async ({ page, context }) => {
  const { id, a, b } = await twoTabsOnOnePlan(page, context, 'Deleted elsewhere');
  await a.getByLabel('Notes').fill('Notes that must not be lost');
  await waitForSaved(a, id, (p) => p.overview.notes === 'Notes that must not be lost');
  await b.goto('#/');
  await b.getByRole('button', { name: 'Delete Deleted elsewhere' }).click();
  await b.getByRole('button', { name: 'Delete plan' }).click();
  const banner = conflictAlert(a);
  await expect(banner).toContainText('It was deleted there.');
  expect(await rawPlan(a, id)).toBeNull();
  await banner.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect(a.getByRole('heading', { level: 1 })).toHaveText('Deleted elsewhere (my copy)');
  await expect(a.getByLabel('Notes')).toHaveValue('Notes that must not be lost');
  const plans = await storedPlans(a);
  expect(plans.map((p) => p.overview.name)).toEqual(['Deleted elsewhere (my copy)']);
  await expect(b.getByRole('link', { name: 'Deleted elsewhere (my copy)' })).toBeVisible();
});

test('conflict found at save time, when this tab never heard of the other tab’s write', async ({ page, context }) => {
  // Tab A's app does not get the `storage` event (as after a missed event or a suspended tab):
  // its own save must notice that the stored bytes changed, and refuse to overwrite them.
  await context.addInitScript(() => {
    window.addEventListener(
      'storage',
      (e) => {
        if (window.__blockStorageEvents) e.stopImmediatePropagation();
      },
      true,
    );
  });
  const { id, a, b } = await twoTabsOnOnePlan(page, context, 'Missed event');
  await a.evaluate(() => {
    window.__blockStorageEvents = true;
  });
  await b.getByLabel('Purpose').fill('THEIRS: saved while A did not listen');
  await waitForSaved(b, id, (p) => p.overview.purpose === 'THEIRS: saved while A did not listen');
  await expect(a.getByLabel('Purpose')).toHaveValue('Original purpose');

  await a.getByLabel('Notes').fill('MINE: typed on the stale copy');
  const banner = conflictAlert(a);
  await expect(banner).toBeVisible();
  await expect(saveStatus(a)).toHaveText('Not saved: this plan was changed in another tab.');
  const stored = await storedPlan(a, id);
  expect(stored.overview).toMatchObject({ purpose: 'THEIRS: saved while A did not listen', notes: '' });
  await expect(a.getByLabel('Notes')).toHaveValue('MINE: typed on the stale copy');

  await banner.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect(a.getByRole('heading', { level: 1 })).toHaveText('Missed event (my copy)');
  const plans = await storedPlans(a);
  expect(plans).toHaveLength(2);
  expect(plans.find((p) => p.id === id).overview.purpose).toBe('THEIRS: saved while A did not listen');
  expect(plans.find((p) => p.id !== id).overview).toMatchObject({
    purpose: 'Original purpose',
    notes: 'MINE: typed on the stale copy',
  });
});

test('conflict when both tabs edited through the app', async ({ page, context }) => {
  // A real race between two app instances: B's debounced save lands while A has unsaved typing.
  const { id, a, b } = await twoTabsOnOnePlan(page, context, 'Both typed');
  for (let attempt = 1; ; attempt++) {
    await b.getByLabel('Purpose').fill(`THEIRS ${attempt}`);
    await a.getByLabel('Notes').fill(`MINE ${attempt}`);
    const outcome = async () => {
      if ((await conflictAlert(a).isVisible()) || (await conflictAlert(b).isVisible())) return 'conflict';
      const p = await storedPlan(a, id);
      return p.overview.purpose === `THEIRS ${attempt}` && p.overview.notes === `MINE ${attempt}` ? 'merged' : 'pending';
    };
    await expect.poll(outcome).not.toBe('pending');
    if ((await outcome()) === 'conflict') break;
    // A's typing came after B's save had already synced into A: no race this time.
    if (attempt === 5) throw new Error('no conflict after 5 attempts');
  }
  // Whichever tab lost the race has the banner; the stored plan holds the winner's text and the
  // loser still shows its own.
  const loser = (await conflictAlert(a).isVisible()) ? a : b;
  const stored = await storedPlan(a, id);
  if (loser === a) {
    expect(stored.overview.purpose).toMatch(/^THEIRS /);
    await expect(a.getByLabel('Notes')).toHaveValue(/^MINE /);
  } else {
    expect(stored.overview.notes).toMatch(/^MINE /);
    await expect(b.getByLabel('Purpose')).toHaveValue(/^THEIRS /);
  }
  await conflictAlert(loser).getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect(loser.getByRole('heading', { level: 1 })).toHaveText('Both typed (my copy)');
  const plans = await storedPlans(a);
  expect(plans).toHaveLength(2);
  expect(plans.some((p) => p.overview.purpose.startsWith('THEIRS '))).toBe(true);
  expect(plans.some((p) => p.overview.notes.startsWith('MINE '))).toBe(true);
});

test('edits made in two tabs at the same moment: each lands, or its tab shows the banner', async ({ page, context }) => {
  test.setTimeout(120_000);
  // Two tabs save a few ms apart. A save holds the plan's lock (Web Locks) around read,
  // compare and write, and a tab whose saved edit was overwritten by a save that never saw
  // it says so. An edit is never dropped without a word.
  const { id, a, b } = await twoTabsOnOnePlan(page, context, 'Same moment');
  let banners = 0;
  for (let round = 1; round <= 12; round++) {
    const mine = `A ${round}`;
    const theirs = `B ${round}`;
    await Promise.all([a.getByLabel('Notes').fill(mine), b.getByLabel('Coalition or alliance name').fill(theirs)]);
    // Wait out the save delay, the saves and the other tab's storage event.
    await a.waitForTimeout(900);
    const stored = await storedPlan(a, id);
    const aLanded = stored.overview.notes === mine;
    const bLanded = stored.overview.coalition === theirs;
    const aBanner = await conflictAlert(a).isVisible();
    const bBanner = await conflictAlert(b).isVisible();
    expect(aLanded || aBanner, `round ${round}: tab A's edit is stored or A shows the banner`).toBe(true);
    expect(bLanded || bBanner, `round ${round}: tab B's edit is stored or B shows the banner`).toBe(true);
    // A tab with the banner still shows its own text.
    if (aBanner) await expect(a.getByLabel('Notes')).toHaveValue(mine);
    if (bBanner) await expect(b.getByLabel('Coalition or alliance name')).toHaveValue(theirs);
    // Settle before the next round: the tab with the banner takes the stored version.
    for (const [tab, banner] of [[a, aBanner], [b, bBanner]]) {
      if (banner) {
        banners++;
        await conflictAlert(tab).getByRole('button', { name: 'Reload theirs' }).click();
        await expect(conflictAlert(tab)).toHaveCount(0);
      }
    }
    const settled = await storedPlan(a, id);
    await expect(a.getByLabel('Notes')).toHaveValue(settled.overview.notes);
    await expect(b.getByLabel('Notes')).toHaveValue(settled.overview.notes);
    await expect(b.getByLabel('Coalition or alliance name')).toHaveValue(settled.overview.coalition);
  }
  // Simultaneous edits of one plan do conflict now and then; each time the banner said so.
  test.info().annotations.push({ type: 'banners', description: String(banners) });
});
