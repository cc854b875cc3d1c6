// Screenshots of the key pages at a phone's and a desktop's width, for people to look at
// (written to tests/browser/screenshots/, which git ignores): the few below, and every page type
// in pages.mjs with a `shot` name.

import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';

import * as h from './helpers.mjs';
import { openPage, pageTypes } from './pages.mjs';

after(h.closeBrowser);

const DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'screenshots');

const shots = [
  { name: 'landing', path: '/' },
  { name: 'sign-in', path: '/sign-in' },
  { name: 'home', as: 'admin', path: '/home' },
  // The children's questionnaire (issue line 11). `path` may be a function of the shared surveys.
  { name: 'children-questionnaire-intro', path: (s) => `/s/${s.children.slug}` },
  { name: 'children-questionnaire-faces', path: (s) => `/s/${s.children.slug}/q/1` },
  // (The easy-read runner pages are in pages.mjs; the builder's preview is here for comparison.)
  { name: 'preview-easy-read', as: 'admin', path: (s) => `/surveys/${s.children.id}/preview?easy_read=yes` },
];

const all = [
  ...shots,
  ...pageTypes.filter((e) => e.shot).map((e) => ({ ...e, name: e.shot, status: e.status ?? 200 })),
];

for (const shot of all) {
  for (const width of [320, 1280]) {
    test(`screenshot of ${shot.name} at ${width}px`, async () => {
      fs.mkdirSync(DIR, { recursive: true });
      const ctx = await h.contextFor(shot.as, { viewport: { width, height: 800 } });
      try {
        const page = await ctx.newPage();
        const response = await openPage(page, shot);
        assert.equal(response.status(), shot.status ?? 200);
        const file = path.join(DIR, `${shot.name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(fs.statSync(file).size > 1000, `${file} was written`);
      } finally {
        await ctx.close();
      }
    });
  }
}
