// Drives code-server (with the glossa extension installed from its .vsix) in
// headless Chromium: hover, diagnostics, a hover link, the status bar and
// "Glossa: Ask the Glossary". Run by vscode_test.sh.
// Env: CS_URL, WS (the workspace folder), ARTIFACTS (screenshots go there).
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');

const URL_ = process.env.CS_URL;
const WS = process.env.WS;
const ARTIFACTS = process.env.ARTIFACTS;
const t0 = Date.now();
const ok = (m) => console.log(`ok: ${m} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

class Failure extends Error {}
function check(cond, msg) {
  if (!cond) throw new Failure(msg);
}

// 1-based line of the [[term]] header of an entry in the workspace's glossary.
function headerLine(id) {
  const lines = fs.readFileSync(path.join(WS, 'glossary/terms.toml'), 'utf8').split('\n');
  let header = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '[[term]]') header = i + 1;
    if (lines[i] === `id = "${id}"`) return header;
  }
  throw new Failure(`fixture has no entry ${id}`);
}

// The screen box of the first occurrence of `word` in the visible editor.
async function wordBox(page, word) {
  return page.evaluate((w) => {
    for (const line of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent.indexOf(w);
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + w.length);
          const r = range.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }
      }
    }
    return null;
  }, word);
}

// Hovers `word` until the hover shows `expect`; returns the hover's text.
async function hoverText(page, word, expect) {
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content');
  let text = '';
  for (let i = 0; i < 4 && !text.includes(expect); i++) {
    const box = await wordBox(page, word);
    check(box, `"${word}" is not on screen`);
    await page.mouse.move(0, 0);
    await page.mouse.move(box.x + 1, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    try {
      await hover.filter({ hasText: expect }).first().waitFor({ timeout: 8000 });
    } catch {
      // not yet: the server may still be loading; move away and try again
    }
    text = (await hover.allInnerTexts().catch(() => [])).join('\n');
  }
  return text;
}

// Waits until terms.toml is the active editor with the cursor on `line` (1-based).
async function cursorOnLine(page, line) {
  try {
    await page.locator('.tabs-container .tab.active', { hasText: 'terms.toml' }).waitFor({ timeout: 15000 });
    await page.waitForFunction(
      (l) => [...document.querySelectorAll('.statusbar-item')].some((e) => e.innerText.includes(`Ln ${l},`)),
      line, { timeout: 10000 },
    );
    return true;
  } catch {
    return false;
  }
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let code = 1;
  try {
    await page.goto(`${URL_}/?folder=${encodeURIComponent(WS)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForSelector('.explorer-folders-view', { timeout: 60000 });
    ok('workbench loaded');

    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type('doc.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'doc.md' }).first().waitFor({ timeout: 20000 });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-line', { hasText: 'permanent establishment' }).first().waitFor({ timeout: 30000 });
    ok('opened doc.md');

    // Diagnostics: squiggles appear once the server has linted the document.
    await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 60000 });
    const acronymHover = await hoverText(page, 'FBAR', 'FBAR is never defined');
    check(acronymHover.includes('FBAR is never defined'), `hover on FBAR shows no diagnostic: ${JSON.stringify(acronymHover)}`);
    check(acronymHover.includes('undefined-acronym'), `the diagnostic names no rule: ${JSON.stringify(acronymHover)}`);
    ok('undefined-acronym squiggle on FBAR');

    // The user's setting "glossa.rules.deprecated-term": "error" reached the server.
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 20000 });
    const deprecatedHover = await hoverText(page, 'currency', 'deprecated-term');
    check(deprecatedHover.includes('Crypto-Asset'), `hover on the deprecated term: ${JSON.stringify(deprecatedHover)}`);
    ok('deprecated-term is an error, as the settings say');

    // The status bar counts the glossary's entries and the errors.
    const status = page.locator('.statusbar-item', { hasText: /\d+ terms/ }).first();
    await status.waitFor({ timeout: 20000 });
    await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')]
      .some((e) => /\d+ terms\s+1$/.test(e.innerText.trim())), null, { timeout: 10000 }).catch(() => {});
    const statusText = (await status.innerText()).trim().replace(/\s+/g, ' ');
    check(/^5 terms 1$/.test(statusText), `status bar says ${JSON.stringify(statusText)}, not 5 terms and 1 error`);
    ok(`status bar: ${statusText}`);

    // Hover on a term: its definition.
    const definition = 'fixed place of business';
    const text = await hoverText(page, 'establishment', definition);
    // Let the hover's fade-in finish so that the screenshot shows it as people see it.
    await page.evaluate(() => Promise.all(document.getAnimations()
      .filter((a) => a.effect && a.effect.target && a.effect.target.closest && a.effect.target.closest('.monaco-hover'))
      .map((a) => a.finished)));
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-hover.png') });
    // The editor and the hover alone, for the extension's README.
    const editorBox = await page.locator('.monaco-editor .view-lines').first().boundingBox();
    const hoverBox = await page.locator('.monaco-hover:not(.hidden)').first().boundingBox();
    if (editorBox && hoverBox) {
      const x = Math.max(0, editorBox.x - 70);
      const y = Math.max(0, editorBox.y - 30);
      await page.screenshot({
        path: path.join(ARTIFACTS, 'vscode-readme.png'),
        clip: { x, y, width: hoverBox.x + hoverBox.width + 40 - x, height: Math.max(hoverBox.y + hoverBox.height, editorBox.y + 200) + 30 - y },
      });
    }
    check(text.includes('Permanent Establishment') && text.includes(definition), `hover text: ${JSON.stringify(text)}`);
    ok('hover shows the definition of Permanent Establishment');

    // Its Related link opens the related entry in the glossary file.
    const link = page.locator('.monaco-hover:not(.hidden) a', { hasText: 'Tax Treaty' }).first();
    await link.click();
    const tab = page.locator('.tabs-container .tab.active', { hasText: 'terms.toml' });
    await tab.waitFor({ timeout: 15000 });
    const want = headerLine('tax-treaty');
    check(await cursorOnLine(page, want), `the link did not open terms.toml at line ${want}`);
    ok(`hover link opened terms.toml at line ${want}`);

    // Glossa: Ask the Glossary, from the command palette.
    await runCommand(page, 'Glossa: Ask the Glossary');
    const box = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'Ask the Glossary' }).waitFor({ state: 'visible', timeout: 10000 });
    await box.fill('what is a permanent establishment?');
    await page.keyboard.press('Enter');
    const answer = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('#answer');
    await answer.filter({ hasText: definition }).waitFor({ timeout: 20000 });
    const answerText = await answer.innerText();
    const entries = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('#entries a.term');
    check((await entries.allInnerTexts()).includes('Permanent Establishment'), 'the answer lists no entry');
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-ask.png') });
    check(answerText.includes('Permanent Establishment'), `answer: ${JSON.stringify(answerText)}`);
    ok('"Glossa: Ask the Glossary" answered in the side panel');

    // An entry the answer cites opens in the glossary file.
    await entries.filter({ hasText: 'Permanent Establishment' }).first().click();
    const entryLine = headerLine('permanent-establishment');
    check(await cursorOnLine(page, entryLine), `the cited entry did not open at line ${entryLine}`);
    ok(`the cited entry opened terms.toml at line ${entryLine}`);

    // Glossa: Show Term Definition, for the term under the cursor.
    await page.locator('.tabs-container .tab', { hasText: 'doc.md' }).first().click();
    await page.locator('.monaco-editor .view-line', { hasText: 'tax treaties' }).first().waitFor();
    const treaties = await wordBox(page, 'treaties');
    check(treaties, '"treaties" is not on screen');
    await page.mouse.click(treaties.x + 3, treaties.y + treaties.height / 2);
    await runCommand(page, 'Glossa: Show Term Definition');
    const shown = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('#answer');
    await shown.filter({ hasText: 'which of them may tax a given income' }).waitFor({ timeout: 20000 });
    ok('"Glossa: Show Term Definition" showed Tax Treaty');

    // Its "Referenced by" link opens the referring entry.
    await shown.locator('a', { hasText: 'Common Reporting Standard' }).first().click();
    const crsLine = headerLine('common-reporting-standard');
    check(await cursorOnLine(page, crsLine), `the panel's link did not open terms.toml at line ${crsLine}`);
    ok(`the panel's entry link opened terms.toml at line ${crsLine}`);

    // The quick fix "Add FBAR to the glossary", saved: the glossary grows by
    // one entry and FBAR is no longer undefined.
    await page.locator('.tabs-container .tab', { hasText: 'doc.md' }).first().click();
    const fbar = await wordBox(page, 'FBAR');
    check(fbar, '"FBAR" is not on screen');
    await page.mouse.click(fbar.x + 3, fbar.y + fbar.height / 2);
    await page.keyboard.press('Control+.');
    // The menu takes keys, not clicks: move down to the fix, then Enter.
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Add FBAR to the glossary' }).first()
      .waitFor({ timeout: 15000 });
    const focused = page.locator('.action-widget .monaco-list-row.focused');
    for (let i = 0; i < 8 && (await focused.getAttribute('aria-label')) !== 'Add FBAR to the glossary'; i++) {
      await page.keyboard.press('ArrowDown');
    }
    check((await focused.getAttribute('aria-label')) === 'Add FBAR to the glossary', 'cannot select the fix');
    await page.keyboard.press('Enter');
    await runCommand(page, 'File: Save All');
    await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')]
      .some((e) => /\b6 terms\b/.test(e.innerText)), null, { timeout: 20000 }).catch(() => {});
    const grown = (await page.locator('.statusbar-item', { hasText: /\d+ terms/ }).first().innerText()).replace(/\s+/g, ' ');
    check(/\b6 terms\b/.test(grown), `after adding FBAR the status bar says ${JSON.stringify(grown)}`);
    check(fs.readFileSync(path.join(WS, 'glossary/terms.toml'), 'utf8').includes('FBAR'), 'terms.toml on disk has no FBAR');
    await page.locator('.tabs-container .tab', { hasText: 'doc.md' }).first().click();
    // FBAR's warning was the only one in doc.md: its squiggle goes once the
    // server has linted the document against the new glossary.
    const gone = await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .squiggly-warning').length === 0,
      null, { timeout: 20000 }).then(() => true, () => false);
    check(gone, 'FBAR is still reported as undefined after it was added to the glossary');
    const fbarHover = await hoverText(page, 'FBAR', 'FBAR');
    check(!fbarHover.includes('never defined'), `FBAR hover after the fix: ${JSON.stringify(fbarHover)}`);
    ok('quick fix "Add FBAR to the glossary" + save: 6 terms, FBAR defined');

    // A server path that points nowhere: a notification says what to fix.
    // (In the workspace's settings: code-server watches the workspace's files.)
    fs.mkdirSync(path.join(WS, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(WS, '.vscode/settings.json'), JSON.stringify({ 'glossa.server.path': '/nonexistent/glossa' }));
    const toast = page.locator('.notification-toast', { hasText: 'glossa.server.path is set to "/nonexistent/glossa"' });
    await toast.first().waitFor({ timeout: 20000 });
    check(await toast.locator('a, .monaco-button', { hasText: 'Set glossa.server.path' }).count() > 0,
      'the notification offers no way to fix the setting');
    await page.locator('.statusbar-item', { hasText: 'glossa' }).first().waitFor({ timeout: 5000 });
    ok('a wrong glossa.server.path gives a notification with a fix');

    code = 0;
  } catch (e) {
    console.error(`FAIL: ${e instanceof Failure ? e.message : e.stack}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-failure.png') }).catch(() => {});
  } finally {
    await browser.close();
    process.exit(code);
  }
})();
