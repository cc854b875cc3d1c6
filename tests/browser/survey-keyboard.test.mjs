// Answering surveys with a keyboard alone: Tab, Shift+Tab, Space, Enter and the arrow keys (and
// typing into text fields). Radios move with the arrow keys, checkboxes toggle with Space, buttons
// and links go with Enter. Every focus stop must show a visible indicator, and after a failed
// submit focus must land on the error summary.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';

import * as h from './helpers.mjs';
import { surveys } from './surveys.mjs';

after(h.closeBrowser);

async function withPage(fn) {
  const ctx = await h.contextFor('anonymous', { viewport: { width: 390, height: 800 } });
  try {
    return await fn(await ctx.newPage());
  } finally {
    await ctx.close();
  }
}

/** What has focus now, after checking it shows a visible focus indicator. */
async function focused(page) {
  const style = await h.focusStyle(page);
  assert.ok(h.hasVisibleFocus(style), `visible focus indicator on ${style.element}: ${JSON.stringify(style)}`);
  return style;
}

/** Presses `key` (Tab or Shift+Tab) until `wanted(focus)` holds, checking focus on every stop. */
async function tabUntil(page, what, wanted, key = 'Tab', maxStops = 25) {
  const stops = [];
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    stops.push(f.element);
    if (wanted(f)) return f;
  }
  assert.fail(`${what} never took focus; ${key} went through ${stops.join(' → ')}`);
}

const isButton = (text) => (f) => (f.tag === 'button' || f.tag === 'a') && f.text === text;
const isControl = (type, name) => (f) => f.tag === 'input' && f.type === type && (!name || f.name === name);

/** Presses a key that navigates (Enter on a button or link) and returns the new page's response. */
async function go(page, key = 'Enter') {
  const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
  return response;
}

/** Presses an arrow key `times` times on a radio group, checking focus each time. */
async function arrow(page, key, times) {
  let f;
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    f = await focused(page);
  }
  return f;
}

/** After a failed submit: focus is on the error summary, which shows it. */
async function errorSummaryHasFocus(page) {
  await page
    .waitForFunction(() => document.activeElement?.classList.contains('error-summary'), null, { timeout: 3000 })
    .catch(() => {});
  const f = await focused(page);
  assert.match(f.className, /\berror-summary\b/, `focus is on the error summary, not ${f.element}`);
}

test("a child completes the children's questionnaire with the keyboard alone", async () => {
  const s = await surveys();
  await withPage(async (page) => {
    await page.goto(h.url(`/s/${s.children.slug}`));
    await tabUntil(page, 'Start now', isButton('Start now'));
    assert.equal((await go(page)).status(), 200);

    // 1. Faces. Continue without choosing first: the error summary takes focus.
    await tabUntil(page, 'Continue', isButton('Continue'));
    assert.equal((await go(page)).status(), 422, 'nothing chosen answers 422');
    await errorSummaryHasFocus(page);
    let f = await tabUntil(page, 'the first face', isControl('radio', 'q_feeling'));
    assert.equal(f.value, '1');
    f = await arrow(page, 'ArrowDown', 4);
    assert.deepEqual([f.value, f.checked], ['5', true], 'ArrowDown moves to and chooses "Really good"');
    f = await arrow(page, 'ArrowUp', 1);
    assert.deepEqual([f.value, f.checked], ['4', true], 'ArrowUp moves back to "Good"');
    await tabUntil(page, 'Continue', isButton('Continue'));
    assert.equal((await go(page)).status(), 200);

    // 2. Single choice: arrows; Shift+Tab comes back to the chosen radio.
    await tabUntil(page, 'the first choice', isControl('radio', 'q_come_with'));
    f = await arrow(page, 'ArrowDown', 2);
    assert.deepEqual([f.value, f.checked], ['A friend', true]);
    await tabUntil(page, 'Continue', isButton('Continue'));
    f = await tabUntil(page, 'the chosen radio', isControl('radio', 'q_come_with'), 'Shift+Tab');
    assert.deepEqual([f.value, f.checked], ['A friend', true], 'Shift+Tab returns to the chosen radio');
    await tabUntil(page, 'Continue', isButton('Continue'));
    assert.equal((await go(page)).status(), 200);

    // 3. Multiple choice: Space ticks a box, Tab moves between boxes.
    f = await tabUntil(page, 'the first box', isControl('checkbox', 'q_what_helps'));
    await page.keyboard.press('Space');
    assert.equal((await focused(page)).checked, true, 'Space ticks "Someone to talk to"');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    f = await focused(page);
    assert.equal(f.value, 'Food and snacks');
    await page.keyboard.press('Space');
    assert.equal((await focused(page)).checked, true, 'Space ticks "Food and snacks"');
    await tabUntil(page, 'Continue', isButton('Continue'));
    assert.equal((await go(page)).status(), 200);

    // 4. Yes or no.
    await tabUntil(page, 'Yes', isControl('radio', 'q_listened_to'));
    f = await arrow(page, 'ArrowRight', 1);
    assert.deepEqual([f.value, f.checked], ['no', true]);
    f = await arrow(page, 'ArrowLeft', 1);
    assert.deepEqual([f.value, f.checked], ['yes', true]);
    await tabUntil(page, 'Continue', isButton('Continue'));
    assert.equal((await go(page)).status(), 200);

    // 5. Short text, then 6. long text.
    await tabUntil(page, 'the one-word box', isControl('text', 'q_one_word'));
    await page.keyboard.type('friendly');
    await tabUntil(page, 'Continue', isButton('Continue'));
    assert.equal((await go(page)).status(), 200);
    await tabUntil(page, 'the long answer box', (x) => x.tag === 'textarea');
    await page.keyboard.type('More time to play outside.');
    await tabUntil(page, 'Continue', isButton('Continue'));
    assert.equal((await go(page)).status(), 200);

    // Check your answers, then send.
    assert.equal(await page.locator('h1').innerText(), 'Check your answers before sending them');
    for (const answer of ['Good', 'A friend', 'Someone to talk to', 'Food and snacks', 'Yes', 'friendly', 'More time to play outside.']) {
      assert.match(await page.locator('.summary-list').innerText(), new RegExp(answer));
    }
    await tabUntil(page, 'Send your answers', isButton('Send your answers'));
    assert.equal((await go(page)).status(), 200);
    assert.equal(await page.locator('h1').innerText(), 'Your answers have been sent');
    assert.match(await page.locator('.receipt').innerText(), /^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  });
});

test('a practitioner sends the feedback form with the keyboard alone', async () => {
  const s = await surveys();
  await withPage(async (page) => {
    await page.goto(h.url(`/s/${s.feedback.slug}`));
    await tabUntil(page, 'Send feedback', isButton('Send feedback'));
    assert.equal((await go(page)).status(), 422, 'nothing answered answers 422');
    await errorSummaryHasFocus(page);

    // The summary's links come first, then the form.
    const link = await tabUntil(page, 'the first error link', (x) => x.tag === 'a');
    assert.match(link.text, /\S/);
    let f = await tabUntil(page, 'the first face', isControl('radio', 'q_how_it_went'));
    f = await arrow(page, 'ArrowDown', 3);
    assert.deepEqual([f.value, f.checked], ['4', true]);
    f = await tabUntil(page, 'the scale', isControl('radio', 'q_family_voice'));
    f = await arrow(page, 'ArrowRight', 4);
    assert.deepEqual([f.value, f.checked], ['5', true]);
    await tabUntil(page, 'the notes box', (x) => x.tag === 'textarea');
    await page.keyboard.type('Good conversation, the plan felt like theirs.');
    await tabUntil(page, 'when', isControl('radio', 'context'));
    f = await arrow(page, 'ArrowDown', 1);
    assert.deepEqual([f.value, f.checked], ['After a meeting', true]);
    await tabUntil(page, 'Send feedback', isButton('Send feedback'));
    assert.equal((await go(page)).status(), 200);
    assert.equal(await page.locator('h1').innerText(), 'Feedback sent');
  });
});
