// THE table of page types the browser suite checks. Every entry is axe-checked (WCAG 2.2 A/AA, zero
// violations), and checked for reflow at 320 px, target size and 200% text (layout.test.mjs).
//
// An entry:
//   name    what the page is (the test name)
//   as      who looks at it: 'anonymous' (default), 'admin' or 'practitioner' (see helpers.mjs)
//   path    where to go, relative to the server; or
//   open    async (page, h, s) => Response — navigation steps, for pages you reach by a flow
//   then    async (page, h, s) => Response — steps after `path` (e.g. submit a form to see errors)
//   public  true for pages children and families see (extra checks in layout.test.mjs)
//   faces   true for pages with a faces question (44×44 px targets checked)
//   firstScreen  true for a survey's introduction: "Start now" is on a phone's first screen
//           (375×667, layout.test.mjs)
//   error   true for error states (checked for text, not colour alone, in layout.test.mjs)
//   status  the HTTP status the page must answer with (default 200)
//   shows   text the page must show (proof the steps reached the page meant)
//   shot    a file name: screenshots.test.mjs also saves this page at 320 and 1280 px
//
// To add a page type, add ONE line here. `h` is helpers.mjs (submit, invite, url, …); `s` the
// shared surveys (surveys.mjs). `path` may be a function of `s`.

import fs from 'node:fs';
import path from 'node:path';

import * as h from './helpers.mjs';
import { CHILDREN_ANSWERS, EVERY_TYPE, answerEveryType, letters, sendAnswers, surveys } from './surveys.mjs';

/** Answers the demo's children's questionnaire one page at a time, with `story` as the last
 * (free text) answer, and sends it: the confirmation page with the help panel. */
async function sendChildren(page, s, story) {
  await page.goto(h.url(`/s/${s.children.slug}/q/1`));
  const steps = [
    () => page.getByRole('radio', { name: 'Good', exact: true }).check(),
    () => page.getByRole('radio', { name: 'A friend', exact: true }).check(),
    () => page.getByRole('checkbox', { name: 'Games and activities' }).check(),
    () => page.getByRole('radio', { name: 'Yes', exact: true }).check(),
    async () => {},
    () => page.getByRole('textbox').fill(story),
  ];
  for (const step of steps) {
    await step();
    await h.submit(page, 'Continue');
  }
  return h.submit(page, 'Send your answers');
}

/** Opens the newest safeguarding flag from the project's list, by clicking its link. */
const openFlag = async (page, h, s) => {
  await page.goto(h.url(`/projects/${s.project}/safeguarding`));
  const [response] = await Promise.all([page.waitForNavigation(), page.locator('#flags a').first().click()]);
  return response;
};

/** Submits the form on the page by the button's name, with nothing filled in. */
const submitEmpty = (button) => (page) => h.submit(page, button);

export const pageTypes = [
  // Foundation: public pages
  { name: 'public landing page', path: '/' },
  { name: 'sign-in', path: '/sign-in' },
  { name: 'sign-in error: nothing entered', path: '/sign-in', then: submitEmpty('Sign in'), status: 422 },
  {
    name: 'sign-in error: wrong password',
    path: '/sign-in',
    then: async (page) => {
      // A fresh address each time: the per-account sign-in throttle must never lock anyone out.
      await page.getByLabel('Email address').fill(`nobody-${Date.now()}@example.org`);
      await page.getByLabel('Password').fill('not the right password at all');
      return h.submit(page, 'Sign in');
    },
    status: 401,
  },
  { name: 'accessibility statement', path: '/accessibility' },
  { name: 'privacy notice', path: '/privacy' },
  { name: '404 page not found', path: '/no-such-page', status: 404 },
  { name: 'accept an invitation', open: async (page) => page.goto((await h.invite('Steward')).link) },
  // (The setup page and its error state are checked before the one-time link is used: see
  // ensureAdmin in helpers.mjs and the setup tests in axe.test.mjs.)

  // Foundation: signed-in pages
  { name: 'steward home', as: 'admin', path: '/home' },
  { name: 'people', as: 'admin', path: '/admin/stewards' },
  { name: 'people error: invite with nothing entered', as: 'admin', path: '/admin/stewards', then: submitEmpty('Invite'), status: 422 },
  { name: 'API tokens', shot: 'tokens', as: 'admin', path: '/account/tokens' },
  { name: 'API tokens error: nothing entered', as: 'admin', path: '/account/tokens', then: submitEmpty('Create token'), status: 422 },
  {
    name: 'API tokens with a new token shown',
    as: 'admin',
    path: '/account/tokens',
    then: async (page) => {
      await page.getByLabel('What is this token for?').fill('browser test');
      return h.submit(page, 'Create token');
    },
    status: 201,
  },
  { name: '403 forbidden (practitioner opens People)', as: 'practitioner', path: '/admin/stewards', status: 403 },
  { name: 'practitioner home', as: 'practitioner', path: '/home' },

  // ===========================================================================================
  // SURVEY PAGE TYPES. `s` is the shared surveys (surveys.mjs): s.children (the demo's children's
  // questionnaire), s.feedback (the demo's feedback form), s.types ("Every kind of question", one
  // required question of each type, one per page), s.typesForm (the same on one page), s.closed,
  // s.receipt, s.project. `public: true` marks pages children and families see (layout.test.mjs
  // checks those more strictly). Paths may be functions of `s`.

  // Public: the children's questionnaire
  { name: "children's questionnaire introduction", public: true, firstScreen: true, path: (s) => `/s/${s.children.slug}` },
  { name: "children's questionnaire faces question", public: true, faces: true, path: (s) => `/s/${s.children.slug}/q/1` },
  // Public: one page for every question type, and its error state
  ...EVERY_TYPE.flatMap((q, i) => [
    { name: `question: ${q.type}`, public: true, faces: q.type === 'faces', path: (s) => `/s/${s.types.slug}/q/${i + 1}` },
    {
      name: `question error: ${q.type} not answered`,
      public: true,
      faces: q.type === 'faces',
      error: true,
      path: (s) => `/s/${s.types.slug}/q/${i + 1}`,
      then: submitEmpty('Continue'),
      status: 422,
    },
  ]),
  {
    name: 'question error: single_choice "Other" chosen with nothing typed',
    public: true,
    error: true,
    path: (s) => `/s/${s.types.slug}/q/4`,
    then: async (page) => {
      await page.getByRole('radio', { name: 'Other', exact: true }).check();
      return h.submit(page, 'Continue');
    },
    status: 422,
  },
  {
    name: 'question error: short_text too long',
    public: true,
    error: true,
    path: (s) => `/s/${s.types.slug}/q/7`,
    then: async (page) => {
      await page.getByRole('textbox').fill(letters(201));
      return h.submit(page, 'Continue');
    },
    status: 422,
  },
  {
    name: 'question error: long_text too long',
    public: true,
    error: true,
    path: (s) => `/s/${s.types.slug}/q/8`,
    then: async (page) => {
      await page.getByRole('textbox').fill(letters(5001));
      return h.submit(page, 'Continue');
    },
    status: 422,
  },
  { name: 'check answers', public: true, open: (page, h, s) => answerEveryType(page, s) },
  {
    name: 'confirmation with the receipt code',
    public: true,
    open: async (page, h, s) => {
      await answerEveryType(page, s);
      return h.submit(page, 'Send your answers');
    },
  },
  // Public: help for children and families after sending (help/)
  { name: 'sent page with the help panel', public: true, shows: 'If you are worried or need help now', open: (page, h, s) => sendChildren(page, s, 'More games please') },
  { name: 'sent page after a worrying answer', public: true, shows: 'nobody can contact you', open: (page, h, s) => sendChildren(page, s, 'my dad hits me when he is angry') },
  // Public: every question on one page
  { name: 'every question type on one page', public: true, faces: true, path: (s) => `/s/${s.typesForm.slug}/form` },
  {
    name: 'every question type on one page error: nothing answered',
    public: true,
    faces: true,
    error: true,
    path: (s) => `/s/${s.typesForm.slug}/form`,
    then: submitEmpty('Send your answers'),
    status: 422,
  },
  // Public: the feedback form
  { name: 'feedback form', public: true, faces: true, path: (s) => `/s/${s.feedback.slug}` },
  {
    name: 'feedback form error: nothing answered',
    public: true,
    faces: true,
    error: true,
    path: (s) => `/s/${s.feedback.slug}`,
    then: submitEmpty('Send feedback'),
    status: 422,
  },
  {
    name: 'feedback sent',
    public: true,
    path: (s) => `/s/${s.feedback.slug}`,
    then: async (page) => {
      await page.getByRole('radio', { name: 'Good', exact: true }).check();
      await page.getByRole('radio', { name: /^4/ }).check();
      return h.submit(page, 'Send feedback');
    },
  },
  // Public: receipts, and a closed survey
  { name: 'receipt lookup', public: true, path: '/receipt' },
  { name: 'receipt lookup error: nothing entered', public: true, error: true, path: '/receipt', then: submitEmpty('Show my answers'), status: 422 },
  {
    name: 'receipt view',
    public: true,
    path: '/receipt',
    then: async (page, h, s) => {
      await page.getByLabel('Your code to see or delete your answers').fill(s.receipt);
      return h.submit(page, 'Show my answers');
    },
  },
  {
    name: 'receipt: are you sure you want to delete',
    public: true,
    path: '/receipt',
    then: async (page, h, s) => {
      await page.getByLabel('Your code to see or delete your answers').fill(s.receipt);
      await h.submit(page, 'Show my answers');
      return h.submit(page, 'Delete my answers');
    },
  },
  { name: 'closed survey', public: true, path: (s) => `/s/${s.closed.slug}`, status: 410 },
  {
    name: 'receipt: your answers have been deleted', shows: 'Your answers have been deleted', shot: 'receipt-deleted',
    public: true,
    path: '/receipt',
    then: async (page, h, s) => {
      // A receipt of its own: deleting the shared one would break the other receipt pages.
      await page.getByLabel('Your code to see or delete your answers').fill(await sendAnswers(s.children.slug, CHILDREN_ANSWERS));
      await h.submit(page, 'Show my answers');
      await h.submit(page, 'Delete my answers');
      return h.submit(page, 'Yes, delete my answers');
    },
  },

  // Public: easy read, "Exit this page", save and come back later
  { name: "children's questionnaire introduction in easy read", shows: 'Easy read is on', shot: 'children-questionnaire-intro-easy-read', public: true, firstScreen: true, path: (s) => `/s/${s.children.slug}?easy_read=yes` },
  { name: "children's questionnaire faces question in easy read", shows: 'Easy read is on', shot: 'children-questionnaire-faces-easy-read', public: true, faces: true, path: (s) => `/s/${s.children.slug}/q/1?easy_read=yes` },
  { name: 'sensitive survey introduction with "Exit this page"', shows: 'Exit this page', shot: 'sensitive-intro', public: true, firstScreen: true, path: (s) => `/s/${s.sensitive.slug}` },
  { name: 'sensitive survey question with "Exit this page"', shows: 'Exit this page', shot: 'sensitive-question', public: true, path: (s) => `/s/${s.sensitive.slug}/q/1` },
  { name: 'save and come back later: the code to carry on', shows: 'Your code to carry on later is', shot: 'resume-code', public: true, path: (s) => `/s/${s.types.slug}/q/1`, then: submitEmpty('Save and come back later') },
  {
    name: 'save and come back later error: email not valid',
    public: true,
    error: true,
    path: (s) => `/s/${s.types.slug}/q/1`,
    then: async (page) => {
      await h.submit(page, 'Save and come back later');
      await page.getByLabel('Email address').fill('not an email address');
      return h.submit(page, 'Email me the code');
    },
    status: 422,
  },
  {
    name: 'save and come back later: the code emailed',
    shows: 'We have sent your code',
    public: true,
    path: (s) => `/s/${s.types.slug}/q/1`,
    then: async (page) => {
      await h.submit(page, 'Save and come back later');
      await page.getByLabel('Email address').fill('someone@example.org');
      return h.submit(page, 'Email me the code');
    },
  },
  { name: 'resume a questionnaire', shot: 'resume', public: true, path: (s) => `/s/${s.children.slug}/resume` },
  { name: 'resume error: nothing entered', public: true, error: true, path: (s) => `/s/${s.children.slug}/resume`, then: submitEmpty('Carry on'), status: 422 },
  {
    // A malformed code, not a well-formed one that matches nothing: those count towards the
    // per-address limit on guesses, which receipt look-ups share.
    name: 'resume error: not a code',
    public: true,
    error: true,
    path: (s) => `/s/${s.children.slug}/resume`,
    then: async (page) => {
      await page.getByLabel('Your code to carry on later').fill('not a code');
      return h.submit(page, 'Carry on');
    },
    status: 422,
  },
  { name: 'resume any questionnaire', public: true, path: '/resume' },

  // Signed in: projects, the builder, preview and results
  { name: 'project list', as: 'admin', path: '/projects' },
  { name: 'project page', as: 'admin', path: (s) => `/projects/${s.project}` },
  { name: 'new survey', as: 'admin', path: (s) => `/projects/${s.project}/surveys/new` },
  { name: 'new survey error: nothing entered', as: 'admin', error: true, path: (s) => `/projects/${s.project}/surveys/new`, then: submitEmpty('Create survey'), status: 422 },
  { name: 'builder page', as: 'admin', path: (s) => `/surveys/${s.types.id}` },
  { name: 'builder page of a survey with responses', as: 'admin', path: (s) => `/surveys/${s.children.id}` },
  { name: 'close a survey: what closing does', as: 'admin', shows: 'Close this survey?', path: (s) => `/surveys/${s.children.id}/close` },
  { name: 'survey settings', as: 'admin', path: (s) => `/surveys/${s.types.id}/settings` },
  { name: 'question form', as: 'admin', path: (s) => `/surveys/${s.types.id}/questions/new` },
  { name: 'question form error: nothing entered', as: 'admin', error: true, path: (s) => `/surveys/${s.types.id}/questions/new`, then: submitEmpty('Add question'), status: 422 },
  {
    name: 'question form: editing a question',
    as: 'admin',
    path: (s) => `/surveys/${s.types.id}`,
    then: async (page) => {
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.getByRole('link', { name: 'Edit How did you get here today?' }).click(),
      ]);
      return response;
    },
  },
  { name: 'preview', as: 'admin', path: (s) => `/surveys/${s.types.id}/preview` },
  { name: 'preview in easy read', as: 'admin', path: (s) => `/surveys/${s.types.id}/preview?easy_read=yes` },
  { name: 'preview of the sent page', as: 'admin', shows: 'If you are worried or need help now', path: (s) => `/surveys/${s.children.id}/preview/sent` },
  { name: 'preview of the sent page after a worrying answer, easy read', as: 'admin', shows: 'So we cannot contact you.', path: (s) => `/surveys/${s.children.id}/preview/sent?flagged=yes&easy_read=yes` },
  { name: 'help for children and families', as: 'admin', path: (s) => `/projects/${s.project}/help` },
  {
    name: 'help for children and families error: bad phone number',
    as: 'admin',
    error: true,
    path: (s) => `/projects/${s.project}/help`,
    then: async (page) => {
      await page.getByLabel('Name of the local service (optional)').fill('Riverside Family Hub');
      await page.getByLabel('Phone number (optional)').fill('call the hub');
      await page.getByLabel('When the phone is answered (optional)').fill('Monday to Friday, 9am to 5pm');
      return h.submit(page, 'Save help contact');
    },
    status: 422,
  },
  { name: 'results page', as: 'admin', path: (s) => `/surveys/${s.children.id}/results` },
  { name: 'results page of a feedback form', as: 'admin', path: (s) => `/surveys/${s.feedback.id}/results` },
  { name: 'results page with few responses', as: 'admin', path: (s) => `/surveys/${s.types.id}/results` },

  { name: 'survey settings of a sensitive survey', as: 'admin', path: (s) => `/surveys/${s.sensitive.id}/settings` },
  { name: 'new project', as: 'admin', path: '/projects/new' },
  { name: 'new project error: nothing entered', as: 'admin', error: true, path: '/projects/new', then: submitEmpty('Create project'), status: 422 },
  { name: 'project settings', shot: 'project-settings', as: 'admin', path: (s) => `/projects/${s.project}/edit` },
  { name: 'project members', shot: 'project-members', as: 'admin', path: (s) => `/projects/${s.project}/members` },

  // Signed in: posters, live boards, invitations
  { name: 'survey poster', shot: 'poster', as: 'admin', path: (s) => `/surveys/${s.children.id}/poster` },
  { name: 'live board of a survey', shot: 'live-survey', as: 'admin', path: (s) => `/surveys/${s.children.id}/live` },
  { name: 'live board of a project', shot: 'live-project', as: 'admin', path: (s) => `/projects/${s.project}/live` },
  { name: 'my feedback forms (practitioner)', shot: 'my-feedback-forms', as: 'practitioner', path: '/feedback' },
  { name: 'my feedback forms (administrator)', as: 'admin', path: '/feedback' },
  { name: 'invitations', shot: 'invitations', as: 'admin', path: (s) => `/surveys/${s.types.id}/invitations` },
  { name: 'invitations error: nothing entered', as: 'admin', error: true, path: (s) => `/surveys/${s.types.id}/invitations`, then: submitEmpty('Send invitations'), status: 422 },
  { name: 'invitation link (leads to the introduction)', public: true, open: async (page, _h, s) => page.goto(h.url((await invitationLinks(s)).link)) },
  { name: 'stop emails about a questionnaire (the unsubscribe link)', shows: 'Stop emails about this questionnaire', public: true, open: async (page, _h, s) => page.goto(h.url((await invitationLinks(s)).unsubscribe)) },
  {
    name: 'stop emails: done',
    shows: 'You will not get more emails',
    public: true,
    open: async (page, _h, s) => {
      await page.goto(h.url((await invitationLinks(s)).unsubscribe));
      return h.submit(page, 'Stop emails');
    },
  },

  // Signed in: themes, coding, safeguarding, project results
  { name: 'themes list', shot: 'themes', as: 'admin', path: (s) => `/projects/${s.project}/themes` },
  { name: 'themes list error: nothing entered', as: 'admin', error: true, path: (s) => `/projects/${s.project}/themes`, then: submitEmpty('Create theme'), status: 422 },
  { name: 'theme page with its figures', shows: 'Noise in the waiting room', shot: 'theme', as: 'admin', path: (s) => `/projects/${s.project}/themes/${s.theme.id}` },
  { name: 'merge themes confirmation', shows: 'Yes, merge the themes', as: 'admin', path: (s) => `/projects/${s.project}/themes/${s.theme.id}`, then: submitEmpty('Merge') },
  { name: 'retire theme confirmation', shows: 'Yes, retire the theme', as: 'admin', path: (s) => `/projects/${s.project}/themes/${s.theme.id}/retire` },
  { name: 'theme suggestions', shot: 'theme-suggestions', as: 'admin', path: (s) => `/projects/${s.project}/themes/suggestions` },
  { name: 'coding page', shot: 'coding', as: 'admin', path: (s) => `/projects/${s.project}/coding` },
  // Experiments (experiments/): the demo's adopted and testing experiments, and every form.
  { name: 'experiments list', shows: 'A quiet room for homework', shot: 'experiments', as: 'admin', path: (s) => `/projects/${s.project}/experiments` },
  { name: 'propose an experiment from a theme', shows: 'If we', shot: 'experiment-propose', as: 'admin', path: (s) => `/projects/${s.project}/experiments/new?theme=${s.theme.id}` },
  { name: 'propose an experiment error: nothing entered', as: 'admin', error: true, path: (s) => `/projects/${s.project}/experiments/new`, then: submitEmpty('Propose experiment'), status: 422 },
  { name: 'experiment page of an adopted experiment with results', shows: 'Results so far', shot: 'experiment-adopted', as: 'admin', path: (s) => `/projects/${s.project}/experiments/${s.experiments.adopted}` },
  { name: 'experiment page while testing, with the live feedback board', shows: 'Real-time feedback', shot: 'experiment-testing', as: 'admin', path: (s) => `/projects/${s.project}/experiments/${s.experiments.testing}` },
  { name: 'experiment plan: measures and periods', shows: 'How we will know', shot: 'experiment-plan', as: 'admin', path: (s) => `/projects/${s.project}/experiments/${s.experiments.testing}/plan` },
  { name: 'record a decision', shows: 'Results as they are now', shot: 'experiment-decide', as: 'admin', path: (s) => `/projects/${s.project}/experiments/${s.experiments.testing}/decide` },
  { name: 'record a decision error: nothing chosen', as: 'admin', error: true, path: (s) => `/projects/${s.project}/experiments/${s.experiments.testing}/decide`, then: submitEmpty('Record the decision'), status: 422 },
  { name: 'add a reflection', shows: 'What surprised you?', shot: 'experiment-reflection', as: 'admin', path: (s) => `/projects/${s.project}/experiments/${s.experiments.testing}/reflections/new` },
  { name: 'add a reflection error: nothing written', as: 'admin', error: true, path: (s) => `/projects/${s.project}/experiments/${s.experiments.testing}/reflections/new`, then: submitEmpty('Save reflection'), status: 422 },
  // The decision log and framework (stewardship/).
  { name: 'decision log', shows: 'Decision log', shot: 'decision-log', as: 'admin', path: (s) => `/projects/${s.project}/decisions` },
  { name: 'a decision in full', shows: 'Who was in the room', shot: 'decision', as: 'admin', path: (s) => `/projects/${s.project}/decisions/${s.decision}` },
  { name: 'record a decision with the framework', shows: 'Who was in the room?', shot: 'decision-new', as: 'admin', path: (s) => `/projects/${s.project}/decisions/new` },
  { name: 'record a decision with the framework error: nothing entered', as: 'admin', error: true, path: (s) => `/projects/${s.project}/decisions/new`, then: submitEmpty('Record the decision'), status: 422 },
  { name: 'the project group page in easy read', shows: 'Our project group', shot: 'project-group', as: 'admin', path: (s) => `/projects/${s.project}/together` },
  { name: 'say what you think of a decision', shows: 'What do you think?', shot: 'group-opinion', as: 'admin', path: (s) => `/projects/${s.project}/together/decisions/${s.decision}` },
  { name: 'learning across a project and those inside it', shows: 'What people told us', shot: 'learning-across', as: 'admin', path: (s) => `/projects/${s.project}/learning` },
  { name: 'where this project sits', shows: 'Which wider project is this part of?', shot: 'project-parent', as: 'admin', path: (s) => `/projects/${s.project}/parent` },
  { name: 'you said, we did: the steward page', shows: 'You said, we did', shot: 'updates-steward', as: 'admin', path: (s) => `/projects/${s.project}/updates` },
  { name: 'decision criteria', shows: 'Every decision in this project is checked against these', shot: 'decision-criteria', as: 'admin', path: (s) => `/projects/${s.project}/decisions/criteria` },
  { name: 'learning report', shows: '5. The decision', shot: 'learning-report', as: 'admin', path: (s) => `/projects/${s.project}/experiments/${s.experiments.adopted}/report` },
  { name: 'learning report in easy read', shows: 'We will keep doing it.', shot: 'learning-report-easy-read', as: 'admin', path: (s) => `/projects/${s.project}/experiments/${s.experiments.adopted}/report/easy-read` },
  // Have your say (participation/): a children's round (faces beside words), its error state,
  // the thank-you page, and the steward's round, results and comments pages.
  { name: "have your say round for children", public: true, shows: 'Yes, I agree', shot: 'round-public', path: (s) => `/p/${s.round.slug}` },
  { name: 'have your say round in easy read', public: true, shows: 'The waiting room is too loud.', path: (s) => `/p/${s.round.slug}?easy_read=yes` },
  { name: 'have your say error: nothing chosen', public: true, error: true, path: (s) => `/p/${s.round.slug}`, then: submitEmpty('Send my answers'), status: 422 },
  {
    name: 'have your say thank you',
    public: true,
    shows: 'Thank you for having your say',
    path: (s) => `/p/${s.round.slug}`,
    then: async (page) => {
      await page.getByRole('radio', { name: 'Yes, I agree' }).first().check();
      return h.submit(page, 'Send my answers');
    },
  },
  { name: 'have your say round page for stewards', shows: 'Share the round', shot: 'round', as: 'admin', path: (s) => s.round.path },
  { name: 'have your say results for stewards', shows: 'Ranked by the share who agree', shot: 'round-results', as: 'admin', path: (s) => `${s.round.path}/results` },
  { name: 'have your say comments to check', shows: 'Nobody else sees a comment', as: 'admin', path: (s) => `${s.round.path}/comments` },
  { name: 'coding queue', shot: 'coding-queue', as: 'admin', path: (s) => `/projects/${s.project}/coding/queue` },
  { name: 'safeguarding concerns with a flag to review', shows: 'To review', shot: 'safeguarding', as: 'admin', path: (s) => `/projects/${s.project}/safeguarding` },
  { name: 'safeguarding concerns filtered by status and age', shows: 'Apply filters', as: 'admin', path: (s) => `/projects/${s.project}/safeguarding?status=to_review&age=last_7d` },
  { name: 'safeguarding flag page', shows: 'The answer in context', shot: 'safeguarding-flag', as: 'admin', open: openFlag },
  {
    name: 'safeguarding review error: action taken without a note',
    as: 'admin',
    error: true,
    open: openFlag,
    then: async (page) => {
      await page.getByLabel('Concern — action taken').check();
      return h.submit(page, 'Save review');
    },
    status: 422,
  },
  { name: 'safeguarding settings', shows: 'Backup email address', as: 'admin', path: (s) => `/projects/${s.project}/safeguarding/settings` },
  {
    name: 'safeguarding settings error: review time not a number',
    as: 'admin',
    error: true,
    path: (s) => `/projects/${s.project}/safeguarding/settings`,
    then: async (page) => {
      await page.getByLabel('Review time, in hours').fill('a day');
      return h.submit(page, 'Save settings');
    },
    status: 422,
  },
  { name: 'project results (aggregates)', shot: 'project-results', as: 'admin', path: (s) => `/projects/${s.project}/results` },

  // Signed in: account and administration
  { name: 'notification settings', shot: 'notifications', as: 'admin', path: '/account/notifications' },
  { name: 'mail outbox (administrators)', shot: 'mail-outbox', as: 'admin', path: '/admin/mail' },
  { name: 'audit log (administrators)', shot: 'audit-log', as: 'admin', path: '/admin/audit', shows: 'Audit log' },
  { name: 'audit log error: a day that is not a date', as: 'admin', path: '/admin/audit?from=yesterday', status: 400, error: true, shows: 'Enter a date like' },
];

/** The public survey pages (children and families see these). */
export const publicPages = pageTypes.filter((e) => e.public);

/** Opens an entry's page in `page` and returns the response of the page that ends up shown. */
export async function openPage(page, entry) {
  const s = await surveys();
  const where = typeof entry.path === 'function' ? entry.path(s) : entry.path;
  let response = entry.open ? await entry.open(page, h, s) : await page.goto(h.url(where));
  if (entry.then) response = await entry.then(page, h, s);
  return response;
}

// An invitation to the "every type" survey, sent as an administrator; with no SMTP server the
// message lands as an .eml file in the data folder, where its two links are read. Addresses
// already invited are skipped, so a second test process finds the first one's message.
let invitationPromise;
function invitationLinks(s) {
  invitationPromise ??= (async () => {
    const ctx = await h.contextFor('admin');
    try {
      const page = await ctx.newPage();
      await page.goto(h.url(`/surveys/${s.types.id}/invitations`));
      await page.getByLabel('Email addresses').fill('invitee@example.org');
      await h.submit(page, 'Send invitations');
    } finally {
      await ctx.close();
    }
    const dir = path.join(process.env.CHORUS_DATA_DIR ?? '', 'outbox-files');
    for (let i = 0; i < 300; i++) {
      const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
      for (const f of files) {
        const text = readable(fs.readFileSync(path.join(dir, f), 'utf8'));
        const link = text.match(/\/i\/([A-Za-z0-9_-]+)/);
        const unsubscribe = text.match(/\/unsubscribe\/([A-Za-z0-9_-]+)/);
        if (link && unsubscribe) return { link: `/i/${link[1]}`, unsubscribe: `/unsubscribe/${unsubscribe[1]}` };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no invitation message in ${dir} after 30 s`);
  })();
  return invitationPromise;
}

/** A message's text with quoted-printable soft breaks and escapes undone and base64 parts decoded. */
function readable(eml) {
  const qp = eml.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, x) => String.fromCharCode(parseInt(x, 16)));
  const b64 = (eml.match(/(?:^[A-Za-z0-9+/=]{16,}\r?\n)+/gm) || [])
    .map((block) => Buffer.from(block.replace(/\s+/g, ''), 'base64').toString('utf8'))
    .join('\n');
  return `${qp}\n${b64}`;
}
