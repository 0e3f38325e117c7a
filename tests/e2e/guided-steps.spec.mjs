// The guided steps I: an organiser fills Foundations, Partners, Strategy, Coalition activities
// and Theory of change, reloads, exports and imports into a fresh profile; plus the rules each
// step shows (slush, block history, chain checks, filters) and the charter's print view.
import { test, expect, createPlan, waitForSaved, storedPlan, download, importFile,
  importInFreshProfile, envelope, planData, uuid, nav, goTo, exportPlan } from './helpers.mjs';

const card = (page, selector, heading) =>
  page.locator(selector).filter({ has: page.getByRole('heading', { name: heading, exact: true }) });

async function addPartner(page, name, resources) {
  await page.getByRole('button', { name: 'Add partner' }).click();
  const c = page.locator('.partner-card').last();
  await expect(c.getByLabel('Name')).toBeFocused();
  await page.keyboard.type(name);
  await c.getByLabel('Resources').fill(resources);
}

const QUALITIES = ['Shared values', 'Diverse skills and resources', 'Shared purpose', 'Shared growth and learning', 'Commitment'];
const BLOCKS = ['Diverse people', 'Common purpose', 'Clear boundaries', 'Clear roles', 'Explicit norms'];

test('an organiser completes all five guided steps, and everything survives reload, export and import', async ({ page, browser, guard }) => {
  test.setTimeout(120_000);
  const id = await createPlan(page, 'Harbour Alliance 2027');
  await page.getByLabel('Coalition or alliance name').fill('Harbour Alliance');
  await page.getByLabel('Purpose').fill('Secure homes near the port.');

  // Partners first, so the later steps can refer to them.
  await goTo(page, 'Partners');
  await addPartner(page, "Dockers' branch", '300 members');
  await addPartner(page, 'Quayside Tenants', 'Contacts in every block');

  // Foundations: rate the qualities; weak commitment warns of slush.
  await goTo(page, 'Foundations');
  await expect(nav(page).getByRole('link', { name: /^Foundations/ })).toContainText('to do');
  for (const q of QUALITIES) await card(page, '.quality', q).getByRole('radio', { name: 'Strong' }).check();
  const commitment = card(page, '.quality', 'Commitment');
  await commitment.getByRole('radio', { name: 'Not yet' }).check();
  const slush = page.getByRole('status').filter({ hasText: 'Warning: weak commitment' });
  await expect(slush).toContainText('You rated commitment “Not yet”. Without commitment, a coalition turns to slush');
  await commitment.getByRole('radio', { name: 'Strong' }).check();
  await expect(slush).toHaveCount(0);
  await card(page, '.quality', 'Shared values').getByLabel('What shows it').fill('Both put families first.');

  // Score the blocks, save an assessment dated in January, score again and save today.
  for (const b of BLOCKS) await card(page, '.block', b).getByLabel('Score').selectOption('2');
  const people = card(page, '.block', 'Diverse people');
  await people.getByLabel('Notes').fill('Few young workers.');
  await people.getByLabel('Next step').fill('Ask the apprentices.');
  const today = await page.getByLabel('Date of the assessment').inputValue();
  await page.getByLabel('Date of the assessment').fill('2026-01-15');
  await page.getByRole('button', { name: 'Save scores for this date' }).click();
  await expect(page.getByText(/^Scores saved for /)).toBeVisible();
  await people.getByLabel('Score').selectOption('4');
  await card(page, '.block', 'Explicit norms').getByLabel('Score').selectOption('1');
  await page.getByLabel('Date of the assessment').fill(today);
  await page.getByRole('button', { name: 'Save scores for this date' }).click();
  const history = page.locator('table.history');
  await expect(history.locator('thead th')).toHaveCount(4);
  await expect(history.getByRole('row', { name: /Diverse people/ })).toContainText('↑ up 2');
  await expect(history.getByRole('row', { name: /Explicit norms/ })).toContainText('↓ down 1');
  await expect(history.getByRole('row', { name: /Clear roles/ })).toContainText('→ no change');

  // The charter.
  const charter = {
    'Our shared values': 'Nobody chooses between a job and a home.',
    'Our common purpose': 'Homes within reach of the port.',
    'What we will do together': 'Campaign on housing near the port.',
    'What we will not do together': 'Endorse parties.',
    'How we make decisions': 'By consent.',
    'How we handle disagreement': 'One-to-one first.',
    'How we keep each other informed': 'A weekly message.',
  };
  for (const [label, text] of Object.entries(charter)) await page.getByLabel(label, { exact: true }).fill(text);
  await page.locator('#charter-roles').fill('The branch convenes.');
  await page.getByLabel('Agreed on').fill('2026-11-20');
  await expect(nav(page).getByRole('link', { name: /^Foundations/ })).toContainText('done');

  // Strategy: resources from partners and more, the power, the change, then the statement.
  await goTo(page, 'Strategy');
  await page.getByRole('checkbox', { name: "Dockers' branch: 300 members" }).check();
  await page.getByRole('checkbox', { name: 'Quayside Tenants: Contacts in every block' }).check();
  await page.getByLabel('Other resources').fill('A friendly councillor');
  await page.getByLabel('Who decides').fill('the port authority board');
  await page.getByLabel('What would move them').fill('a joint petition');
  await page.getByLabel('The change', { exact: true }).fill('the authority builds homes on its spare land');
  const draft =
    "By bringing together Dockers' branch, Quayside Tenants and A friendly councillor, we will build the power to move the port authority board through a joint petition, so that the authority builds homes on its spare land.";
  await expect(page.locator('#strategy-draft')).toHaveText(draft);
  await page.getByRole('button', { name: 'Use this draft' }).click();
  await expect(page.getByLabel('Strategy statement', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Strategy statement', { exact: true })).toHaveValue(draft);
  await page.getByLabel('Strategy statement', { exact: true }).press('End');
  await page.keyboard.type(' Together.');
  // Using the draft again asks before replacing what was written.
  await page.getByRole('button', { name: 'Use this draft' }).click();
  await expect(page.getByText('Replace the statement you wrote with the draft?')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByLabel('Strategy statement', { exact: true })).toHaveValue(`${draft} Together.`);

  // Coalition activities: the stage, a one-on-one that updates commitment, a custom activity.
  await goTo(page, 'Coalition activities');
  await expect(page.getByText('Choose the stage above to see the activities that suit it.')).toBeVisible();
  await page.getByRole('radio', { name: 'New: still building relationships' }).check();
  await expect(page.locator('.menu-item h4')).toHaveText(['Networking', 'One-on-one', 'House meeting', 'Organisational meeting', 'Team meeting']);
  await page.getByRole('button', { name: 'Log one One-on-one' }).click();
  const talk = page.locator('li.activity').first();
  await expect(talk.getByLabel('Date')).toBeFocused();
  await talk.getByLabel('Date').fill('2026-11-10');
  await talk.getByRole('checkbox', { name: 'Quayside Tenants' }).check();
  await talk.getByLabel('Notes').fill('Met the secretary.');
  await talk.getByLabel('Outcome', { exact: true }).fill('She will bring two blocks.');
  await talk.getByLabel('Commitment this conversation showed').selectOption({ label: 'Strong' });
  await expect(talk.getByRole('status')).toHaveText('Commitment updated for 1 partner(s).');
  await page.locator('#custom-activity').fill('Port open day stall');
  await page.getByRole('button', { name: 'Log it' }).click();
  await expect(page.locator('li.activity h4').first()).toContainText('Port open day stall');
  await page.getByLabel('Show type').selectOption({ label: 'One-on-one' });
  await expect(page.locator('li.activity')).toHaveCount(1);
  await expect(page.getByText('Showing 1 of 2 activities.')).toBeVisible();
  await page.getByLabel('Show type').selectOption({ label: 'All' });
  // The partner filter offers the partners that appear in the log.
  await expect(page.getByLabel('Show partner').locator('option')).toHaveText(['All', 'Quayside Tenants']);
  await page.getByLabel('Show partner').selectOption({ label: 'Quayside Tenants' });
  await expect(page.locator('li.activity')).toHaveCount(1);
  await page.getByLabel('Show type').selectOption({ label: 'House meeting' });
  await expect(page.getByText('No activities match the filters.')).toBeVisible();
  await page.getByLabel('Show type').selectOption({ label: 'All' });
  await page.getByLabel('Show partner').selectOption({ label: 'All' });
  await expect(page.locator('li.activity')).toHaveCount(2);

  // Theory of change: two chained statements.
  await goTo(page, 'Theory of change');
  await page.getByRole('button', { name: 'Add statement' }).click();
  const s1 = page.locator('li.statement-card').nth(0);
  await expect(s1.getByLabel('If we')).toBeFocused();
  await page.keyboard.type('knock on every door');
  await s1.getByLabel('when').fill('tenants see the branch with them');
  await s1.getByLabel('then').fill('500 tenants sign the petition');
  await s1.getByLabel('Indicators').fill('Signatures per week');
  await page.getByRole('button', { name: 'Add statement' }).click();
  const s2 = page.locator('li.statement-card').nth(1);
  await s2.getByLabel('then').fill('the board puts housing on its agenda');
  await expect(page.getByText('Nothing leads to the outcome of statement 2')).toBeVisible();
  await s2.getByRole('checkbox', { name: '1. 500 tenants sign the petition' }).check();
  await expect(page.locator('.warnings')).toHaveCount(0);
  // Statement 1 cannot now build on 2: that would be a loop.
  await expect(s1.getByRole('checkbox', { name: /2\. the board puts housing/ })).toBeDisabled();
  await expect(page.locator('.pathway__list li').nth(1)).toContainText('Builds on: 1.');
  await expect(page.locator('.pathway__svg .pathway__node')).toHaveCount(2);
  await expect(page.locator('.pathway__svg .pathway__edge')).toHaveCount(1);

  for (const step of ['Overview', 'Foundations', 'Partners', 'Strategy', 'Coalition activities', 'Theory of change']) {
    await expect(nav(page).getByRole('link', { name: new RegExp(`^${step}`) })).toContainText('done');
  }
  await waitForSaved(page, id, (p) => p.theory_of_change.statements[1]?.builds_on.length === 1);

  // Reload: everything is still there.
  await page.reload();
  await expect(page.locator('.pathway__list li').nth(1)).toContainText('Builds on: 1.');
  await goTo(page, 'Partners');
  await expect(page.locator('.partner-card').nth(1).locator('.facts')).toContainText('Strong');
  await goTo(page, 'Foundations');
  await expect(card(page, '.quality', 'Shared values').getByLabel('What shows it')).toHaveValue('Both put families first.');
  await expect(people.getByLabel('Score')).toHaveValue('4');
  await expect(page.getByLabel('Our shared values')).toHaveValue(charter['Our shared values']);
  await expect(history.getByRole('row', { name: /Diverse people/ })).toContainText('↑ up 2');
  await goTo(page, 'Strategy');
  await expect(page.getByLabel('Strategy statement', { exact: true })).toHaveValue(`${draft} Together.`);
  await goTo(page, 'Coalition activities');
  await expect(page.getByRole('radio', { name: 'New: still building relationships' })).toBeChecked();
  await expect(page.locator('li.activity')).toHaveCount(2);

  // Export, then import into a fresh profile: the same plan, field for field.
  const stored = await storedPlan(page, id);
  const exported = await exportPlan(page);
  const file = JSON.parse(exported.text);
  expect(file.plans[0]).toEqual(stored);
  const imported = { counts: 'Assessments: 2 · Activities: 2 · Change statements: 2', plan: 'Harbour Alliance 2027' };
  await importInFreshProfile(browser, guard, exported, imported, async (page2) => {
    expect(await storedPlan(page2, id)).toEqual(stored);
    await goTo(page2, 'Theory of change');
    await expect(page2.locator('.pathway__list li')).toHaveCount(2);
    await goTo(page2, 'Strategy');
    await expect(page2.getByLabel('Strategy statement', { exact: true })).toHaveValue(`${draft} Together.`);
    for (const step of ['Foundations', 'Partners', 'Strategy', 'Coalition activities', 'Theory of change']) {
      await expect(nav(page2).getByRole('link', { name: new RegExp(`^${step}`) })).toContainText('done');
    }
  });
});

test('statements reorder and go with the keyboard, and removing one removes the links to it', async ({ page }) => {
  const id = await createPlan(page, 'Chains');
  await goTo(page, 'Theory of change');
  await expect(page.getByText('No statements yet.')).toBeVisible();
  for (const outcome of ['first', 'second', 'third']) {
    await page.getByRole('button', { name: 'Add statement' }).click();
    await page.locator('li.statement-card').last().getByLabel('then').fill(outcome);
  }
  await page.locator('li.statement-card').nth(2).getByRole('checkbox', { name: '2. second' }).check();
  await page.getByRole('button', { name: 'Move up Statement 3' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('li.statement-card').nth(1).getByLabel('then')).toHaveValue('third');
  await expect(page.getByRole('button', { name: 'Move up Statement 2' })).toBeFocused();
  await waitForSaved(page, id, (p) => p.theory_of_change.statements[1]?.outcome === 'third');

  // Remove "second" (now statement 3): "third" no longer builds on anything.
  await page.getByRole('button', { name: 'Remove Statement 3' }).click();
  await expect(page.getByRole('button', { name: 'Remove statement', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('li.statement-card')).toHaveCount(2);
  await waitForSaved(page, id, (p) => p.theory_of_change.statements.length === 2);
  const stored = await storedPlan(page, id);
  expect(stored.theory_of_change.statements.map((s) => [s.outcome, s.builds_on])).toEqual([
    ['first', []],
    ['third', []],
  ]);
  // Both have an outcome but nothing leads to them yet.
  await expect(page.locator('.warnings li')).toHaveText([
    'Nothing leads to the outcome of statement 1: add what you will do, or link the statement it builds on.',
    'Nothing leads to the outcome of statement 2: add what you will do, or link the statement it builds on.',
  ]);
});

test('a partner removed from the registry leaves the strategy and the log', async ({ page }) => {
  const id = await createPlan(page, 'Riverside', { example: true });
  let plan = await storedPlan(page, id);
  const nurses = plan.partners[3].id;
  expect(plan.strategy.resource_partners).toContain(nurses);
  await goTo(page, 'Partners');
  await page.getByRole('button', { name: "Remove Nurses' union, Riverside branch" }).click();
  await page.getByRole('button', { name: 'Remove partner' }).click();
  await waitForSaved(page, id, (p) => p.partners.length === 3);
  plan = await storedPlan(page, id);
  expect(plan.strategy.resource_partners).not.toContain(nurses);
  expect(plan.activities.log.flatMap((a) => a.partners)).not.toContain(nurses);
});

test('“Print the charter” prints the charter alone, as an agreement to sign', async ({ page }) => {
  await page.addInitScript(() => {
    window.print = () => {
      const doc = document.querySelector('.charter-doc');
      window.__printed = {
        printing: document.documentElement.classList.contains('print-charter'),
        open: document.querySelector('.charter-preview').open,
        text: doc ? doc.innerText : '',
      };
      window.dispatchEvent(new Event('afterprint'));
    };
  });
  await createPlan(page, 'Riverside', { example: true });
  await goTo(page, 'Foundations');
  await page.getByRole('button', { name: 'Print the charter' }).click();
  await expect.poll(() => page.evaluate(() => window.__printed?.printing)).toBe(true);
  const printed = await page.evaluate(() => window.__printed);
  expect(printed.open).toBe(true);
  expect(printed.text).toContain('Coalition charter');
  expect(printed.text).toContain('Riverside Housing Justice Coalition');
  expect(printed.text).toContain('Win a landlord licensing scheme');
  expect(printed.text).toContain("Riverside Tenants' Union");
  expect(printed.text).toContain('Signed for the partner');
  await expect(page.locator('html')).not.toHaveClass(/print-charter/);

  // With the print style, only the charter is shown.
  await page.evaluate(() => document.documentElement.classList.add('print-charter'));
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.charter-doc')).toBeVisible();
  await expect(page.locator('#step-title')).toBeHidden();
  await expect(page.locator('.steps')).toBeHidden();
  await expect(page.getByLabel('Our shared values')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.length).toBeGreaterThan(1000);
});

test('a long activity log is drawn 50 at a time, and entries open for editing', async ({ page }) => {
  const id = uuid();
  const log = Array.from({ length: 120 }, (_, i) => ({
    id: uuid(),
    date: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    kind: 'house_meeting',
    custom_kind: '',
    partners: [],
    notes: `Meeting ${i + 1}`,
    outcome: '',
    commitment_after: null,
  }));
  const plan = planData(id, { name: 'Busy coalition' }, { activities: { stage: 'established', log } });
  await page.goto('#/');
  await importFile(page, 'busy.alliance.json', JSON.stringify(envelope([plan])));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.goto(`#/plan/${id}/activities`);
  const entries = page.locator('li.activity');
  await expect(entries).toHaveCount(50);
  await expect(page.getByText('Showing 50 of 120 activities.')).toBeVisible();
  await page.getByRole('button', { name: 'Show 50 more' }).click();
  await expect(entries).toHaveCount(100);
  await page.getByRole('button', { name: 'Show 20 more' }).click();
  await expect(entries).toHaveCount(120);
  await expect(page.getByRole('button', { name: /^Show \d+ more/ })).toHaveCount(0);

  // Entries show a summary; "Edit" opens the form with the focus on its date.
  const first = entries.first();
  await expect(first.locator('.facts')).toContainText(/Meeting \d+/);
  await expect(first.getByLabel('Notes')).toHaveCount(0);
  await first.getByRole('button', { name: /^Edit / }).click();
  await expect(first.getByLabel('Date')).toBeFocused();
  await first.getByLabel('Notes').fill('Changed');
  await first.getByRole('button', { name: /^Done / }).click();
  await expect(first.locator('.facts')).toContainText('Changed');
});
