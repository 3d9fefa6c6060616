// Opens `smslint report --format html` in real headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core; no browser is downloaded) and checks what a reader sees: the heat
// map and tables are there, clicking a header re-orders rows, document strings that look like
// markup stay text and never run, the page works without scripts and prints to PDF.
//
// Run by .ci/run after `cargo build`: `cd tests/browser && npm ci && node --test`.
// SMSLINT_BIN overrides the binary, CHROMIUM the browser; UPDATE_SCREENSHOT=1 refreshes
// docs/report.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.SMSLINT_BIN || join(repo, 'target', 'debug', 'smslint');
const out = mkdtempSync(join(tmpdir(), 'smslint-browser-'));
const shots = join(repo, 'target', 'browser');
mkdirSync(shots, { recursive: true });

function report(fixture, format = 'html') {
  const file = join(out, `${fixture.replaceAll('/', '-')}.${format}`);
  execFileSync(bin, ['report', join(repo, 'fixtures', fixture), '--today', '2026-06-30', '--format', format, '-o', file]);
  return file;
}

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // As root Chromium needs --no-sandbox; the rest keep it off the (closed) network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-default-apps'],
  });
});
after(async () => { await browser?.close(); });

/** A page that records errors and any request that leaves the file. */
async function open(file, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1400 }, ...options });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  await page.goto(pathToFileURL(file).href);
  return { page, context, problems, requests };
}

const firstColumn = (page, table) =>
  page.$$eval(`#${table} tbody tr`, (rows) => rows.map((r) => r.cells[0].textContent.trim()));
const column = (page, table, i) =>
  page.$$eval(`#${table} tbody tr`, (rows, i) => rows.map((r) => r.cells[i].textContent.trim()), i);

test('the acme report shows the heat map and tables, sorts on click, prints, and is screenshotted', async () => {
  const json = JSON.parse(execFileSync(bin, ['report', join(repo, 'fixtures', 'acme-sms'), '--today', '2026-06-30', '--format', 'json']));
  const { page, context, problems, requests } = await open(report('acme-sms'));

  assert.equal(await page.title(), 'Gap analysis: acme-sms');
  assert.equal(await page.locator('#heatmap a.tile').count(), json.clauses.length, 'one tile per clause');
  assert.equal(await page.locator('#due-chart g.bar').count(), 13, 'overdue + 12 months');
  for (const t of ['family-table', 'clause-table', 'requirement-table', 'review-table', 'document-table']) {
    assert.ok(await page.locator(`#${t} tbody tr`).count() > 0, `${t} has rows`);
  }
  assert.equal(await page.locator('#clause-table tbody tr').count(), json.clauses.length);

  // Clicking "Title" sorts the clause table by title; clicking again reverses it.
  const before = await column(page, 'clause-table', 1);
  const ids = await firstColumn(page, 'clause-table');
  await page.click('#clause-table thead th:nth-child(2)');
  const asc = await column(page, 'clause-table', 1);
  assert.notDeepEqual(asc, before, 'row order changed');
  assert.deepEqual(asc, [...before].sort((a, b) => a.localeCompare(b)));
  assert.equal(await page.getAttribute('#clause-table thead th:nth-child(2)', 'aria-sort'), 'ascending');
  await page.click('#clause-table thead th:nth-child(2)');
  assert.deepEqual(await column(page, 'clause-table', 1), [...asc].reverse());
  // Clause numbers sort numerically (8.10 after 8.9), via their data-sort key.
  await page.click('#clause-table thead th:nth-child(1)');
  assert.deepEqual(await firstColumn(page, 'clause-table'), ids);

  // Numbers sort as numbers in the review table.
  await page.click('#review-table thead th:nth-child(5)');
  const days = (await column(page, 'review-table', 4)).map(Number);
  assert.deepEqual(days, [...days].sort((a, b) => a - b));

  await page.reload();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, 'report.png') });
  if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(join(shots, 'report.png'), join(repo, 'docs', 'report.png'));
  const pdf = join(out, 'report.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  assert.ok(statSync(pdf).size > 10000, 'prints to a PDF');

  assert.deepEqual(problems, [], 'no console error (a CSP hash mismatch would show here)');
  assert.deepEqual(requests, [], 'self-contained: no request leaves the file');
  await context.close();
});

test('markup in document strings is shown as text and never runs', async () => {
  const { page, context, problems } = await open(report('report/script-title'));
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'injected script did not run');
  assert.equal(await page.evaluate(() => document.scripts.length), 1, 'only the sort script');
  assert.equal(await page.locator('img').count(), 0, 'no injected element');
  const text = await page.locator('#document-table').innerText();
  assert.ok(text.includes('<script>window.__pwned = true</script> Policy'), text);
  assert.ok(text.includes('<img src=x onerror="window.__pwned=true">'), text);
  await page.click('#document-table thead th:nth-child(2)');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.screenshot({ path: join(shots, 'report-script-title.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('without JavaScript the report is complete and in clause order', async () => {
  const { page, context } = await open(report('acme-sms'), { javaScriptEnabled: false });
  const ids = await firstColumn(page, 'clause-table');
  assert.equal(ids[0], '4');
  assert.ok(ids.indexOf('8.2') < ids.indexOf('8.10') || !ids.includes('8.10'));
  assert.ok(await page.locator('#heatmap a.tile').count() > 0);
  await page.click('#clause-table thead th:nth-child(2)');
  assert.deepEqual(await firstColumn(page, 'clause-table'), ids, 'headers are inert without scripts');
  await context.close();
});
