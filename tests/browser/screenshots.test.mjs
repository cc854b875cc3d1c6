// Screenshots of the key pages at a phone's and a desktop's width, for people to look at
// (written to tests/browser/screenshots/, which git ignores).

import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';

import * as h from './helpers.mjs';
import { surveys } from './surveys.mjs';

after(h.closeBrowser);

const DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'screenshots');

const shots = [
  { name: 'landing', path: '/' },
  { name: 'sign-in', path: '/sign-in' },
  { name: 'home', as: 'admin', path: '/home' },
  // The children's questionnaire (issue line 11). `path` may be a function of the shared surveys.
  { name: 'children-questionnaire-intro', path: (s) => `/s/${s.children.slug}` },
  { name: 'children-questionnaire-faces', path: (s) => `/s/${s.children.slug}/q/1` },
  // TODO(easy read): when the runner has an easy-read switch, add its pages here, e.g.
  //   { name: 'children-questionnaire-intro-easy-read', path: (s) => `/s/${s.children.slug}?easy_read=yes` },
  //   { name: 'children-questionnaire-faces-easy-read', path: (s) => `/s/${s.children.slug}/q/1?easy_read=yes` },
  // (The builder's preview already has one; it is screenshotted here for comparison.)
  { name: 'preview-easy-read', as: 'admin', path: (s) => `/surveys/${s.children.id}/preview?easy_read=yes` },
];

for (const shot of shots) {
  for (const width of [320, 1280]) {
    test(`screenshot of ${shot.name} at ${width}px`, async () => {
      fs.mkdirSync(DIR, { recursive: true });
      const ctx = await h.contextFor(shot.as, { viewport: { width, height: 800 } });
      try {
        const page = await ctx.newPage();
        const where = typeof shot.path === 'function' ? shot.path(await surveys()) : shot.path;
        const response = await page.goto(h.url(where));
        assert.equal(response.status(), 200);
        const file = path.join(DIR, `${shot.name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(fs.statSync(file).size > 1000, `${file} was written`);
      } finally {
        await ctx.close();
      }
    });
  }
}
