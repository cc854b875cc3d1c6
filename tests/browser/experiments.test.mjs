// The test-and-learn loop as a new user would go through it, by clicking only, on the demo:
// from a theme to "Propose an experiment", the hypothesis, two measures and periods, start
// testing, a practitioner's reflection, results with intervals, "adapt" into the next cycle,
// then the learning report (printed) and its easy-read version. axe checks every page on the way.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';

import * as h from './helpers.mjs';
import { surveys } from './surveys.mjs';

after(h.closeBrowser);

const clickTo = (page, link) =>
  Promise.all([page.waitForNavigation(), page.getByRole('link', { name: link, exact: true }).first().click()]);

/** Fills a GOV.UK date input by its field name. */
async function date(page, name, d) {
  await page.locator(`#${name}`).fill(String(d.getUTCDate()));
  await page.locator(`#${name}-month`).fill(String(d.getUTCMonth() + 1));
  await page.locator(`#${name}-year`).fill(String(d.getUTCFullYear()));
}

const daysAgo = (n) => new Date(Date.now() - n * 24 * 3600 * 1000);

test('a steward goes from a theme to a decided experiment and its learning report, by clicking', async () => {
  const s = await surveys();
  const pat = await h.ensurePractitioner();
  const ctx = await h.contextFor('admin');
  const patCtx = await h.contextFor('practitioner');
  try {
    const page = await ctx.newPage();
    // The practitioner joins the demo project (Members page).
    await page.goto(h.url(`/projects/${s.project}/members`));
    await page.locator('#email').fill(pat.email);
    await page.locator('input[name=role][value=practitioner]').check();
    await h.submit(page, 'Add member');

    // Projects → the demo project → Themes → a theme → Propose an experiment.
    await page.goto(h.url('/projects'));
    await clickTo(page, 'Family hub: getting help sooner');
    await clickTo(page, 'Themes');
    await clickTo(page, 'Somewhere quiet');
    await clickTo(page, 'Propose an experiment');
    await h.checkAxe(page, 'propose an experiment (journey)');
    assert.ok(await page.getByRole('checkbox', { name: 'Somewhere quiet' }).isChecked(), 'the theme is ticked');
    await page.getByLabel('Short title').fill('Homework club on Thursdays');
    await page.getByLabel('If we').fill('run a homework club on Thursdays');
    await page.getByLabel('then').fill('children will feel better about coming');
    await page.getByLabel('because').fill('they told us it is too noisy for homework');
    await page.getByLabel('What changes').fill('A practitioner runs a quiet homework club from 4pm.');
    await page.getByRole('checkbox', { name: 'Children and young people' }).check();
    await page.getByLabel('Where', { exact: true }).fill('Riverside family hub');
    await page.getByLabel('When would we stop early?').fill('Nobody comes for two weeks');
    await page.getByLabel('Who looks after it').fill('Hub team leader');
    await date(page, 'planned_start', daysAgo(28));
    await date(page, 'planned_end', daysAgo(0));
    await h.submit(page, 'Propose experiment');
    assert.match(await page.locator('h1').innerText(), /Homework club on Thursdays/);
    const experimentUrl = page.url();

    // Measures and periods, chosen before testing.
    await clickTo(page, 'Choose measures and periods');
    await h.checkAxe(page, 'plan (journey)');
    for (const label of [/^Answers to .How do you feel when you come to the family hub/, /^Share answering yes to .Do the adults at the hub listen to you/]) {
      const option = page.locator('#measure option').filter({ hasText: label });
      await page.locator('#measure').selectOption(await option.first().getAttribute('value'));
      await page.getByRole('radio', { name: 'Higher is better' }).check();
      await h.submit(page, 'Add measure');
      await clickTo(page, 'Choose measures and periods');
    }
    await page.getByRole('radio', { name: 'Before and after' }).check();
    await date(page, 'baseline_start', daysAgo(56));
    await date(page, 'baseline_end', daysAgo(29));
    await date(page, 'test_start', daysAgo(28));
    await date(page, 'test_end', daysAgo(0));
    await h.submit(page, 'Save design and periods');

    // Agree, then start testing: each decision with its reason.
    for (const [choice, why] of [['Agree to try it', 'The children chose it at the co-design session.'], ['Start testing', 'The room is booked.']]) {
      await clickTo(page, 'Record a decision');
      await page.getByRole('radio', { name: choice }).check();
      await page.getByLabel('Why?').fill(why);
      await h.submit(page, 'Record the decision');
    }
    assert.match(await page.locator('h1').innerText(), /Testing/);

    // The practitioner adds a reflection, reaching it by links.
    const pp = await patCtx.newPage();
    await pp.goto(h.url('/projects'));
    await clickTo(pp, 'Family hub: getting help sooner');
    await clickTo(pp, 'Experiments');
    await clickTo(pp, 'Homework club on Thursdays');
    await clickTo(pp, 'Add a reflection');
    await h.checkAxe(pp, 'reflection (journey)');
    await pp.getByLabel('What did you notice?').fill('Two children who never speak up asked for help.');
    await h.submit(pp, 'Save reflection');
    assert.ok((await pp.locator('#reflections ~ article, article.reflection').allInnerTexts()).join(' ').includes('never speak up'));

    // Results with intervals, then review and adapt into the next cycle.
    await page.goto(experimentUrl);
    await h.checkAxe(page, 'experiment page while testing (journey)');
    assert.ok((await page.locator('#measure-1-table').innerText()).includes('95% interval'));
    assert.equal(await page.locator('svg.chart desc').count(), 2, 'a chart with a description per measure');
    for (const [choice, why] of [['Stop testing and review', 'The four weeks are up.'], ['Adapt it and start the next cycle', 'It helped the younger children; we will try it earlier in the day.']]) {
      await clickTo(page, 'Record a decision');
      await page.getByRole('radio', { name: choice }).check();
      await page.getByLabel('Why?').fill(why);
      await h.submit(page, 'Record the decision');
    }
    assert.ok((await page.locator('main').innerText()).includes('This is the next cycle of'), 'adapting lands on the next cycle');
    await clickTo(page, 'Homework club on Thursdays');

    // The learning report, printed, and its easy-read version.
    await clickTo(page, 'Learning report');
    await h.checkAxe(page, 'learning report (journey)');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header').first().isVisible(), false, 'the header is not printed');
    assert.ok((await page.locator('main').innerText()).includes('5. The decision'));
    await page.emulateMedia({ media: 'screen' });
    await clickTo(page, 'Easy read version');
    await h.checkAxe(page, 'learning report in easy read (journey)');
    assert.ok((await page.locator('main').innerText()).includes('We will change it and try again.'));
  } finally {
    await ctx.close();
    await patCtx.close();
  }
});
