// Journeys found by clicking: after signing in, a steward reaches a survey's QR poster, live
// board, results and download from the survey page's "Share and watch" panel (and the same from
// the project's list of surveys); a practitioner reaches their feedback forms from home. No
// typed addresses after the first page. axe checks every page on the way.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';

import * as h from './helpers.mjs';
import { surveys } from './surveys.mjs';

after(h.closeBrowser);

const clickTo = (page, link, scope = page) =>
  Promise.all([page.waitForNavigation(), scope.getByRole('link', { name: link, exact: true }).first().click()]);

test('a steward reaches the poster, live board and results of a survey by clicking from home', async () => {
  const s = await surveys();
  const ctx = await h.contextFor('admin');
  try {
    const page = await ctx.newPage();
    await page.goto(h.url('/home'));
    await clickTo(page, 'Your projects');
    await clickTo(page, 'Family hub: getting help sooner');
    await clickTo(page, s.children.title);
    const panel = page.getByRole('region', { name: 'Share and watch' });
    assert.ok(await panel.isVisible(), 'the survey page has a Share and watch panel');
    await h.checkAxe(page, 'survey page with Share and watch (journey)');
    const surveyUrl = page.url();
    for (const [link, shows] of [
      ['QR poster to print', 'Scan the code'],
      ['Live board: answers as they arrive', s.children.title],
      ['Results', s.children.title],
    ]) {
      await page.goto(surveyUrl);
      const [res] = await clickTo(page, link, page.getByRole('region', { name: 'Share and watch' }));
      assert.equal(res.status(), 200, link);
      assert.match(await page.locator('main').innerText(), new RegExp(shows), link);
      await h.checkAxe(page, `${link} (journey)`);
    }
    await page.goto(surveyUrl);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('link', { name: 'Download every response (CSV)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /responses\.csv$/);
    // The project page offers the live board of each published survey too.
    await page.goto(surveyUrl);
    await clickTo(page, 'Back');
    const item = page.locator('li').filter({ has: page.getByRole('link', { name: s.children.title, exact: true }) });
    const [res] = await clickTo(page, `Live board of ${s.children.title}`, item);
    assert.equal(res.status(), 200);
  } finally {
    await ctx.close();
  }
});

test('a practitioner reaches their feedback forms from home by clicking', async () => {
  await h.ensurePractitioner();
  const ctx = await h.contextFor('practitioner');
  try {
    const page = await ctx.newPage();
    await page.goto(h.url('/home'));
    const [res] = await clickTo(page, 'My feedback forms: say how a session went');
    assert.equal(res.status(), 200);
    await h.checkAxe(page, 'my feedback forms (journey)');
  } finally {
    await ctx.close();
  }
});
