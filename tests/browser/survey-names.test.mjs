// Answering a questionnaire with every question type by accessible names alone: every control is
// found by its role and name (as a screen reader user finds it), every hint and error message is
// wired to its control or fieldset with aria-describedby, and the receipt can be used the same way.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';

import * as h from './helpers.mjs';
import { EVERY_TYPE, surveys } from './surveys.mjs';

after(h.closeBrowser);

/** How each question is found (its group or text box) and answered, by role and name only. */
const ANSWER = {
  faces: { answer: (p) => p.getByRole('radio', { name: 'Really good', exact: true }).check(), shown: 'Really good' },
  scale: {
    answer: async (p) => {
      // The ends say what the numbers mean.
      await p.getByRole('radio', { name: '1 – Not calm at all' }).waitFor();
      await p.getByRole('radio', { name: '5 – Very calm' }).waitFor();
      await p.getByRole('radio', { name: '4', exact: true }).check();
    },
    shown: '4',
  },
  rating: {
    answer: async (p) => {
      await p.getByRole('radio', { name: '0 – Not at all likely' }).waitFor();
      await p.getByRole('radio', { name: '10 – Extremely likely' }).check();
    },
    shown: '10',
  },
  single_choice: {
    answer: async (p) => {
      await p.getByRole('radio', { name: 'Other', exact: true }).check();
      await p.getByRole('textbox', { name: 'Your other answer' }).fill('On a scooter');
    },
    shown: 'On a scooter',
  },
  multiple_choice: {
    answer: async (p) => {
      await p.getByRole('checkbox', { name: 'The people' }).check();
      await p.getByRole('checkbox', { name: 'The room' }).check();
      assert.equal(await p.getByRole('checkbox', { name: 'None of these' }).isChecked(), false);
    },
    shown: 'The room',
  },
  yes_no: { answer: (p) => p.getByRole('radio', { name: 'No', exact: true }).check(), shown: 'No' },
  short_text: {
    answer: (p) => p.getByLabel('Give us one word about today').fill('sunny'),
    shown: 'sunny',
  },
  long_text: {
    describedToo: 'You can write a lot.',
    answer: (p) => p.getByRole('textbox', { name: 'Is there anything else you want to tell us?' }).fill('Thank you for the juice.'),
    shown: 'Thank you for the juice.',
  },
};

/** The question's group (radios, checkboxes) or text box, by role and accessible name. */
function questionControl(page, q) {
  const textual = q.type === 'short_text' || q.type === 'long_text';
  return page.getByRole(textual ? 'textbox' : 'group', { name: q.prompt, exact: true });
}

async function assertDescribedBy(control, parts, what) {
  const text = await h.description(control);
  for (const part of parts.filter(Boolean)) {
    assert.ok(text.includes(part), `${what} is described by "${part}"; its description is "${text}"`);
  }
}

test('someone answers every type of question by accessible names alone', async () => {
  const s = await surveys();
  const ctx = await h.contextFor('anonymous');
  try {
    const page = await ctx.newPage();
    await page.goto(h.url(`/s/${s.types.slug}`));
    await page.getByRole('heading', { level: 1, name: 'Every kind of question' }).waitFor();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Start now' }).click()]);

    for (const [i, q] of EVERY_TYPE.entries()) {
      const how = ANSWER[q.type];
      const what = `question ${i + 1} (${q.type})`;
      await page.getByText(`Question ${i + 1} of ${EVERY_TYPE.length}`).waitFor();
      const control = questionControl(page, q);
      assert.equal(await control.count(), 1, `${what}: one ${q.type.endsWith('text') ? 'text box' : 'group'} named "${q.prompt}"`);
      await page.getByRole('heading', { level: 1, name: q.prompt }).waitFor();
      await assertDescribedBy(control, [q.hint, how.describedToo], what);

      // Continue with nothing: the error is in the summary (a link to the field) and describes it.
      const failed = await h.submit(page, 'Continue');
      assert.equal(failed.status(), 422, `${what}: nothing answered answers 422`);
      const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
      const link = summary.getByRole('link');
      assert.equal(await link.count(), 1, `${what}: the summary has one link`);
      const message = (await link.innerText()).trim();
      assert.ok(message.length > 0, `${what}: the summary says what is wrong`);
      await assertDescribedBy(questionControl(page, q), [q.hint, how.describedToo, `Error: ${message}`], `${what} after the error`);
      // The link goes to the question's first control.
      const target = (await link.getAttribute('href')).replace(/^#/, '');
      const first = page.locator(`[id="${target}"]`);
      assert.equal(await first.count(), 1, `${what}: the summary link #${target} goes to a control`);
      assert.ok(
        await first.evaluate((el, name) => el.closest('fieldset')?.querySelector('legend')?.textContent.includes(name) || el.labels?.[0]?.textContent.includes(name), q.prompt),
        `${what}: the summary link lands on this question's control`,
      );

      if (q.type === 'single_choice') {
        // "Other" chosen with nothing typed: the problem is the text box, so the link and the
        // message belong to it, not to the first radio.
        await page.getByRole('radio', { name: 'Other', exact: true }).check();
        const noOther = await h.submit(page, 'Continue');
        assert.equal(noOther.status(), 422, `${what}: "Other" with nothing typed answers 422`);
        const box = page.getByRole('textbox', { name: 'Your other answer' });
        const otherLink = page.locator('.error-summary').getByRole('link');
        assert.equal(await otherLink.getAttribute('href'), `#${await box.getAttribute('id')}`, `${what}: the summary links to the "Other" box`);
        await assertDescribedBy(box, [`Error: ${(await otherLink.innerText()).trim()}`], `${what}: the "Other" box`);
      }

      await how.answer(page);
      const next = await h.submit(page, 'Continue');
      assert.equal(next.status(), 200, `${what}: answered`);
    }

    // Check your answers: a named "Change" link for every question, and every answer shown.
    await page.getByRole('heading', { level: 1, name: 'Check your answers before sending them' }).waitFor();
    for (const q of EVERY_TYPE) {
      assert.equal(await page.getByRole('link', { name: `Change your answer to: ${q.prompt}` }).count(), 1, `a Change link for "${q.prompt}"`);
    }
    const list = await page.locator('main').innerText();
    for (const q of EVERY_TYPE) assert.ok(list.includes(ANSWER[q.type].shown), `the check page shows "${ANSWER[q.type].shown}"`);

    await h.submit(page, 'Send your answers');
    await page.getByRole('heading', { level: 1, name: 'Your answers have been sent' }).waitFor();
    const receipt = (await page.getByText(/^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/).innerText()).trim();

    // The receipt: look up, see, delete — by names again.
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'see or delete your answers' }).click()]);
    const box = page.getByRole('textbox', { name: 'Your code to see or delete your answers' });
    await assertDescribedBy(box, ['For example, 7KQ-M4P-2XD.'], 'the receipt code box');
    const empty = await h.submit(page, 'Show my answers');
    assert.equal(empty.status(), 422);
    await assertDescribedBy(page.getByRole('textbox', { name: 'Your code to see or delete your answers' }), ['Error: '], 'the receipt code box after the error');
    await page.getByRole('textbox', { name: 'Your code to see or delete your answers' }).fill(receipt.toLowerCase());
    // (Empty and malformed codes do not count towards the per-address limit on guesses, so the
    // rest of the suite's empty look-ups cannot make this one answer 429.)
    const found = await h.submit(page, 'Show my answers');
    assert.equal(found.status(), 200, `the receipt code ${receipt} finds the answers`);
    await page.getByRole('heading', { level: 1, name: 'Your answers' }).waitFor();
    const shown = await page.locator('main').innerText();
    for (const q of EVERY_TYPE) assert.ok(shown.includes(ANSWER[q.type].shown), `the receipt shows "${ANSWER[q.type].shown}":\n${shown}`);
    await h.submit(page, 'Delete my answers');
    await page.getByRole('heading', { level: 1, name: 'Are you sure you want to delete your answers?' }).waitFor();
    await h.submit(page, 'Yes, delete my answers');
    await page.getByRole('heading', { level: 1, name: 'Your answers have been deleted' }).waitFor();
  } finally {
    await ctx.close();
  }
});
