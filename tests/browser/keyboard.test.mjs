// Signing in with a keyboard alone, with visible focus all the way; the error summary takes focus;
// the form can be found by accessible names alone.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';

import * as h from './helpers.mjs';

after(h.closeBrowser);

async function withPage(fn) {
  const ctx = await h.contextFor('anonymous');
  try {
    return await fn(await ctx.newPage());
  } finally {
    await ctx.close();
  }
}

/** Presses Tab until `id` has focus, checking a visible focus indicator on every stop. */
async function tabTo(page, id, maxStops = 15) {
  const stops = [];
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    const style = await h.focusStyle(page);
    stops.push(style.element);
    assert.ok(h.hasVisibleFocus(style), `visible focus indicator on ${style.element}: ${JSON.stringify(style)}`);
    if (style.id === id) return stops;
  }
  assert.fail(`#${id} never took focus; Tab went through ${stops.join(' → ')}`);
}

test('a steward signs in with the keyboard alone and always sees where focus is', async () => {
  const admin = await h.ensureAdmin();
  await withPage(async (page) => {
    await page.goto(h.url('/sign-in'));
    await tabTo(page, 'email');
    await page.keyboard.type(admin.email);
    await page.keyboard.press('Tab');
    const onPassword = await h.focusStyle(page);
    assert.equal(onPassword.id, 'password', 'Tab from the email field goes to the password field');
    assert.ok(h.hasVisibleFocus(onPassword), `visible focus indicator on ${onPassword.element}`);
    await page.keyboard.type(admin.password);
    await Promise.all([page.waitForURL(h.url('/home')), page.keyboard.press('Enter')]);
    assert.equal(await page.locator('h1').textContent(), `Hello, ${admin.name}`);
  });
});

test('the skip link is the first stop and takes focus to the main content', async () => {
  await withPage(async (page) => {
    await page.goto(h.url('/sign-in'));
    await page.keyboard.press('Tab');
    const first = await h.focusStyle(page);
    assert.match(first.className, /skip-link/, `first Tab stop is the skip link, not ${first.element}`);
    assert.ok(h.hasVisibleFocus(first), 'the skip link shows focus');
    assert.ok(await page.locator('.skip-link').isVisible(), 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  });
});

test('after a failed sign-in, focus lands on the error summary', async () => {
  await withPage(async (page) => {
    await page.goto(h.url('/sign-in'));
    await tabTo(page, 'email');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    // autofocus runs just after the page loads, so give it a moment rather than reading at once.
    await page
      .waitForFunction(() => document.activeElement?.classList.contains('error-summary'), null, { timeout: 3000 })
      .catch(() => {});
    const focused = await h.focusStyle(page);
    assert.match(focused.className, /\berror-summary\b/, `focus is on the error summary, not ${focused.element}`);
    assert.ok(h.hasVisibleFocus(focused), 'the focused error summary shows focus');
    // Its links lead to the fields.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#email');
  });
});

test('a steward signs in by accessible names alone', async () => {
  const admin = await h.ensureAdmin();
  await withPage(async (page) => {
    await page.goto(h.url('/sign-in'));
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await Promise.all([
      page.waitForURL(h.url('/home')),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: `Hello, ${admin.name}` }).waitFor());
  });
});
