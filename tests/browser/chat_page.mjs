// The chat page served by `glossa serve`, driven in headless Chromium with
// the keyboard only: type a question, submit, and check that the answer and
// a link to a cited entry appear; then a follow-up, the entry's page, and
// the conversation restored on the way back.
//
// Run by scripts/test with NODE_PATH pointing at playwright-core (from
// scripts/setup-browser.sh) and GLOSSA_BIN at the built binary.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = process.env.GLOSSA_BIN || join(root, "target", "debug", "glossa");
const TIMEOUT = 20000;

function fail(message) {
  throw new Error(message);
}

function startServer() {
  const server = spawn(bin, ["serve", "--addr", "127.0.0.1:0", "--poll", "0"], {
    cwd: root,
    env: { ...process.env, GLOSSA_SLACK_SIGNING_SECRET: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const address = new Promise((resolve, reject) => {
    let buffered = "";
    server.stdout.on("data", (chunk) => {
      buffered += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(buffered);
      if (match) resolve(match[1]);
    });
    server.on("exit", (code) => reject(new Error(`glossa serve exited with ${code} before listening`)));
    setTimeout(() => reject(new Error("glossa serve did not print its address")), TIMEOUT);
  });
  return { server, address };
}

async function main() {
  const { server, address } = startServer();
  const profile = mkdtempSync(join(tmpdir(), "glossa-chromium-"));
  let context;
  try {
    const base = await address;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      headless: true,
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
    });
    const page = context.pages()[0] || (await context.newPage());
    page.setDefaultTimeout(TIMEOUT);
    const problems = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
    page.on("request", (r) => { if (!r.url().startsWith(base)) problems.push(`request elsewhere: ${r.url()}`); });

    await page.goto(`${base}/`);
    // The question box has a label and has the focus: no mouse needed.
    const label = await page.locator("label[for=question]").textContent();
    if (!/question/i.test(label)) fail(`the input's label is ${JSON.stringify(label)}`);
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    if (focused !== "question") fail(`the focus starts on ${focused}, not the question box`);

    await page.keyboard.type("what does MiCA stand for?");
    await page.keyboard.press("Enter");
    const first = page.locator("#log article.turn").nth(0);
    await first.locator(".a", { hasText: "Markets in Crypto-Assets Regulation" }).waitFor();
    const cited = first.locator('nav[aria-label="Entries used"] a[href="/terms/markets-in-crypto-assets-regulation"]');
    if ((await cited.count()) !== 1) fail("the answer does not link the cited entry");
    console.log("ok - typed a question, got the answer and a link to the cited entry");

    // Still in the box: a follow-up about the same entry.
    await page.keyboard.type("and how does it relate to the travel rule?");
    await page.keyboard.press("Enter");
    const second = page.locator("#log article.turn").nth(1);
    await second.locator(".a", { hasText: "relates to" }).waitFor();
    if ((await second.locator('a[href="/terms/travel-rule"]').count()) < 1) fail("the follow-up does not link the Travel Rule");
    console.log("ok - the follow-up used the conversation");

    // Keyboard to the cited link, open it, and come back.
    await page.keyboard.press("Shift+Tab");
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement.getAttribute("href"))) !== "/terms/markets-in-crypto-assets-regulation") {
      if (++guard > 400) fail("the cited link cannot be reached with the keyboard");
      await page.keyboard.press("Shift+Tab");
    }
    await Promise.all([page.waitForURL(`${base}/terms/markets-in-crypto-assets-regulation`), page.keyboard.press("Enter")]);
    const heading = await page.locator("article strong").first().textContent();
    if (heading !== "Markets in Crypto-Assets Regulation") fail(`the entry page shows ${JSON.stringify(heading)}`);
    console.log("ok - the cited link opens the entry's page");
    await page.goBack();
    await page.locator("#log article.turn").nth(1).waitFor();
    console.log("ok - the conversation is still there after coming back");

    if (problems.length) fail(problems.join("\n"));
    console.log("chat page: all checks passed");
  } finally {
    if (context) await context.close();
    server.kill("SIGTERM");
    rmSync(profile, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`not ok - ${e.message}`);
    process.exit(1);
  },
);
