// THE table of page types the browser suite checks. Every entry is axe-checked (WCAG 2.2 A/AA, zero
// violations), and checked for reflow at 320 px, target size and 200% text (layout.test.mjs).
//
// An entry:
//   name    what the page is (the test name)
//   as      who looks at it: 'anonymous' (default), 'admin' or 'practitioner' (see helpers.mjs)
//   path    where to go, relative to the server; or
//   open    async (page, h) => Response — navigation steps, for pages you reach by a flow
//   then    async (page, h) => Response — steps after `path` (e.g. submit a form to see errors)
//   status  the HTTP status the page must answer with (default 200)
//
// To add a page type, add ONE line here. `h` is helpers.mjs (submit, invite, url, …).

import * as h from './helpers.mjs';

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
  { name: 'API tokens', as: 'admin', path: '/account/tokens' },
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
  // SURVEY PAGE TYPES — add one entry each as the pages land (none answer on this branch yet):
  //   intro, each question type (text, long text, single choice, multiple choice, scale/emoji,
  //   yes/no, number, date), each question's error state, check answers, confirmation, receipt,
  //   closed survey, resume, project, builder, preview, results.
  // For example:
  //   { name: 'survey intro', path: '/s/<demo slug>' },
  //   { name: 'question error: nothing chosen', path: '/s/<slug>/q/1', then: submitEmpty('Continue'), status: 422 },
  //   { name: 'project', as: 'admin', path: '/projects/1' },
  // ===========================================================================================
];

/** Opens an entry's page in `page` and returns the response of the page that ends up shown. */
export async function openPage(page, entry) {
  let response = entry.open ? await entry.open(page, h) : await page.goto(h.url(entry.path));
  if (entry.then) response = await entry.then(page, h);
  return response;
}
