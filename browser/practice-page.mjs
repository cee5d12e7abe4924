#!/usr/bin/env node
// Drives the control plane's practice page in the system's headless Chromium and prints ONE JSON
// line with what the page showed. Used by the JUnit browser tests (control-plane, media-server).
//
//   node browser/practice-page.mjs '<json>'
//
// Arguments (JSON object; only "url" is required):
//   url               control plane base URL, e.g. "http://127.0.0.1:8080"
//   apiKey            the rep's API key; without it the run stops after loading the page
//   wrongKey          first sign in with this key and record the error the page shows
//   scenario          scenario id to pick (default: the first one listed)
//   microphone        "fake" (default: Chromium's fake device, fed from "wav" when given) or "deny"
//                     (the permission is refused, as when a rep blocks the microphone)
//   wav               WAV file the fake microphone plays (looped by Chromium)
//   connect           press Connect (default true when apiKey is given)
//   stayMs            how long to stay on the call once connected before pressing End call (default 10000)
//   waitFor           what to wait for after Connect: "connected" (default; not connecting is an error),
//                     "answered" (the media server's answer was applied; then the page follows the live
//                     transcript even before media flows), or "settled" (any outcome, errors included)
//   transcriptItems   then wait until the live transcript shows this many items (default 0)
//   transcriptTimeoutMs  how long to wait for them (default 15000)
//   connectTimeoutMs  how long to wait for the call to connect (default 20000)
//   afterEndMs        how long to keep the page open after End call, for the last transcript (default 3000)
//   openResult        after the call, open its result page and record what it shows (default false)
//   resultTimeoutMs   how long the result page may take to show a score (default 20000)
//   chromium          Chromium binary (default $SPARRING_CHROMIUM or /usr/bin/chromium)
//   headless          default true
//
// Result: {"ok":true, "title", "wrongKeyError", "scenarios":[{id,title}], "micError", "callError",
// "callId", "status", "statusHistory", "stats" (window.sparringStats), "transcript":[{seq,speaker,text}],
// "resultUrl", "result" (with openResult: {state, score, breakdown:[{kpi,display,score}], transcript:[...]}),
// "console":[...], "pageErrors":[...], "timings":{...}}.
// Exit codes: 0 the steps ran (assert on the result); 1 a step could not run (message on stderr and in
// the JSON line as {"ok":false,"error":...}); 2 bad arguments or a missing prerequisite.

import { existsSync } from 'node:fs';
import process from 'node:process';

const started = Date.now();

function finish(code, result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exitCode = code;
}

function fail(code, message, partial = {}) {
  process.stderr.write(`practice-page: ${message}\n`);
  finish(code, { ok: false, error: message, ...partial });
}

let args;
try {
  args = JSON.parse(process.argv[2] || '');
  if (!args || typeof args.url !== 'string') throw new Error('"url" (the control plane base URL) is required');
} catch (e) {
  fail(2, `usage: node practice-page.mjs '{"url":"http://127.0.0.1:8080","apiKey":"sk_..."}' (${e.message})`);
  process.exit();
}

const chromiumPath = args.chromium || process.env.SPARRING_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  fail(2, `Chromium not found at ${chromiumPath}: install it ('apt-get install chromium', as .ci/run does) `
    + 'or set SPARRING_CHROMIUM to its path');
  process.exit();
}
if (args.wav && !existsSync(args.wav)) {
  fail(2, `the fake-microphone WAV ${args.wav} does not exist`);
  process.exit();
}

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  fail(2, `the npm module playwright-core is missing (${e.code || e.message}): run 'npm ci --prefix browser' `
    + '(./sparring test does it for you)');
  process.exit();
}

const microphone = args.microphone || 'fake';
const connect = args.apiKey ? args.connect !== false : false;
const stayMs = args.stayMs ?? 10000;
const connectTimeoutMs = args.connectTimeoutMs ?? 20000;
const afterEndMs = args.afterEndMs ?? 3000;
const waitFor = args.waitFor || 'connected';

// Off the network (no component updates, no sync, no QUIC probing); the fake device stands in for a
// microphone; autoplay is allowed as a user's click would allow it.
const flags = [
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-quic', '--no-sandbox', '--disable-dev-shm-usage', '--autoplay-policy=no-user-gesture-required',
  '--use-fake-device-for-media-stream',
];
if (microphone === 'deny') {
  flags.push('--deny-permission-prompts');
} else {
  flags.push('--use-fake-ui-for-media-stream');
  if (args.wav) flags.push(`--use-file-for-fake-audio-capture=${args.wav}`);
}

const result = {
  ok: true, title: null, wrongKeyError: null, scenarios: [], micError: null, callError: null, callId: null,
  status: null, statusHistory: [], stats: null, transcript: [], resultUrl: null, console: [], pageErrors: [],
  timings: {},
};
const mark = (name) => { result.timings[name] = Date.now() - started; };

let browser;
try {
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, headless: args.headless !== false, args: flags });
  } catch (e) {
    throw new Error(`Chromium at ${chromiumPath} did not start: ${e.message.split('\n')[0]}`);
  }
  const context = await browser.newContext();
  const origin = new URL(args.url).origin;
  if (microphone !== 'deny') await context.grantPermissions(['microphone'], { origin });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') result.console.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => result.pageErrors.push(String(e)));

  const response = await page.goto(new URL('/practice', args.url).href, { waitUntil: 'load' });
  if (!response || !response.ok()) throw new Error(`GET /practice answered ${response ? response.status() : 'nothing'}`);
  result.title = await page.title();
  await page.locator('#sign-in:not([hidden])').waitFor({ timeout: 10000 });
  mark('pageLoaded');

  if (args.wrongKey) {
    await signIn(page, args.wrongKey);
    const error = page.locator('#sign-in-error');
    await error.filter({ hasText: /\S/ }).waitFor({ timeout: 10000 });
    result.wrongKeyError = (await error.textContent()).trim();
  }

  if (args.apiKey) {
    await signIn(page, args.apiKey);
    await page.locator('#practice:not([hidden])').waitFor({ timeout: 10000 });
    await page.locator('#scenarios li, #scenarios-loading:not([hidden])').first().waitFor({ timeout: 10000 });
    result.scenarios = await page.$$eval('#scenarios input[name=scenario]', (inputs) => inputs.map((i) => ({
      id: i.value, title: i.closest('label').querySelector('.title').textContent,
    })));
    mark('signedIn');
  }

  if (connect) {
    if (args.scenario) await page.check(`#scenarios input[value="${args.scenario}"]`);
    await page.click('#connect');
    mark('connectPressed');
    // The call settles when it is connected (or, for "answered", has its answer), when an error is
    // shown, or when it failed.
    await page.waitForFunction((answered) => {
      const s = window.sparringStats;
      const error = document.getElementById('call-error').textContent.trim();
      return error !== '' || (answered && s.startedAtEpochMs !== null)
        || (['connected', 'failed', 'ended', 'idle'].includes(s.status) && s.statusHistory.length > 0);
    }, waitFor === 'answered', { timeout: connectTimeoutMs, polling: 100 }).catch(() => {});
    mark('settled');
    result.callError = nonEmpty(await page.textContent('#call-error'));
    const { status, answered } = await page.evaluate(() => ({
      status: window.sparringStats.status, answered: window.sparringStats.startedAtEpochMs !== null,
    }));
    if (result.callError && microphone === 'deny') result.micError = result.callError;
    const proceed = status === 'connected' || (waitFor === 'answered' && answered && !result.callError);
    if (proceed && args.transcriptItems > 0) {
      await page.waitForFunction((n) => document.querySelectorAll('#transcript li').length >= n, args.transcriptItems,
        { timeout: args.transcriptTimeoutMs ?? 15000, polling: 100 })
        .catch(() => { throw new Error(`the live transcript did not show ${args.transcriptItems} items in time`); });
      mark('transcriptSeen');
    }
    if (proceed) {
      if (status === 'connected') await page.waitForTimeout(stayMs);
      if (await page.isEnabled('#end-call')) {
        await page.click('#end-call');
        mark('endPressed');
      }
      await page.locator('#result:not([hidden])').waitFor({ timeout: 10000 }).catch(() => {});
      await page.waitForTimeout(afterEndMs);
    } else if (waitFor !== 'settled' && !result.callError) {
      throw new Error(`the call did not ${waitFor === 'answered' ? 'get an answer' : 'connect'} within `
        + `${connectTimeoutMs} ms (status ${status})`);
    }
    Object.assign(result, await page.evaluate(() => ({
      callId: window.sparringStats.callId,
      status: window.sparringStats.status,
      statusHistory: window.sparringStats.statusHistory,
      stats: window.sparringStats,
      transcript: [...document.querySelectorAll('#transcript li')].map((li) => ({
        seq: Number(li.dataset.seq), speaker: li.dataset.speaker, text: li.textContent,
      })),
    })));
    const link = await page.$('#result:not([hidden]) a');
    if (link) result.resultUrl = new URL(await link.getAttribute('href'), args.url).href;
  }
  if (args.openResult && result.resultUrl) {
    await page.goto(result.resultUrl, { waitUntil: 'load' });
    await page.locator('#summary:not([hidden])').waitFor({ timeout: 10000 });
    await page.waitForFunction(() => /\/ 100/.test(document.getElementById('score').textContent), null,
      { timeout: args.resultTimeoutMs ?? 20000, polling: 200 }).catch(() => {});
    result.result = await page.evaluate(() => ({
      state: document.getElementById('state').textContent,
      score: document.getElementById('score').textContent,
      breakdown: [...document.querySelectorAll('#breakdown tbody tr')].map((tr) => ({
        kpi: tr.dataset.kpi, display: tr.cells[1].textContent, score: tr.cells[3].textContent,
      })),
      transcript: [...document.querySelectorAll('#transcript li')].map((li) => ({ speaker: li.dataset.speaker, text: li.textContent })),
    }));
    mark('resultShown');
  }
  mark('done');
  finish(0, result);
} catch (e) {
  fail(1, e.message.split('\n')[0], result);
} finally {
  if (browser) await browser.close().catch(() => {});
}

async function signIn(page, key) {
  await page.fill('#api-key', key);
  await page.click('#sign-in-button');
}

function nonEmpty(text) {
  const t = (text || '').trim();
  return t === '' ? null : t;
}
