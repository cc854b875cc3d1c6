// Reflow at 320 CSS px (WCAG 1.4.10), target size (2.5.8) and 200% text (1.4.4) on every page type.
// Wide data tables sit in their own sideways-scrolling region (`table_region` in src/web/layout.rs),
// which 1.4.10 allows for two-dimensional content; the page itself must never scroll sideways.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import * as h from './helpers.mjs';
import { openPage, pageTypes } from './pages.mjs';

after(h.closeBrowser);

async function onPage(entry, viewport, fn) {
  const ctx = await h.contextFor(entry.as, { viewport });
  try {
    const page = await ctx.newPage();
    const response = await openPage(page, entry);
    assert.equal(response.status(), entry.status ?? 200, `${entry.name} answers with its status`);
    return await fn(page);
  } finally {
    await ctx.close();
  }
}

test('the layout measurements catch a broken page (so a pass means something)', () =>
  onPage({ name: 'sign-in', path: '/sign-in' }, { width: 320, height: 640 }, async (page) => {
    await page.evaluate(() => {
      const tiny = document.createElement('button');
      tiny.textContent = 'x';
      Object.assign(tiny.style, { width: '12px', height: '12px', padding: '0', minHeight: '0' });
      const box = document.createElement('div');
      box.textContent = 'A sentence far too long for its fixed, clipped box';
      Object.assign(box.style, { width: '60px', overflow: 'hidden', whiteSpace: 'nowrap' });
      const wide = document.createElement('div');
      Object.assign(wide.style, { width: '600px', height: '10px' });
      document.querySelector('main').append(tiny, box, wide);
    });
    assert.deepEqual(await h.smallTargets(page), ['button "x" is 12.0×12.0']);
    assert.equal((await h.clippedElements(page)).length, 1);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) > 320);
  }));

describe('reflow: nothing scrolls sideways at 320 CSS px wide', () => {
  for (const entry of pageTypes) {
    test(`on the ${entry.name}`, () =>
      onPage(entry, { width: 320, height: 640 }, async (page) => {
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 320, `${entry.name} is ${width}px wide at 320px`);
      }));
  }
});

describe('target size: links, buttons and fields are at least 24×24 CSS px', () => {
  for (const entry of pageTypes) {
    for (const width of [320, 1280]) {
      test(`on the ${entry.name} at ${width}px`, () =>
        onPage(entry, { width, height: 800 }, async (page) => {
          const small = await h.smallTargets(page);
          assert.deepEqual(small, [], `${entry.name}: targets under 24×24:\n  ${small.join('\n  ')}`);
        }));
    }
  }
});

describe('200% text: nothing is cut off when the text is twice the size', () => {
  for (const entry of pageTypes) {
    test(`on the ${entry.name}`, () =>
      onPage(entry, { width: 1280, height: 800 }, async (page) => {
        // Like a browser's text-size setting: the root font size doubles and every rem follows.
        // (Setting a style through the CSSOM is allowed by the CSP; an injected <style> is not.)
        await page.evaluate(() => {
          document.documentElement.style.fontSize = '200%';
        });
        const clipped = await h.clippedElements(page);
        assert.deepEqual(clipped, [], `${entry.name}: text cut off at 200%:\n  ${clipped.join('\n  ')}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 1280, `${entry.name} scrolls sideways at 200% text: ${width}px wide`);
      }));
  }
});
