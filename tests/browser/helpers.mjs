// Shared parts of the browser suite: launching Debian's Chromium, the people the tests sign in as,
// axe-core and the small layout measurements the tests make.
//
// Every test file runs in its own process (node's test runner), so each launches Chromium once and
// shares it between its tests. The first administrator is created once per server through the
// one-time setup link; processes coordinate through a small state folder (CHORUS_BROWSER_STATE,
// made by run.sh) so any file can run first, or alone.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

/** Where the real server listens, e.g. http://127.0.0.1:41234 (no trailing slash). */
export const BASE_URL = need('BASE_URL').replace(/\/+$/, '');
/** The one-time setup link the server printed on start. */
export const SETUP_LINK = need('SETUP_LINK');
/** Every account the suite creates uses this password. */
export const PASSWORD = 'correct horse battery staple';
/** The first administrator, created through the setup link. */
export const ADMIN = { name: 'Ada Admin', email: 'ada.admin@example.org', password: PASSWORD };

/** A folder shared by every test process of one run (see run.sh). */
export const STATE_DIR =
  process.env.CHORUS_BROWSER_STATE ||
  path.join(os.tmpdir(), `chorus-browser-${new URL(BASE_URL).port}`);
fs.mkdirSync(STATE_DIR, { recursive: true });

function need(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the suite with "bash tests/browser/run.sh"`);
  }
  return value;
}

/** The full URL of a path on the server under test. */
export function url(pathname) {
  return BASE_URL + pathname;
}

// ---------------------------------------------------------------------------------------------
// The browser

let browserPromise;

/**
 * Debian's Chromium, launched once per test file. `chromium.launch` always starts the browser with
 * a fresh temporary --user-data-dir of its own and deletes it on close (Playwright refuses the flag
 * in `args` and asks for launchPersistentContext instead, which allows only one context; the tests
 * need several: anonymous, administrator, practitioner).
 */
export function browser() {
  browserPromise ??= chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return browserPromise;
}

/** Closes the browser (call from an `after` hook). */
export async function closeBrowser() {
  if (browserPromise) {
    const b = await browserPromise;
    browserPromise = undefined;
    await b.close();
  }
}

const storage = new Map();

/**
 * A new browser context (its own cookies) for `who`: 'anonymous', 'admin' or 'practitioner'.
 * Signed-in contexts reuse one sign-in per process.
 */
export async function contextFor(who = 'anonymous', options = {}) {
  const b = await browser();
  const base = { viewport: { width: 1280, height: 900 }, ...options };
  if (who === 'anonymous') return b.newContext(base);
  if (!storage.has(who)) {
    const account = who === 'admin' ? await ensureAdmin() : await ensurePractitioner();
    const ctx = await b.newContext(base);
    const page = await ctx.newPage();
    await signIn(page, account);
    storage.set(who, await ctx.storageState());
    await ctx.close();
  }
  return b.newContext({ ...base, storageState: storage.get(who) });
}

/** Signs in through the sign-in form and waits for the home page. */
export async function signIn(page, { email, password }) {
  await page.goto(url('/sign-in'));
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([
    page.waitForURL(url('/home')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

/** Clicks a submit button by its accessible name and returns the response of the resulting page. */
export async function submit(page, buttonName) {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: buttonName, exact: true }).click(),
  ]);
  return response;
}

// ---------------------------------------------------------------------------------------------
// People the tests sign in as

/** Runs `fn` while holding a lock shared by every test process of the run. */
export async function withLock(name, fn) {
  const lock = path.join(STATE_DIR, `${name}.lock`);
  for (let i = 0; ; i++) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST' || i > 600) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

let adminPromise;

/**
 * Creates the first administrator through the one-time setup link, once per server. Before using
 * the link it runs axe on the unused setup page and on its error state (the link cannot be seen
 * again afterwards); those results are kept for the setup tests, see `setupPageResults`.
 */
export function ensureAdmin() {
  adminPromise ??= withLock('admin', async () => {
    const done = path.join(STATE_DIR, 'setup-results.json');
    if (fs.existsSync(done)) return ADMIN;
    const ctx = await contextFor('anonymous');
    try {
      const page = await ctx.newPage();
      const results = {};
      const first = await page.goto(SETUP_LINK);
      results.setup = { status: first.status(), violations: await axeViolations(page) };
      const error = await submit(page, 'Create account');
      results.setupError = { status: error.status(), violations: await axeViolations(page) };
      await page.getByLabel('Your name').fill(ADMIN.name);
      await page.getByLabel('Email address').fill(ADMIN.email);
      await page.getByLabel('Create a password').fill(ADMIN.password);
      const created = await submit(page, 'Create account');
      if (new URL(created.url()).pathname !== '/home') {
        throw new Error(`setup did not reach /home: ${created.status()} ${created.url()}`);
      }
      fs.writeFileSync(done, JSON.stringify(results));
      return ADMIN;
    } finally {
      await ctx.close();
    }
  });
  return adminPromise;
}

/** The axe results recorded on the setup page before it was used: `{setup, setupError}`. */
export async function setupPageResults() {
  await ensureAdmin();
  return JSON.parse(fs.readFileSync(path.join(STATE_DIR, 'setup-results.json'), 'utf8'));
}

let inviteCount = 0;

/**
 * An administrator invites someone through the People page; returns the invitation link the page
 * shows and the invited person's details.
 */
export async function invite(role = 'Practitioner') {
  inviteCount += 1;
  const who = {
    name: `${role} ${process.pid} ${inviteCount}`,
    email: `${role.toLowerCase()}-${process.pid}-${inviteCount}@example.org`,
    password: PASSWORD,
  };
  const ctx = await contextFor('admin');
  try {
    const page = await ctx.newPage();
    await page.goto(url('/admin/stewards'));
    await page.getByLabel('Name', { exact: true }).fill(who.name);
    await page.getByLabel('Email address').fill(who.email);
    await page.getByRole('radio', { name: role, exact: true }).check();
    const response = await submit(page, 'Invite');
    if (response.status() !== 201) throw new Error(`invite answered ${response.status()}`);
    const link = (await page.locator('.panel-notice code').textContent()).trim();
    return { ...who, link };
  } finally {
    await ctx.close();
  }
}

let practitionerPromise;

/** A practitioner created through the admin's invitation flow in the UI (once per process). */
export function ensurePractitioner() {
  practitionerPromise ??= (async () => {
    const who = await invite('Practitioner');
    const ctx = await contextFor('anonymous');
    try {
      const page = await ctx.newPage();
      await page.goto(who.link);
      await page.getByLabel('Create a password').fill(who.password);
      const response = await submit(page, 'Create password and sign in');
      if (new URL(response.url()).pathname !== '/home') {
        throw new Error(`accepting the invitation did not reach /home: ${response.url()}`);
      }
      return who;
    } finally {
      await ctx.close();
    }
  })();
  return practitionerPromise;
}

// ---------------------------------------------------------------------------------------------
// axe-core

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.0, 2.1 and 2.2 level A and AA rules. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe on the page and returns its violations.
 *
 * Chorus's Content-Security-Policy has `script-src 'self'`, so `page.addScriptTag({content})`
 * (an inline <script>) is refused by the page, exactly as CSP intends (tried: Chromium reports
 * "Executing inline script violates … 'script-src 'self''"). `page.evaluate(source)`
 * runs the source through the DevTools protocol (Runtime.evaluate) in the page's main world, which
 * CSP does not govern, so axe loads without weakening the policy under test (`bypassCSP: true`
 * would switch the page's CSP off for the whole context, hiding CSP breakage from these tests).
 */
export async function axeViolations(page) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/** A readable list of axe violations, one per rule. */
export function formatViolations(name, violations) {
  const lines = violations.map(
    (v) =>
      `  - ${v.id} (${v.impact}): ${v.help}\n      on ${v.targets.join('\n         ')}\n      see ${v.helpUrl}`,
  );
  return `${name}: ${violations.length} accessibility violation(s)\n${lines.join('\n')}`;
}

/** Fails with a readable list when axe finds any WCAG 2.2 A/AA violation on the page. */
export async function checkAxe(page, name) {
  const violations = await axeViolations(page);
  if (violations.length > 0) throw new Error(formatViolations(name, violations));
}

// ---------------------------------------------------------------------------------------------
// Measurements made inside the page

/** How the focused element shows focus: outline style and width, box-shadow, and what it is. */
export function focusStyle(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    return {
      element: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${
        el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : ''
      } "${(el.textContent || el.getAttribute('name') || '').trim().slice(0, 40)}"`,
      id: el.id,
      className: String(el.className),
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') || '',
      name: el.getAttribute('name') || '',
      value: el.value ?? '',
      checked: Boolean(el.checked),
      text: (el.textContent || '').trim(),
      outlineStyle: s.outlineStyle,
      outlineWidth: parseFloat(s.outlineWidth) || 0,
      boxShadow: s.boxShadow,
    };
  });
}

/** Whether a focus style counts as a visible indicator (outline ≥ 2px, or a box-shadow). */
export function hasVisibleFocus(style) {
  return (
    (style.outlineStyle !== 'none' && style.outlineWidth >= 2) ||
    (style.boxShadow !== '' && style.boxShadow !== 'none')
  );
}

/**
 * Visible links, buttons and form controls smaller than 24×24 CSS px. Links inside running text
 * (a `p` or `li`) are exempt under WCAG 2.2's inline exception (2.5.8).
 */
export function smallTargets(page) {
  return page.evaluate(() => {
    const small = [];
    for (const el of document.querySelectorAll('a, button, input, select, textarea')) {
      if (el.matches('input[type=hidden]')) continue;
      if (el.matches('a') && el.closest('p, li')) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.display === 'none') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      // Off-screen until focused (the skip link): not a visible target.
      if (r.right <= 0 || r.bottom <= 0) continue;
      if (r.width < 24 || r.height < 24) {
        const text = (el.textContent || el.getAttribute('name') || '').trim().slice(0, 40);
        small.push(`${el.tagName.toLowerCase()} "${text}" is ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
      }
    }
    return small;
  });
}

/**
 * Elements that cut their own text off: overflow not `visible` and content wider or taller than
 * the box. Form controls (which scroll their value by design), visually-hidden text and off-screen
 * aria-hidden content are left out.
 */
export function clippedElements(page) {
  return page.evaluate(() => {
    const clipped = [];
    for (const el of document.body.querySelectorAll('*')) {
      // Also left out: content hidden from everyone on purpose (aria-hidden and off-screen, like
      // the spam-catching honeypot field on public forms).
      if (el.matches('input, select, textarea, .visually-hidden, .visually-hidden *')) continue;
      if (el.closest('[aria-hidden="true"]') && el.getBoundingClientRect().right <= 0) continue;
      const s = getComputedStyle(el);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      // Scrollable containers (overflow auto/scroll) keep their content reachable.
      const hidesX = s.overflowX === 'hidden' || s.overflowX === 'clip';
      const hidesY = s.overflowY === 'hidden' || s.overflowY === 'clip';
      if ((hidesX && el.scrollWidth > el.clientWidth + 1) || (hidesY && el.scrollHeight > el.clientHeight + 1)) {
        clipped.push(
          `${el.tagName.toLowerCase()}.${String(el.className)} "${(el.textContent || '').trim().slice(0, 40)}"`,
        );
      }
    }
    return clipped;
  });
}

/**
 * Pairs of visible controls and labels whose boxes overlap (more than 1 px each way), such as
 * text pushed over a button at 200% text. An element and its own descendants are never a pair.
 */
export function overlappingTargets(page) {
  return page.evaluate(() => {
    const items = [];
    for (const el of document.querySelectorAll('main a, main button, main input, main select, main textarea, main label, main legend, main h1, main h2')) {
      if (el.matches('input[type=hidden], .visually-hidden, .visually-hidden *, .honeypot *')) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.display === 'none') continue;
      for (const r of el.getClientRects()) {
        if (r.width > 0 && r.height > 0) items.push({ el, r });
      }
    }
    const describe = (el) => `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('name') || '').trim().slice(0, 30)}"`;
    const found = [];
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i];
        const b = items[j];
        if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (x > 1 && y > 1) found.push(`${describe(a.el)} overlaps ${describe(b.el)}`);
      }
    }
    return [...new Set(found)];
  });
}

/** Running animations and elements with a transition or animation still set. */
export function motion(page) {
  return page.evaluate(() => {
    const moving = document.getAnimations().map((a) => `animation ${a.animationName || a.constructor.name}`);
    for (const el of document.querySelectorAll('*')) {
      for (const pseudo of [null, '::before', '::after']) {
        const s = getComputedStyle(el, pseudo);
        const lasts = (v) => v.split(',').some((d) => parseFloat(d) > 0);
        if (lasts(s.transitionDuration) || (s.animationName !== 'none' && lasts(s.animationDuration))) {
          moving.push(`${el.tagName.toLowerCase()}${pseudo ?? ''}.${String(el.className)}: transition ${s.transitionDuration}, animation ${s.animationName} ${s.animationDuration}`);
        }
      }
    }
    return moving;
  });
}

/** The text an element's `aria-describedby` points at, whitespace collapsed ('' when none). */
export function description(locator) {
  return locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') || '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => {
        const target = document.getElementById(id);
        if (!target) throw new Error(`aria-describedby names #${id}, which is not on the page`);
        return target.textContent;
      })
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}
