// Screenshots of the key pages at a phone's and a desktop's width, for people to look at
// (written to tests/browser/screenshots/, which git ignores).

import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';

import * as h from './helpers.mjs';

after(h.closeBrowser);

const DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'screenshots');

const shots = [
  { name: 'landing', path: '/' },
  { name: 'sign-in', path: '/sign-in' },
  { name: 'home', as: 'admin', path: '/home' },
  // ===========================================================================================
  // SURVEY SCREENSHOTS — add the children's questionnaire here when its pages exist, e.g.
  //   { name: 'children-questionnaire-intro', path: '/s/<slug>' },
  //   { name: 'children-questionnaire-question', path: '/s/<slug>/q/1' },
  // ===========================================================================================
];

for (const shot of shots) {
  for (const width of [320, 1280]) {
    test(`screenshot of ${shot.name} at ${width}px`, async () => {
      fs.mkdirSync(DIR, { recursive: true });
      const ctx = await h.contextFor(shot.as, { viewport: { width, height: 800 } });
      try {
        const page = await ctx.newPage();
        const response = await page.goto(h.url(shot.path));
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
