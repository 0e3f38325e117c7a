// Guided steps II: an organiser maps stakeholders on the spectrum of allies, saves a snapshot,
// moves three of them with the keyboard and sees who moved; links who moves whom; fills the
// stakeholder table; builds a SWOT; chooses two tactics and adds six activities; downloads the
// CSV and ICS files and checks them; and everything survives reload, export and import.
import { test, expect, createPlan, waitForSaved, storedPlan, download, importInFreshProfile, nav,
  goTo, exportPlan } from './helpers.mjs';

const mark = (page, name) => page.locator('.power-map__mark').filter({ hasText: name });

// Moves a mark one step with a key and waits for the map to say where it is now.
async function press(page, name, key, now) {
  await mark(page, name).focus();
  await page.keyboard.press(key);
  await expect(page.locator('.power-map').getByRole('status')).toHaveText(`${name} is now: ${now}.`);
  await expect(mark(page, name)).toBeFocused();
}

test('an organiser maps 8 stakeholders, moves 3 since a snapshot, builds a SWOT, 2 tactics and 6 activities, exports CSV and ICS; it all survives reload, export and import', async ({ page, browser, guard }) => {
  test.setTimeout(120_000);
  const id = await createPlan(page, 'Bus routes back');
  await goTo(page, 'Partners');
  for (const name of ['Riders union', 'St Anne parish', 'Youth forum']) {
    await page.getByRole('button', { name: 'Add partner' }).click();
    await page.locator('.partner-card').last().getByLabel('Name').fill(name);
  }

  await goTo(page, 'Power analysis');
  await expect(page.getByText('Nobody is on the map yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Place every partner' }).click();
  await expect(page.getByText('Every partner is on the map.')).toBeVisible();
  const others = [
    ['Transit board', 'A decision maker'],
    ['Mayor', 'A target'],
    ['Shuttle company', 'An opponent'],
    ['Evening Post', 'Someone else'],
    ['Drivers union', 'A target'],
  ];
  for (const [name, kind] of others) {
    await page.getByLabel('Name', { exact: true }).first().fill(name);
    await page.getByLabel('They are').first().selectOption({ label: kind });
    await page.getByRole('button', { name: 'Add to the map' }).click();
    // A stakeholder added by name opens with the focus on its position.
    await expect(page.locator('li.card').last().getByLabel('Position on the spectrum')).toBeFocused();
  }
  await expect(page.locator('.power-map__mark')).toHaveCount(8);
  await expect(page.locator('.power-map table tbody tr')).toHaveCount(8);

  // Evidence and a placement through the card's editor.
  const board = page.locator('li.card').filter({ has: page.getByRole('heading', { name: '4. Transit board' }) });
  await board.getByLabel('Evidence').fill('Said the cuts were final, at the May meeting.');
  await board.getByLabel('Influence').selectOption({ label: 'High' });
  await board.getByRole('button', { name: /^Done/ }).click();
  await expect(board.locator('.facts')).toContainText('Said the cuts were final');

  // A snapshot of the map as it is.
  await page.getByLabel('Date of the snapshot').fill('2027-01-10');
  await page.getByRole('button', { name: 'Save snapshot' }).click();
  await expect(page.getByText(/Snapshot of .* saved\./)).toBeVisible();
  await expect(page.locator('.plain-list__item').filter({ hasText: '8 on the map' })).toHaveCount(1);

  // Three move, without a mouse.
  await press(page, 'Mayor', 'ArrowLeft', 'Passive ally, medium influence');
  await press(page, 'Evening Post', 'ArrowLeft', 'Passive ally, medium influence');
  await press(page, 'Evening Post', 'ArrowLeft', 'Active ally, medium influence');
  await press(page, 'Shuttle company', 'ArrowUp', 'Neutral, high influence');
  await expect(page.locator('.power-map table tbody tr').filter({ hasText: 'Evening Post' })).toContainText('Active ally');

  await page.getByLabel('Show movement since').selectOption({ index: 1 });
  const moved = page.locator('.movement');
  await expect(moved.getByRole('heading')).toContainText('Who moved since');
  await expect(moved.locator('li')).toHaveCount(3);
  await expect(moved.locator('li').filter({ hasText: 'Mayor' })).toContainText('from Neutral, medium influence to Passive ally, medium influence. ↑ 1 step toward us.');
  await expect(moved.locator('li').filter({ hasText: 'Evening Post' })).toContainText('↑ 2 steps toward us.');
  await expect(moved.locator('li').filter({ hasText: 'Shuttle company' })).toContainText('→ Same place on the spectrum; influence changed.');
  await expect(page.locator('.power-map__arrow')).toHaveCount(3);

  // Who moves whom.
  await page.getByLabel('Who', { exact: true }).selectOption({ label: 'Evening Post' });
  await page.getByLabel('can move', { exact: true }).selectOption({ label: 'Transit board' });
  await page.getByLabel('Messenger (a partner)').selectOption({ label: 'St Anne parish' });
  await page.getByLabel('How', { exact: true }).fill('The chair answers its questions in public.');
  await page.getByRole('button', { name: 'Add link' }).click();
  await expect(page.locator('#link-list li')).toContainText('Evening Post can move Transit board');
  await expect(page.locator('#link-list li')).toContainText('Messenger: St Anne parish');
  await page.getByRole('button', { name: 'Add link' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'not linked that way yet' })).toBeVisible();

  // The stakeholder table: edit in place, sort and filter.
  await goTo(page, 'Stakeholder analysis');
  const row = page.getByRole('row', { name: /Transit board/ });
  await row.getByRole('textbox', { name: /What we want from them/ }).fill('Put evening service on the agenda.');
  await row.getByRole('textbox', { name: /How we engage them/ }).fill('Riders who lost jobs meet the chair.');
  await row.getByRole('combobox', { name: /Messenger/ }).selectOption({ label: 'Riders union' });
  await page.getByLabel('Sort by').selectOption({ label: 'Influence, highest first' });
  await expect(page.locator('tbody th').first()).toContainText('Transit board');
  await page.getByLabel('Show').selectOption({ label: 'An opponent' });
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.locator('tbody th')).toContainText('Shuttle company');
  await page.getByLabel('Show').selectOption({ label: 'Everyone' });
  await page.getByLabel('Name contains').fill('union');
  await expect(page.locator('tbody tr')).toHaveCount(2);

  // SWOT: one item in each list, the strength linked later from a tactic.
  await goTo(page, 'SWOT');
  const swot = {
    Strengths: 'Riders on every route',
    Weaknesses: 'No money for leaflets',
    Opportunities: 'Budget hearing in March',
    Threats: 'Shuttle company lobbying',
  };
  for (const [list, text] of Object.entries(swot)) {
    await page.getByRole('button', { name: `Add to ${list.toLowerCase()}` }).click();
    await expect(page.getByLabel(`${list}, item 1`)).toBeFocused();
    await page.keyboard.type(text);
  }
  await expect(page.getByText('Tactics you choose in the Action plan and goals you set in Goals (SMARTIE) can be linked here.').first()).toBeVisible();

  // Action plan: two tactics, one from the menu and one of our own.
  await goTo(page, 'Action plan');
  await page.getByLabel('Tactic', { exact: true }).selectOption({ label: 'Action' });
  await page.getByRole('button', { name: 'Add tactic' }).click();
  const pack = page.locator('li.card').filter({ has: page.getByRole('heading', { name: 'Tactic 1: Action' }) });
  await expect(pack.getByLabel('Why this tactic')).toBeFocused();
  await page.keyboard.type('The board listens when the room is full.');
  await pack.getByLabel('Transit board').check();
  await pack.getByLabel('Strengths: Riders on every route').check();
  await pack.getByLabel('Opportunities: Budget hearing in March').check();
  await page.getByLabel('Tactic', { exact: true }).selectOption({ label: 'A tactic of your own' });
  await page.getByRole('button', { name: 'Add tactic' }).click();
  await expect(page.locator('li.card').nth(1).getByLabel('Name of the tactic')).toBeFocused();
  await page.keyboard.type("Night riders' diary");
  await expect(page.getByRole('heading', { name: "Tactic 2: Night riders' diary" })).toBeVisible();

  // Six activities; one is late, one looks like a spreadsheet formula.
  const activities = [
    ['Pack the budget hearing', '2030-03-10', 'Action', 'Riders union', 'In progress'],
    ['=SUM(1,2) petition count', '2030-02-01', 'Action', 'St Anne parish', 'Not started'],
    ['Collect 20 diary entries', '2020-01-15', "Night riders' diary", 'Youth forum', 'In progress'],
    ['Book the minibus', '2030-03-01', 'Action', 'St Anne parish', 'Done'],
    ['Meet the Evening Post', '2030-02-20', "Night riders' diary", 'Riders union', 'Blocked'],
    ['Print the diary', '2030-04-05', "Night riders' diary", 'Youth forum', 'Not started'],
  ];
  for (const [what, due, tactic, who, status] of activities) {
    await page.getByRole('button', { name: 'Add activity' }).click();
    const task = page.locator('li.task').last();
    await expect(task.getByLabel('What')).toBeFocused();
    await page.keyboard.type(what);
    await task.getByLabel('By when').fill(due);
    await task.getByLabel('Tactic').selectOption({ label: tactic });
    await task.getByLabel(who).check();
    await task.getByLabel('Status').selectOption({ label: status });
  }
  await expect(page.locator('li.task')).toHaveCount(6);
  await expect(page.getByText('⚠ Overdue: 1')).toBeVisible();
  const late = page.locator('li.task').filter({ hasText: 'Collect 20 diary entries' });
  await expect(late.getByRole('heading')).toContainText('⚠ Overdue');
  // Sorted by date and filtered.
  await page.getByLabel('Sort by').selectOption({ label: 'Date, soonest first' });
  await expect(page.locator('li.task h4').first()).toContainText('Collect 20 diary entries');
  await page.getByLabel('Only overdue').check();
  await expect(page.locator('li.task')).toHaveCount(1);
  await page.getByLabel('Only overdue').uncheck();
  await page.locator('#task-tactic').selectOption({ label: "Night riders' diary" });
  await expect(page.locator('li.task')).toHaveCount(3);
  await page.locator('#task-tactic').selectOption({ label: 'Any tactic' });
  // The partner filter offers the partners named on an activity, and filters by them.
  await expect(page.locator('#task-partner option')).toHaveText(['Anyone', 'Riders union', 'St Anne parish', 'Youth forum']);
  await page.locator('#task-partner').selectOption({ label: 'St Anne parish' });
  await expect(page.locator('li.task')).toHaveCount(2);
  await page.locator('#task-partner').selectOption({ label: 'Anyone' });
  await expect(page.locator('li.task')).toHaveCount(6);
  // The timeline, month by month.
  await page.getByLabel('A month-by-month timeline').check();
  await expect(page.locator('.timeline__month h5')).toHaveText(['January 2020', 'February 2030', 'March 2030', 'April 2030']);
  await expect(page.locator('.timeline__month').first()).toContainText('⚠ Overdue');
  await page.getByLabel('A list').check();

  // The SWOT step shows the links made from the tactic.
  await goTo(page, 'SWOT');
  await expect(page.getByLabel('Strengths, item 1')).toHaveValue('Riders on every route');
  await expect(page.locator('.swot').first().getByLabel('Action')).toBeChecked();
  await goTo(page, 'Action plan');

  // The spreadsheet: a header and six rows, formulas made harmless.
  const csv = await download(page, page.getByRole('button', { name: 'Download spreadsheet (CSV)' }));
  expect(csv.name).toBe('bus-routes-back-action-plan.csv');
  const csvText = csv.text.replace(/^\uFEFF/, '');
  const lines = csvText.trimEnd().split('\r\n');
  expect(lines[0]).toBe('What,Tactic,Who does it,By when,Status,Resources,Communication,Notes');
  expect(lines).toHaveLength(7);
  expect(lines[1]).toBe('Pack the budget hearing,Action,Riders union,2030-03-10,In progress,,,');
  expect(lines[2]).toBe(`"'=SUM(1,2) petition count",Action,St Anne parish,2030-02-01,Not started,,,`);
  expect(csvText).toContain("Collect 20 diary entries,Night riders' diary,Youth forum,2020-01-15,In progress,,,");
  // The calendar: six all-day events.
  const ics = await download(page, page.getByRole('button', { name: 'Download calendar (ICS)' }));
  expect(ics.name).toBe('bus-routes-back-action-plan.ics');
  expect(ics.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
  expect(ics.text.match(/BEGIN:VEVENT/g)).toHaveLength(6);
  expect(ics.text).toContain('SUMMARY:Pack the budget hearing\r\n');
  expect(ics.text).toContain('DTSTART;VALUE=DATE:20300310\r\nDTEND;VALUE=DATE:20300311\r\n');
  expect(ics.text).toContain('SUMMARY:=SUM(1\\,2) petition count\r\n');

  await waitForSaved(page, id, (p) => p.power.stakeholders.some((s) => s.approach.startsWith('Riders who')) && p.power.links.length === 1
    && p.action_plan.activities.length === 6 && p.action_plan.activities[5].status === 'not_started' && p.action_plan.activities[5].who.length === 1);
  const stored = await storedPlan(page, id);
  expect(stored.power.stakeholders).toHaveLength(8);
  expect(stored.power.snapshots).toHaveLength(1);
  expect(stored.power.snapshots[0].date).toBe('2027-01-10');
  const partnerIds = stored.partners.map((p) => p.id);
  expect(stored.power.stakeholders.slice(0, 3).map((s) => s.partner)).toEqual(partnerIds);
  expect(stored.swot.strengths[0].informs).toEqual([stored.action_plan.tactics[0].id]);
  expect(stored.action_plan.tactics[0].targets).toHaveLength(1);
  expect(stored.action_plan.tactics[1]).toMatchObject({ kind: 'custom', custom_name: "Night riders' diary" });
  const boardStored = stored.power.stakeholders.find((s) => s.name === 'Transit board');
  expect(boardStored).toMatchObject({ kind: 'decision_maker', influence: 'high', messenger: partnerIds[0], want: 'Put evening service on the agenda.' });

  // Reload: the map, the snapshot, the table and the action plan are as they were.
  await page.reload();
  await expect(page.locator('li.task')).toHaveCount(6);
  await goTo(page, 'Stakeholder analysis');
  await expect(page.getByRole('row', { name: /Transit board/ }).getByRole('textbox', { name: /What we want/ })).toHaveValue('Put evening service on the agenda.');
  await goTo(page, 'Power analysis');
  await page.getByLabel('Show movement since').selectOption({ index: 1 });
  await expect(page.locator('.movement li')).toHaveCount(3);

  // Export, then import into a fresh profile: the same plan.
  const exported = await exportPlan(page);
  expect(JSON.parse(exported.text).plans[0]).toEqual(stored);
  const imported = { counts: 'Stakeholders: 8 · Tactics: 2 · Action-plan activities: 6', plan: 'Bus routes back' };
  await importInFreshProfile(browser, guard, exported, imported, async (page2) => {
    expect(await storedPlan(page2, id)).toEqual(stored);
    await goTo(page2, 'Power analysis');
    await expect(page2.locator('.power-map__mark')).toHaveCount(8);
    await expect(page2.locator('#link-list li')).toContainText('Evening Post can move Transit board');
    await goTo(page2, 'Action plan');
    await expect(page2.locator('li.task')).toHaveCount(6);
    await expect(page2.getByText('⚠ Overdue: 1')).toBeVisible();
  });
});

test('removing a partner takes it off the map, out of snapshots and links', async ({ page }) => {
  const id = await createPlan(page, 'Removal');
  await goTo(page, 'Partners');
  await page.getByRole('button', { name: 'Add partner' }).click();
  await page.locator('.partner-card').last().getByLabel('Name').fill('Riders union');
  await goTo(page, 'Power analysis');
  await page.getByRole('button', { name: 'Place this partner' }).click();
  await page.getByLabel('Name', { exact: true }).first().fill('Mayor');
  await page.getByRole('button', { name: 'Add to the map' }).click();
  await page.getByLabel('Who', { exact: true }).selectOption({ label: 'Riders union' });
  await page.getByLabel('can move', { exact: true }).selectOption({ label: 'Mayor' });
  await page.getByRole('button', { name: 'Add link' }).click();
  await page.getByRole('button', { name: 'Save snapshot' }).click();
  await waitForSaved(page, id, (p) => p.power.links.length === 1 && p.power.snapshots.length === 1);

  await goTo(page, 'Partners');
  await page.getByRole('button', { name: /^Remove/ }).click();
  await page.getByRole('button', { name: 'Remove partner' }).click();
  await goTo(page, 'Power analysis');
  await expect(page.locator('.power-map__mark')).toHaveCount(1);
  await expect(page.getByText('No links yet.')).toBeVisible();
  await waitForSaved(page, id, (x) => x.partners.length === 0);
  const p = await storedPlan(page, id);
  expect(p.power.stakeholders.map((s) => s.name)).toEqual(['Mayor']);
  expect(p.power.snapshots[0].placements).toHaveLength(1);
  expect(p.power.links).toEqual([]);
});
