// Reflow at 320 CSS px (WCAG 1.4.10), target size (2.5.8) and 200% text (1.4.4) on every page type.
// Wide data tables sit in their own sideways-scrolling region (`table_region` in src/web/layout.rs),
// which 1.4.10 allows for two-dimensional content; the page itself must never scroll sideways.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import * as h from './helpers.mjs';
import { openPage, pageTypes, publicPages } from './pages.mjs';

after(h.closeBrowser);

async function onPage(entry, viewport, fn, options = {}) {
  const ctx = await h.contextFor(entry.as, { viewport, ...options });
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

describe('first screen: "Start now" is above the fold on a 375×667 phone', () => {
  for (const entry of pageTypes.filter((e) => e.firstScreen)) {
    test(`on the ${entry.name}`, () =>
      onPage(entry, { width: 375, height: 667 }, async (page) => {
        const start = page.getByRole('button', { name: 'Start now' });
        assert.equal(await start.count(), 1, 'one Start now button');
        const box = await start.boundingBox();
        assert.ok(box, 'Start now is shown');
        assert.ok(box.y + box.height <= 667, `Start now ends at ${Math.round(box.y + box.height)}px, below the first 667px`);
        const summary = page.locator('main details > summary');
        assert.equal(await summary.innerText(), 'What happens to my answers?');
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

// ---------------------------------------------------------------------------------------------
// The public survey pages children and families see, checked more strictly.

describe('200% text on public survey pages: no control or heading overlaps another', () => {
  for (const entry of publicPages) {
    test(`on the ${entry.name}`, () =>
      onPage(entry, { width: 1280, height: 800 }, async (page) => {
        await page.evaluate(() => {
          document.documentElement.style.fontSize = '200%';
        });
        const overlaps = await h.overlappingTargets(page);
        assert.deepEqual(overlaps, [], `${entry.name}: overlaps at 200% text:\n  ${overlaps.join('\n  ')}`);
      }));
  }
});

describe('at 320 CSS px, public survey pages have no overlapping controls either', () => {
  for (const entry of publicPages) {
    test(`on the ${entry.name}`, () =>
      onPage(entry, { width: 320, height: 640 }, async (page) => {
        const overlaps = await h.overlappingTargets(page);
        assert.deepEqual(overlaps, [], `${entry.name}: overlaps at 320px:\n  ${overlaps.join('\n  ')}`);
      }));
  }
});

describe('faces: every face is a target of at least 44×44 CSS px', () => {
  for (const entry of pageTypes.filter((e) => e.faces)) {
    for (const width of [320, 1280]) {
      test(`on the ${entry.name} at ${width}px`, () =>
        onPage(entry, { width, height: 800 }, async (page) => {
          const faces = await page.evaluate(() =>
            [...document.querySelectorAll('.faces .radio')].map((row) => {
              const input = row.querySelector('input').getBoundingClientRect();
              const label = row.querySelector('label');
              const box = row.getBoundingClientRect();
              return { label: label.textContent.trim(), input: [input.width, input.height], row: [box.width, box.height] };
            }),
          );
          assert.ok(faces.length >= 5, `${entry.name} shows the five faces: ${JSON.stringify(faces)}`);
          for (const f of faces) {
            assert.ok(f.input[0] >= 44 && f.input[1] >= 44, `the "${f.label}" radio is ${f.input.join('×')}, under 44×44`);
            assert.ok(f.row[0] >= 44 && f.row[1] >= 44, `the "${f.label}" row is ${f.row.join('×')}, under 44×44`);
          }
        }));
    }
  }
});

describe('error states say what is wrong in words, not by colour alone', () => {
  for (const entry of pageTypes.filter((e) => e.error)) {
    test(`on the ${entry.name}`, () =>
      onPage(entry, { width: 1280, height: 800 }, async (page) => {
        assert.match(await page.title(), /^Error: /, 'the title starts with "Error: "');
        const summary = page.locator('.error-summary');
        assert.equal(await summary.count(), 1, 'one error summary');
        assert.match(await summary.innerText(), /There is a problem/);
        const links = await summary.locator('a').allInnerTexts();
        assert.ok(links.length > 0, 'the summary links to each problem');
        const messages = await page.locator('.error-message').allTextContents();
        assert.equal(messages.length, links.length, `an inline message for every summary link: ${messages} / ${links}`);
        for (const [i, message] of messages.entries()) {
          const text = message.replace(/\s+/g, ' ').trim();
          assert.match(text, /^Error: \S/, `inline message ${i + 1} starts with "Error: " and says what is wrong`);
          assert.ok(links.includes(text.replace(/^Error: /, '')), `"${text}" is also in the summary`);
        }
        // Every field in error is described by its message (so screen readers hear it).
        const undescribed = await page.evaluate(() =>
          [...document.querySelectorAll('.error-message[id]')]
            .filter((m) => !document.querySelector(`[aria-describedby~="${m.id}"]`))
            .map((m) => m.id),
        );
        assert.deepEqual(undescribed, [], 'every inline error message is wired with aria-describedby');
      }));
  }
});

describe('prefers-reduced-motion: reduce — nothing animates or transitions on public survey pages', () => {
  for (const entry of publicPages) {
    test(`on the ${entry.name}`, () =>
      onPage(
        entry,
        { width: 1280, height: 800 },
        async (page) => {
          assert.equal(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), true);
          // Hover and focus are where transitions usually hide: move over and into the first control.
          const first = page.locator('main button:visible, main a:visible, main input:not([type=hidden]):visible').first();
          if ((await first.count()) > 0) await first.hover({ timeout: 5000 });
          const moving = await h.motion(page);
          assert.deepEqual(moving, [], `${entry.name}: still moving:\n  ${moving.join('\n  ')}`);
        },
        { reducedMotion: 'reduce' },
      ));
  }
});
