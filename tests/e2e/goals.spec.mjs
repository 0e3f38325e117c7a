// Guided steps III: an organiser writes three SMARTIE goals with the coach and fixes what it
// flags, completes each goal's equity check, fills the success sheet and prints it on one page;
// logs check-ins and a reflection and reads the summary; and the plan report prints, downloads
// as Markdown and shares without private text. Everything survives reload, export and import.
import { test, expect, createPlan, waitForSaved, storedPlan, download, importFile, importPreview,
  newWatchedContext, nav, goTo, exportPlan } from './helpers.mjs';

const goalCard = (page, n) => page.locator('li.goal').nth(n - 1);
const coachState = (card) => card.locator('.coach .coach__state');

/** Answers S, A and R, the letters the coach does not check. */
async function answerSar(card) {
  await card.getByLabel('Which part of the coalition').fill('Tenants who organise their blocks are our power.');
  await card.getByLabel('Why is this a stretch?').fill('Today only two blocks take part.');
  await card.getByLabel('What people, time and money make it possible?').fill('Three house meetings a month and the church hall.');
}

/** Answers all six lines of a goal's equity check, with a mitigation and a re-check date. */
async function completeEquity(card, { possible = null, recheck = '2027-03-01' } = {}) {
  for (const line of ['Race', 'Gender', 'Class', 'Ability', 'Access', 'Power']) {
    const answer = line === possible ? 'It could hit some people harder' : 'We see no uneven impact';
    await card.getByRole('group', { name: line, exact: true }).getByLabel(answer).check();
  }
  if (possible) {
    await card.getByLabel('How we will lessen it, or make equity deliberate').fill('Meet on Saturdays, with childcare and interpreters.');
  }
  await card.getByLabel('Look at this check again on').fill(recheck);
  await expect(card.locator('.equity__gaps')).toHaveText('✔ The equity check is complete.');
}

test('an organiser writes 3 goals with the coach, completes their equity checks, fills the success sheet and prints it on one page', async ({ page }) => {
  test.setTimeout(150_000);
  const id = await createPlan(page, 'Tenants win');
  await page.getByLabel('Start date').fill('2027-01-01');
  await page.getByLabel('End date').fill('2027-12-31');
  await goTo(page, 'Partners');
  await page.getByRole('button', { name: 'Add partner' }).click();
  await page.locator('.partner-card').last().getByLabel('Name').fill('Tenants union');
  await page.getByRole('button', { name: 'Add partner' }).click();
  await page.locator('.partner-card').last().getByLabel('Name').fill('St Anne parish');

  // Goal 1, written in full: the coach flags what is missing, and each fix clears a flag.
  await goTo(page, 'Goals (SMARTIE)');
  await expect(page.getByText('No goals yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Add a goal' }).click();
  const one = goalCard(page, 1);
  await expect(one.getByLabel('The goal', { exact: true })).toBeFocused();
  await page.keyboard.type('Sign up members in every block');
  await expect(coachState(one)).toHaveText('⚠ 4 thing(s) to look at');
  const flags = one.locator('.coach > .coach__flags li');
  await expect(flags).toHaveText([
    /^⚠ M: nothing says how you will know/,
    /^⚠ T: there is no deadline/,
    /^⚠ I: no affected or marginalised group is named/,
    /^⚠ E: there is no element of fairness or justice/,
  ]);
  await one.getByLabel('Target number').fill('60');
  await expect(flags.first()).toHaveText(/^⚠ M: the target has no unit/);
  await one.getByLabel('What you count').fill('door-knockers');
  await one.getByLabel('Deadline').fill('2028-02-01');
  await expect(flags.first()).toHaveText(/^⚠ T: the deadline falls outside the plan's dates/);
  await one.getByLabel('Deadline').fill('2027-06-30');
  await one.getByLabel('Which affected or marginalised groups does it bring in?').fill('Somali-speaking families on the Northfield estate');
  // Included, but with no power: the tokenism warning.
  await expect(flags.first()).toHaveText(/^⚠ I: people are brought in, but nothing says what power they will hold/);
  await one.getByLabel('What decisions or influence will they hold?').fill('Their block leaders set the survey questions.');
  await one.getByLabel('What unfairness or injustice does it help undo?').fill('The worst-housed blocks have had the least say.');
  await expect(coachState(one)).toHaveText('✔ Nothing to flag: this goal is SMARTIE.');
  await expect(one.locator('#goal-' + (await goalId(page, 0)) + '-letter-m .letter__state')).toHaveText('answered');
  await expect(one.locator('#goal-' + (await goalId(page, 0)) + '-letter-s .letter__state')).toHaveText('not answered yet');
  await answerSar(one);
  await completeEquity(one, { possible: 'Gender' });

  // Goal 2, from practice mode: one question at a time.
  await page.getByLabel('Ensure the steering committee is highly engaged this year.').check();
  await page.getByRole('button', { name: 'Start a goal from this priority' }).click();
  const two = goalCard(page, 2);
  await expect(two.getByText('Question 1 of 6')).toBeVisible();
  await expect(two.getByLabel('The priority it comes from')).toHaveValue('Ensure the steering committee is highly engaged this year.');
  await two.getByRole('button', { name: 'Add a quality' }).click();
  await expect(two.getByLabel('Quality 1')).toBeFocused();
  await page.keyboard.type('Every member attends three of four meetings and chairs one');
  await expect(two.locator('.guided .coach__flags')).toHaveCount(0);
  await two.getByRole('button', { name: 'Next question' }).click();
  await expect(two.getByText('Question 2 of 6')).toBeVisible();
  await expect(two.getByText('T: there is no deadline')).toBeVisible();
  await two.getByLabel('Deadline').fill('2027-10-31');
  await expect(two.getByText('T: there is no deadline')).toHaveCount(0);
  await two.getByRole('button', { name: 'Next question' }).click();
  await two.getByLabel('Which affected or marginalised groups does it bring in?').fill('Tenants who have never sat on a committee');
  await two.getByLabel('What decisions or influence will they hold?').fill('Half the seats, and they chair every other meeting.');
  await two.getByRole('button', { name: 'Next question' }).click();
  await two.getByLabel('What unfairness or injustice does it help undo?').fill('Committees have been run by the same few people.');
  await two.getByRole('button', { name: 'Next question' }).click();
  await answerSar(two);
  await two.getByRole('button', { name: 'Next question' }).click();
  await expect(two.getByText('Question 6 of 6')).toBeVisible();
  await expect(two.locator('.facts')).toContainText('Every member attends three of four meetings');
  await two.getByLabel('The goal', { exact: true }).fill('A steering committee where tenants hold half the seats and chair every other meeting, with every member at three of four meetings by October.');
  await expect(coachState(two)).toHaveText('✔ Nothing to flag: this goal is SMARTIE.');
  await two.getByRole('button', { name: 'Show every field' }).click();
  await completeEquity(two, { possible: 'Access' });

  // Goal 3: the source's own kind of goal, measurable by its count.
  await page.getByRole('button', { name: 'Add a goal' }).click();
  const three = goalCard(page, 3);
  await three.getByLabel('The goal', { exact: true }).fill('Build a team of 100 door-to-door canvassers by May, with 10 tenants of colour recruited first as leaders who shape how we run the canvass, so that repairs are fair across the estate.');
  await three.getByLabel('Deadline').fill('2027-05-31');
  await expect(coachState(three)).toHaveText('✔ Nothing to flag: this goal is SMARTIE.');
  await answerSar(three);
  await expect(three.getByText('The number 100 in your goal counts as its measure.')).toBeVisible();
  await completeEquity(three, { recheck: '2026-01-01' });
  // A re-check date in the past is due now, on the goal and on the overview.
  await expect(three.getByText(/Equity re-check due since/)).toBeVisible();
  await expect(nav(page).getByRole('link', { name: /^Goals \(SMARTIE\)/ })).toContainText('done');

  // The action plan links activities to goals, for the sheet to pick.
  await goTo(page, 'Action plan');
  await page.getByLabel('Tactic', { exact: true }).selectOption({ label: 'House meeting' });
  await page.getByRole('button', { name: 'Add tactic' }).click();
  const tasks = [
    ['House meetings in the Northfield blocks', '2027-02-15', 'Sign up members'],
    ['Train the first 20 door-knockers', '2027-03-10', 'Sign up members'],
    ['Committee elections', '2027-04-20', 'A steering committee'],
  ];
  for (const [what, due, goal] of tasks) {
    await page.getByRole('button', { name: 'Add activity' }).click();
    const task = page.locator('li.task').last();
    await expect(task.getByLabel('What')).toBeFocused();
    await page.keyboard.type(what);
    await task.getByLabel('By when').fill(due);
    const option = await task.getByLabel('Goal it serves').locator('option', { hasText: goal }).textContent();
    await task.getByLabel('Goal it serves').selectOption({ label: option });
  }

  // The success sheet: window, three goals, activities picked and written, agreement.
  await goTo(page, 'Success sheet');
  await page.getByLabel('Start date').fill('2027-01-01');
  await page.getByLabel('End date').fill('2027-06-30');
  const picker = page.getByRole('group', { name: 'Put these goals on the sheet' });
  for (const box of await picker.getByRole('checkbox').all()) await box.check();
  const entries = page.locator('li.sheet-entry');
  await expect(entries).toHaveCount(3);
  await entries.nth(0).getByLabel('By Feb 15, 2027: House meetings in the Northfield blocks').check();
  await entries.nth(0).getByLabel('By Mar 10, 2027: Train the first 20 door-knockers').check();
  await entries.nth(1).getByLabel('By Apr 20, 2027: Committee elections').check();
  await entries.nth(2).getByRole('button', { name: 'Add an activity' }).click();
  await expect(entries.nth(2).getByLabel('By (date)')).toBeFocused();
  await entries.nth(2).getByLabel('By (date)').fill('2027-02-01');
  await entries.nth(2).getByLabel('Activity 1').fill('Recruit the first 10 leaders');
  await page.getByLabel('Agreed with (manager or steering committee)').fill('The steering committee');
  await page.getByLabel('Agreed on').fill('2027-01-08');
  await expect(nav(page).getByRole('link', { name: /^Success sheet/ })).toContainText('done');
  const doc = page.locator('.sheet-doc');
  await expect(doc).toContainText('My goals between Jan 1, 2027 and Jun 30, 2027 are to:');
  await expect(doc.locator('.sheet-doc__goal')).toHaveCount(3);
  await expect(doc.locator('.sheet-doc__goal').nth(0)).toContainText('By Feb 15, 2027: House meetings in the Northfield blocks');
  await expect(doc.locator('.sheet-doc__goal').nth(2)).toContainText('By Feb 1, 2027: Recruit the first 10 leaders');
  await expect(doc).toContainText('Meet on Saturdays, with childcare and interpreters.');
  await expect(doc).toContainText('Agreed with The steering committee on Jan 8, 2027.');

  // "Print the success sheet" prints it alone.
  await page.evaluate(() => {
    window.print = () => {
      window.__printed = document.documentElement.classList.contains('print-sheet');
      window.dispatchEvent(new Event('afterprint'));
    };
  });
  await page.getByRole('button', { name: 'Print the success sheet' }).click();
  await expect.poll(() => page.evaluate(() => window.__printed)).toBe(true);
  await expect(page.locator('html')).not.toHaveClass(/print-sheet/);
  // As a PDF, with the print style: the sheet alone, on one A4 page and on one Letter page.
  await page.evaluate(() => document.documentElement.classList.add('print-sheet'));
  await page.emulateMedia({ media: 'print' });
  await expect(doc).toBeVisible();
  await expect(page.locator('.steps')).toBeHidden();
  await expect(page.getByLabel('Agreed on')).toBeHidden();
  for (const format of ['A4', 'Letter']) {
    // Printing fires "afterprint", which takes the class off again.
    await page.evaluate(() => document.documentElement.classList.add('print-sheet'));
    const pdf = await page.pdf({ format });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) || []).length;
    expect(pages, `${format}: one page`).toBe(1);
  }
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => document.documentElement.classList.remove('print-sheet'));

  await waitForSaved(page, id, (p) => p.success_sheet.agreed_on === '2027-01-08');
  const plan = await storedPlan(page, id);
  expect(plan.goals).toHaveLength(3);
  expect(plan.goals[0].measure).toMatchObject({ target: 60, unit: 'door-knockers' });
  expect(plan.goals[1].priority).toBe('Ensure the steering committee is highly engaged this year.');
  expect(plan.goals[2].equity.recheck_on).toBe('2026-01-01');
  expect(plan.success_sheet.entries.map((e) => e.tasks.length + e.lines.length)).toEqual([2, 1, 1]);

  // The overview says a re-check is due.
  await goTo(page, 'Overview');
  await expect(page.getByRole('region', { name: /Due now/ })).toContainText('Equity re-check of “Build a team of 100');
});

async function goalId(page, index) {
  const id = await page.locator('li.goal').nth(index).getAttribute('aria-labelledby');
  return /goal-([0-9a-f-]{36})-heading/.exec(id)[1];
}

test('check-ins and a reflection show on the summary, and it all survives reload, export and import', async ({ page, browser, guard }) => {
  test.setTimeout(90_000);
  const id = await createPlan(page, 'Riverside', { example: true });
  await goTo(page, 'Reflection & evaluation');
  const summary = page.locator('.summary');
  await expect(summary).toContainText('Goals: 2');
  await expect(summary).toContainText('Equity re-checks due: 1');
  await expect(summary).toContainText('Reflections: 1');

  // Two check-ins on the first goal.
  const first = page.locator('li.progress').first();
  await expect(first.locator('.rag')).toContainText('● Green: just started');
  await first.getByLabel('Date').fill('2020-01-01');
  await first.getByLabel('Count on that day (door-knockers)').fill('40');
  await first.getByLabel('Note').fill('Two new blocks.');
  await first.getByRole('button', { name: 'Save check-in' }).click();
  await expect(first.getByRole('status')).toHaveText('Check-in saved.');
  await first.getByLabel('Date').fill(new Date().toISOString().slice(0, 10));
  await first.getByLabel('Count on that day (door-knockers)').fill('60');
  await first.getByLabel('Every block has a named block leader who chairs its house meetings.').check();
  await first.getByRole('button', { name: 'Save check-in' }).click();
  // Target reached and the quality met: green, in words and not only in colour.
  await expect(first.locator('.rag')).toContainText('● Green: met, 100 % of the way');
  await expect(first.locator('.check-ins li')).toHaveCount(3);
  await expect(summary).toContainText('met or on track: 2');

  // A reflection, kept private.
  await page.getByRole('button', { name: 'Add a reflection' }).click();
  await expect(page.locator('li.reflection').first().getByLabel('What worked')).toBeFocused();
  await page.keyboard.type('The Saturday meeting doubled the turnout.');
  const entry = page.locator('li.reflection').first();
  await entry.getByLabel("What didn't work").fill('The chair’s aide heard our plan. Keep this quiet.');
  await entry.getByLabel("What we'll change").fill('Smaller planning meetings.');
  await entry.getByLabel("Riverside Tenants' Union").check();
  await entry.getByLabel('Keep this entry private').check();
  await expect(entry.getByRole('heading')).toContainText('Private');
  await expect(summary).toContainText('Reflections: 2');

  // The blocks and the map, re-assessed today and compared with the first time.
  await page.getByLabel('Diverse people').selectOption({ label: '5 – solid' });
  await page.getByRole('button', { name: "Save today's scores as an assessment" }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Scores saved for' })).toBeVisible();
  await expect(page.locator('#blocks-compare + .table-scroll tbody tr').first()).toContainText('↑ up 3');
  await page.getByRole('button', { name: "Save a snapshot of today's map" }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Snapshot saved for' })).toBeVisible();
  await expect(page.locator('#map-compare')).toBeVisible();

  await waitForSaved(page, id, (p) => p.evaluation.check_ins.length === 4 && p.evaluation.journal.length === 2);
  const before = await storedPlan(page, id);

  // Reload: everything is still there.
  await page.reload();
  await expect(page.locator('li.progress').first().locator('.rag')).toContainText('Green: met');
  await expect(page.locator('li.reflection')).toHaveCount(2);

  // Export whole (the journal is private), then import into a fresh profile: the same plan.
  const file = await exportPlan(page, { includePrivate: true });
  const other = await newWatchedContext(browser, guard);
  const fresh = await other.newPage();
  await fresh.goto('#/');
  await importFile(fresh, file.name, file.text);
  await expect(importPreview(fresh)).toBeVisible();
  await importPreview(fresh).getByRole('button', { name: 'Import', exact: true }).click();
  await expect(fresh.getByText('Plans imported: 1.')).toBeVisible();
  const imported = await storedPlan(fresh, id);
  expect(imported.goals).toEqual(before.goals);
  expect(imported.success_sheet).toEqual(before.success_sheet);
  expect(imported.evaluation).toEqual(before.evaluation);
  await fresh.goto(`#/plan/${id}/evaluation`);
  await expect(fresh.locator('li.progress').first().locator('.rag')).toContainText('Green: met');
  await other.close();
});

test('the plan report prints every step, downloads as Markdown and shares without private text', async ({ page }) => {
  test.setTimeout(90_000);
  const id = await createPlan(page, 'Riverside', { example: true });
  // Private text in three places: a partner's notes, a stakeholder, a reflection.
  await nav(page).getByRole('link', { name: /^Partners/ }).click();
  await page.getByRole('button', { name: "Edit Riverside Tenants' Union" }).click();
  await page.getByLabel('Private notes').fill('SECRET-PARTNER chair is stepping down');
  await goTo(page, 'Power analysis');
  const landlords = page.locator('li.card').filter({ hasText: "Riverside Landlords' Association" }).first();
  await landlords.getByRole('button', { name: /^Edit/ }).click();
  await landlords.getByLabel('Evidence').fill('SECRET-STAKEHOLDER their lawyer told us');
  await landlords.getByLabel('Keep what we wrote about them private').check();
  await goTo(page, 'Reflection & evaluation');
  await page.getByRole('button', { name: 'Add a reflection' }).click();
  // Type once the new entry has the focus, as a person would.
  await expect(page.locator('li.reflection').first().getByLabel('What worked')).toBeFocused();
  await page.keyboard.type('SECRET-REFLECTION the aide leaked it');
  await page.locator('li.reflection').first().getByLabel('Keep this entry private').check();
  await waitForSaved(page, id, (p) => p.evaluation.journal.some((r) => r.private));

  await nav(page).getByRole('link', { name: 'Plan report' }).click();
  await expect(page).toHaveURL(new RegExp(`#/plan/${id}/report$`));
  const body = page.locator('.report__body');
  for (const step of ['Partners', 'Foundations', 'Strategy', 'Theory of change', 'Power analysis', 'Goals (SMARTIE)', 'SWOT', 'Action plan', 'Success sheet', 'Reflection & evaluation']) {
    await expect(body.getByRole('heading', { name: step, exact: true })).toBeVisible();
  }
  await expect(body.locator('.pathway__svg')).toBeVisible();
  await expect(body.locator('.power-map__svg')).toBeVisible();
  await expect(body).not.toContainText('SECRET-');
  await page.getByLabel('Include private notes').check();
  await expect(body).toContainText('SECRET-PARTNER');
  await expect(body).toContainText('SECRET-STAKEHOLDER');
  await expect(body).toContainText('SECRET-REFLECTION');
  await page.getByLabel('Include private notes').uncheck();

  // Print: no navigation or tools, the diagrams in black and white.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.steps')).toHaveCount(0);
  await expect(page.locator('.report__tools')).toBeHidden();
  await expect(page.locator('.app-header')).toBeHidden();
  const fill = await page.locator('.power-map__mark circle').first().evaluate((c) => getComputedStyle(c).fill);
  expect(fill).toBe('rgb(0, 0, 0)');
  const pdf = await page.pdf({ format: 'A4' });
  expect((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) || []).length).toBeGreaterThan(2);
  await page.emulateMedia({ media: 'screen' });

  // Markdown: every step, user text escaped, private text left out.
  const md = await download(page, page.getByRole('button', { name: 'Download as Markdown' }));
  expect(md.name).toBe('riverside.md');
  expect(md.text.startsWith('# Riverside\n')).toBe(true);
  // Markup characters in the text are escaped, "&" too.
  for (const step of ['Partners', 'Goals (SMARTIE)', 'Success sheet', 'Reflection \\& evaluation']) {
    expect(md.text).toContain(`## ${step}\n`);
  }
  expect(md.text).not.toContain('SECRET-');

  // The plan file to send: no private text unless asked for, there and then.
  const shared = await exportPlan(page);
  expect(shared.name).toMatch(/^riverside-\d{4}-\d{2}-\d{2}\.alliance\.json$/);
  expect(shared.text).not.toContain('SECRET-');
  const whole = await exportPlan(page, { includePrivate: true });
  expect(whole.name).toMatch(/^riverside-\d{4}-\d{2}-\d{2}-private\.alliance\.json$/);
  expect(whole.text).toContain('SECRET-');
  const env = JSON.parse(shared.text);
  expect(env.schema_version).toBe(6);
  expect(env.plans[0].goals).toHaveLength(2);
  expect(env.plans[0].partners[0].private_notes).toBe('');
});
