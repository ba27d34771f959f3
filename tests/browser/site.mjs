// The exported HTML site in headless Chromium: an entry page shows its
// definition and area, its related links lead to pages that exist (and link
// back), every relative link of every page resolves, the index search
// filters by name, each page carries DefinedTerm JSON-LD in a
// DefinedTermSet, and nothing is fetched from anywhere but the site folder.
//
// Run by scripts/test with NODE_PATH pointing at playwright-core (see
// scripts/setup-browser.sh) and GLOSSA_BIN at the built binary.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const glossa = process.env.GLOSSA_BIN || join(root, "target/debug/glossa");
const fixture = join(root, "tests/fixtures/formats/expected.toml");

let passed = 0;
function check(condition, message) {
  if (!condition) throw new Error(message);
  passed += 1;
}

const work = mkdtempSync(join(tmpdir(), "glossa-site-"));
const site = join(work, "site");
const env = { ...process.env };
delete env.GLOSSA_GLOSSARY;
execFileSync(glossa, ["export", "--format", "html", "-o", site, "--glossary", fixture], { cwd: work, env, stdio: ["ignore", "ignore", "pipe"] });

const context = await chromium.launchPersistentContext(join(work, "profile"), {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const outside = [];
context.on("request", (request) => {
  const url = request.url();
  if (!url.startsWith("file://") && !url.startsWith("data:")) outside.push(url);
});

try {
  const page = context.pages()[0] || (await context.newPage());
  const open = async (path) => {
    await page.goto(pathToFileURL(join(site, path)).href);
  };

  // An entry page: name, area, summary, definition, related links.
  await open("terms/permanent-establishment.html");
  check((await page.locator("h1").innerText()) === "Permanent Establishment", "the entry page is titled by its name");
  const definition = await page.locator(".definition").innerText();
  check(definition.includes("A fixed place through which a company does business in another country"), `the definition shows: ${definition}`);
  check(await page.locator(".definition").isVisible(), "the definition is visible");
  check((await page.locator("a.area").innerText()) === "Tax", "the area shows");
  check((await page.locator(".summary").innerText()).includes("taxable business presence"), "the summary shows");

  const related = await page.locator("ul.related a").evaluateAll((links) => links.map((a) => ({ href: a.href, text: a.textContent })));
  // Tax Treaty is listed by this entry; the SARL entry lists this one, so it shows here too.
  check(JSON.stringify(related.map((r) => r.text)) === JSON.stringify(["Tax Treaty", "Société à responsabilité limitée"]), `related links: ${JSON.stringify(related)}`);
  for (const link of related) {
    check(existsSync(fileURLToPath(link.href)), `${link.href} exists`);
    await page.goto(link.href);
    check((await page.locator("h1").innerText()) === link.text, `${link.href} is the page of ${link.text}`);
    // Related links work both ways.
    const back = await page.locator("ul.related a").evaluateAll((links) => links.map((a) => a.textContent));
    check(back.includes("Permanent Establishment"), `${link.text} links back: ${back}`);
  }
  await open("terms/international-tax.html");
  const narrower = await page.locator("ul.narrower a").evaluateAll((links) => links.map((a) => a.textContent));
  check(JSON.stringify(narrower) === JSON.stringify(["Tax Treaty"]), `a broader entry lists its narrower ones: ${narrower}`);
  await open("terms/tax-treaty.html");

  // JSON-LD: a DefinedTerm inside a DefinedTermSet.
  const jsonLd = await page.locator('script[type="application/ld+json"]').evaluate((s) => JSON.parse(s.textContent));
  check(jsonLd["@type"] === "DefinedTermSet", "the page's JSON-LD is a DefinedTermSet");
  check(jsonLd.hasDefinedTerm.length === 1 && jsonLd.hasDefinedTerm[0]["@type"] === "DefinedTerm" && jsonLd.hasDefinedTerm[0].name === "Tax Treaty", "holding the page's DefinedTerm");
  check((await page.locator(".definition").innerText()).includes("settles which of them may tax an income"), "its definition shows");

  // Every relative link of every page leads to a file of the site.
  const pages = ["index.html", ...readdirSync(join(site, "terms")).map((f) => `terms/${f}`)];
  check(pages.length === 9, `an index and 8 entry pages: ${pages}`);
  for (const path of pages) {
    await open(path);
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.href));
    for (const href of hrefs.filter((h) => h.startsWith("file://"))) {
      check(existsSync(fileURLToPath(href.split("#")[0])), `${path}: ${href} exists`);
    }
  }

  // The index: every entry, and search by name or alias.
  await open("index.html");
  const visible = async () => page.locator("#entries li:visible a").allInnerTexts();
  check((await visible()).length === 8, "the index lists every entry");
  await page.locator("#search").fill("mica");
  check(JSON.stringify(await visible()) === JSON.stringify(["Markets in Crypto-Assets Regulation"]), `search by alias: ${await visible()}`);
  await page.locator("#search").fill("extractable");
  check((await visible()).length === 2, `search by name: ${await visible()}`);
  check(await page.locator("#area-tax").isHidden(), "areas without a match hide");
  await page.locator("#search").fill("no such entry");
  check((await visible()).length === 0 && (await page.locator("#no-match").isVisible()), "no match says so");
  await page.locator("#search").fill("treaty");
  await Promise.all([page.waitForURL(/tax-treaty\.html$/), page.locator("#search").press("Enter")]);
  check((await page.locator("h1").innerText()) === "Tax Treaty", "Enter opens the first match");

  check(outside.length === 0, `nothing fetched from outside the site: ${outside}`);
  console.log(`site.mjs: ${passed} checks passed`);
} catch (error) {
  console.error(`site.mjs: FAILED after ${passed} checks: ${error.message}`);
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(work, { recursive: true, force: true });
}
