// Every page type in pages.mjs has zero axe-core violations of WCAG 2.2 A and AA.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import * as h from './helpers.mjs';
import { openPage, pageTypes } from './pages.mjs';

after(h.closeBrowser);

test('the axe check itself catches a broken page (so a pass means something)', async () => {
  const ctx = await h.contextFor('anonymous');
  try {
    const page = await ctx.newPage();
    await page.goto(h.url('/sign-in'));
    // Break the page the way a careless change would: drop the email field's label.
    await page.evaluate(() => document.querySelector('label[for=email]').remove());
    const violations = await h.axeViolations(page);
    assert.ok(
      violations.some((v) => v.id === 'label' && v.targets.includes('#email')),
      `axe reports the unlabelled field: ${JSON.stringify(violations)}`,
    );
    await assert.rejects(h.checkAxe(page, 'broken sign-in'), /label \(critical\).*\n.*#email/);
  } finally {
    await ctx.close();
  }
});

describe('axe finds no WCAG 2.2 A/AA violations', () => {
  test('on the setup page, before the one-time link is used', async () => {
    const { setup } = await h.setupPageResults();
    assert.equal(setup.status, 200, 'the setup link answers 200');
    assert.deepEqual(setup.violations, [], h.formatViolations('setup', setup.violations));
  });

  test('on the setup page error state: nothing entered', async () => {
    const { setupError } = await h.setupPageResults();
    assert.equal(setupError.status, 422, 'an empty setup form answers 422');
    assert.deepEqual(setupError.violations, [], h.formatViolations('setup error', setupError.violations));
  });

  for (const entry of pageTypes) {
    test(`on the ${entry.name}`, async () => {
      const ctx = await h.contextFor(entry.as);
      try {
        const page = await ctx.newPage();
        const response = await openPage(page, entry);
        assert.equal(response.status(), entry.status ?? 200, `${entry.name} answers with its status`);
        if (entry.shows) assert.ok((await page.locator('body').innerText()).includes(entry.shows), `${entry.name} shows "${entry.shows}"`);
        await h.checkAxe(page, entry.name);
      } finally {
        await ctx.close();
      }
    });
  }
});
