// The surveys the tests look at, found or made once per server and shared by every test process
// (like the first administrator in helpers.mjs):
//
//   children   the demo's children's questionnaire (one question per page), found through the UI
//   feedback   the demo's feedback form (single page), found through the UI
//   types      "Every kind of question": one required question of each type, one per page,
//              made through the JSON API with a token created on /account/tokens, then published
//   typesForm  the same questions on a single page
//   closed     a small survey, published and then closed
//   receipt    a receipt code for an answer to the children's questionnaire (sent through the API)
//   sensitive  a small questionnaire marked sensitive (its pages show "Exit this page")
//   theme      `{ id, name }` of a theme made on the themes page, with a codebook phrase
//   experiments  `{ adopted, testing }`: the ids of the demo's two experiments, found by links
//   flagged    true once an answer with a clear disclosure was sent to "Every kind of question",
//              so the project's safeguarding page lists a concern
//
// Every entry is `{ id, slug, title, questions: [{ id, key, type, prompt, hint, ... }] }`, with
// `project` (the demo project's id) beside them.

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

import * as h from './helpers.mjs';

/** The demo project and its surveys, as the demo names them (src/demo/content.rs). */
export const DEMO = {
  project: 'Family hub: getting help sooner',
  children: 'Tell us about the family hub',
  feedback: 'How did it go?',
};

/** One required question of every type, in the order the runner asks them. */
export const EVERY_TYPE = [
  { key: 'feeling', type: 'faces', prompt: 'How do you feel today?', hint: 'Choose the face that is closest to how you feel.', easy_read: 'How do you feel?' },
  { key: 'calm', type: 'scale', prompt: 'How calm was the waiting room?', hint: 'Think about your last visit.', options: ['Not calm at all', 'Very calm'] },
  { key: 'recommend', type: 'rating', prompt: 'How likely are you to tell a friend about the hub?', hint: '' },
  { key: 'came_by', type: 'single_choice', prompt: 'How did you get here today?', hint: 'Choose one.', options: ['Walking', 'Bus', 'Car'], allow_other: true },
  { key: 'liked', type: 'multiple_choice', prompt: 'What did you like?', hint: 'Choose all that are true for you.', options: ['The people', 'The room', 'The snacks'], allow_none: true },
  { key: 'again', type: 'yes_no', prompt: 'Would you come again?', hint: '' },
  { key: 'one_word', type: 'short_text', prompt: 'Give us one word about today', hint: 'For example, fun.' },
  { key: 'anything_else', type: 'long_text', prompt: 'Is there anything else you want to tell us?', hint: 'You can write as much or as little as you like.' },
].map((q) => ({ required: true, options: [], allow_other: false, allow_none: false, easy_read: '', ...q }));

const FILE = path.join(h.STATE_DIR, 'surveys.json');
let surveysPromise;

/** The shared surveys (see the top of this file); made on first use, once per server. */
export function surveys() {
  surveysPromise ??= h.withLock('surveys', async () => {
    if (fs.existsSync(FILE)) return JSON.parse(fs.readFileSync(FILE, 'utf8'));
    const made = await makeSurveys();
    fs.writeFileSync(FILE, JSON.stringify(made));
    return made;
  });
  return surveysPromise;
}

async function makeSurveys() {
  const ctx = await h.contextFor('admin');
  try {
    const page = await ctx.newPage();
    // The demo project and its surveys, the way a steward finds them.
    await page.goto(h.url('/projects'));
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: DEMO.project }).click()]);
    const project = Number(new URL(page.url()).pathname.split('/').pop());
    const found = async (title) => {
      const item = page.locator('li').filter({ has: page.getByRole('link', { name: title, exact: true }) });
      const id = Number((await item.getByRole('link', { name: title, exact: true }).getAttribute('href')).split('/').pop());
      const slug = (await item.locator('a[href^="/s/"]').getAttribute('href')).split('/').pop();
      return { id, slug, title };
    };
    const children = await found(DEMO.children);
    const feedback = await found(DEMO.feedback);

    // An API token, created on the tokens page.
    await page.goto(h.url('/account/tokens'));
    await page.getByLabel('What is this token for?').fill('browser test surveys');
    await h.submit(page, 'Create token');
    const token = (await page.locator('.panel-notice code').textContent()).trim();
    const api = async (method, apiPath, body) => {
      const res = await fetch(h.url(`/api/v1${apiPath}`), {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${apiPath} answered ${res.status}: ${text}`);
      return text ? JSON.parse(text) : {};
    };
    const publish = async (body, close = false) => {
      const made = await api('POST', `/projects/${project}/surveys`, body);
      await api('POST', `/surveys/${made.id}/publish`);
      if (close) await api('POST', `/surveys/${made.id}/close`);
      const s = await api('GET', `/surveys/${made.id}`);
      return { id: s.id, slug: s.slug, title: s.title, questions: s.questions };
    };
    const everyType = {
      kind: 'questionnaire',
      audience: 'anyone',
      intro: 'The browser tests answer this questionnaire: one question of every kind.',
      questions: EVERY_TYPE,
    };
    const types = await publish({ ...everyType, title: 'Every kind of question', layout: 'one_per_page' });
    const typesForm = await publish({ ...everyType, title: 'Every kind of question on one page', layout: 'single_page' });
    const closed = await publish(
      {
        title: 'Summer holiday club',
        kind: 'questionnaire',
        audience: 'children',
        intro: 'Tell us about the summer holiday club.',
        questions: [{ key: 'liked_it', type: 'yes_no', prompt: 'Did you like the club?', required: true }],
      },
      true,
    );
    const sensitive = await publish({
      title: 'Staying safe at home',
      kind: 'questionnaire',
      audience: 'children',
      layout: 'one_per_page',
      sensitive: true,
      intro: 'Some questions are about hard things. You can leave at any time.',
      questions: [{ key: 'feel_safe', type: 'yes_no', prompt: 'Do you feel safe at home?', required: true }],
    });
    children.questions = (await api('GET', `/surveys/${children.id}`)).questions;
    feedback.questions = (await api('GET', `/surveys/${feedback.id}`)).questions;

    // A receipt, as someone who answered the children's questionnaire keeps it.
    const receipt = await sendAnswers(children.slug, CHILDREN_ANSWERS);

    // A clear disclosure, so the safeguarding page has a concern to review.
    await sendAnswers(types.slug, { ...EVERY_TYPE_ANSWERS, anything_else: 'my dad hits me when he is angry' });

    // A theme with a codebook phrase, made on the themes page.
    const theme = { name: 'Noise in the waiting room' };
    await page.goto(h.url(`/projects/${project}/themes`));
    await page.getByLabel('Theme name').fill(theme.name);
    await page.getByLabel('Description').fill('Answers about noise and busy rooms.');
    await page.getByLabel('Codebook phrases').fill('noisy');
    await h.submit(page, 'Create theme');
    theme.id = Number(new URL(page.url()).pathname.split('/').pop());
    if (!theme.id) throw new Error(`making a theme ended on ${page.url()}`);

    // The demo's two experiments, found the way a steward finds them: project page → Experiments.
    await page.goto(h.url(`/projects/${project}`));
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Experiments', exact: true }).click()]);
    const experimentId = async (title) =>
      Number((await page.getByRole('link', { name: title, exact: true }).getAttribute('href')).split('/').pop());
    const experiments = {
      adopted: await experimentId('A quiet room for homework'),
      testing: await experimentId('Tuesday evening drop-in'),
    };

    // A decision of the demo's, found by clicking: project page → Decision log → the newest.
    await page.goto(h.url(`/projects/${project}`));
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Decision log', exact: true }).click()]);
    const decisionHref = await page.locator('tbody a[href*="/decisions/"]').first().getAttribute('href');
    const decision = Number(decisionHref.split('/').pop());
    if (!decision) throw new Error(`no decision in the demo's log (${decisionHref})`);

    // A children's "Have your say" round, made the way a steward makes one: project page →
    // Have your say → Start a round, an item from the theme and one written freely, then open.
    await page.goto(h.url(`/projects/${project}`));
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Have your say', exact: true }).click()]);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Start a round', exact: true }).click()]);
    await page.getByLabel('Title', { exact: true }).fill('What should the hub try next?');
    await page.getByLabel('Children and young people').check();
    await h.submit(page, 'Create round');
    const roundPath = new URL(page.url()).pathname;
    await page.goto(h.url(`${roundPath}/items/new?theme=${theme.id}`));
    await page.getByLabel('Easy read').fill('The waiting room is too loud.');
    await h.submit(page, 'Add item');
    await page.goto(h.url(`${roundPath}/items/new?free=yes`));
    await page.getByLabel('Title', { exact: true }).fill('Games in the waiting room');
    await page.getByLabel('In plain words').fill('If we put games in the waiting room, then waiting will feel shorter.');
    await h.submit(page, 'Add item');
    await h.submit(page, 'Open the round');
    const roundLink = await page.locator('a[href*="/p/"]').first().getAttribute('href');
    const round = { path: roundPath, slug: new URL(roundLink).pathname.split('/').pop() };

    return { project, children, feedback, types, typesForm, closed, receipt, sensitive, theme, experiments, decision, round, flagged: true };
  } finally {
    await ctx.close();
  }
}

/** Answers to the demo's children's questionnaire, as the JSON API takes them. */
export const CHILDREN_ANSWERS = { feeling: 4, come_with: 'A friend', what_helps: ['Games and activities'], listened_to: true };

/** Answers to every question of "Every kind of question", as the JSON API takes them. */
export const EVERY_TYPE_ANSWERS = {
  feeling: 4,
  calm: 4,
  recommend: 9,
  came_by: 'Bus',
  liked: ['The room'],
  again: true,
  one_word: 'bright',
  anything_else: 'The new sofa is comfy.',
};

/** Sends answers to a survey through the public JSON API; returns the receipt code. */
export async function sendAnswers(slug, answers) {
  const sent = await fetch(h.url(`/api/v1/s/${slug}/responses`), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: crypto.randomUUID(), answers }),
  });
  if (!sent.ok) throw new Error(`sending answers to ${slug} answered ${sent.status}: ${await sent.text()}`);
  return (await sent.json()).receipt;
}

/** A string of `n` letters (too long for a text question when `n` is past its limit). */
export function letters(n) {
  return 'a'.repeat(n);
}

/**
 * Answers every question of "Every kind of question" through the UI, from its first page to
 * "Check your answers". Returns the response of the check page.
 */
export async function answerEveryType(page, s) {
  await page.goto(h.url(`/s/${s.types.slug}/q/1`));
  const steps = [
    () => page.getByRole('radio', { name: 'Good', exact: true }).check(),
    () => page.getByRole('radio', { name: '4', exact: true }).check(),
    () => page.getByRole('radio', { name: /^9$/ }).check(),
    async () => {
      await page.getByRole('radio', { name: 'Other', exact: true }).check();
      await page.getByLabel('Your other answer').fill('By bike');
    },
    () => page.getByRole('checkbox', { name: 'The snacks' }).check(),
    () => page.getByRole('radio', { name: 'Yes', exact: true }).check(),
    () => page.getByLabel('Give us one word about today').fill('bright'),
    () => page.getByLabel('Is there anything else you want to tell us?').fill('The new sofa is comfy.'),
  ];
  let response;
  for (const step of steps) {
    await step();
    response = await h.submit(page, 'Continue');
  }
  return response;
}
