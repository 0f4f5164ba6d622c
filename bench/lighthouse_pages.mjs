// Lighthouse (npm `lighthouse`, pinned in package.json) on a list of pages, in Debian's Chromium.
// Run by bench/page_bench.py, which builds and serves the site; not meant to be run by hand:
//
//   CHROME_PATH=/usr/bin/chromium node bench/lighthouse_pages.mjs pages.json results.json
//
// pages.json: [{"name": "guide-cy", "url": "http://127.0.0.1:PORT/cy/guides/x/"},
//              {"name": "search-cy", "url": "...", "search": {"query": "gymuned", "ready": "css selector"}}]
// A plain entry is a Lighthouse navigation (mobile, simulated throttling: Lighthouse's defaults).
// A search entry loads the page, then measures typing the query until the results show (a timespan:
// layout shift and blocking time while searching) and the page with its results open (a snapshot:
// accessibility, best practices, SEO). results.json: one object per page with scores and metrics.

import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { startFlow } from "lighthouse";
import puppeteer from "puppeteer-core";

const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const METRICS = {
  cls: "cumulative-layout-shift",
  lcp: "largest-contentful-paint",
  fcp: "first-contentful-paint",
  tbt: "total-blocking-time",
  bytes: "total-byte-weight",
};

function summary(lhr) {
  const out = { scores: {}, metrics: {}, failed: [] };
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    if (category && category.score !== null) out.scores[id] = Math.round(category.score * 100);
    if (!category) continue;
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative") {
        out.failed.push(`${id}:${ref.id}`);
      }
    }
  }
  for (const [key, id] of Object.entries(METRICS)) {
    const audit = lhr.audits[id];
    if (audit && typeof audit.numericValue === "number") out.metrics[key] = audit.numericValue;
  }
  // What the console showed (errors-in-console): the first few, so a failure says why.
  const consoleErrors = lhr.audits["errors-in-console"];
  if (consoleErrors && consoleErrors.details && consoleErrors.details.items) {
    out.console = consoleErrors.details.items.slice(0, 5).map((item) => `${item.description || ""} ${item.sourceLocation?.url || item.url || ""}`.trim());
  }
  if (lhr.runtimeError) out.error = lhr.runtimeError.message;
  return out;
}

async function navigation(port, url) {
  const result = await lighthouse(url, { port, output: "json", logLevel: "error" });
  return summary(result.lhr);
}

async function search(browser, entry) {
  const page = await browser.newPage();
  try {
    const flow = await startFlow(page, { name: entry.name });
    await flow.navigate(entry.url);
    await flow.startTimespan();
    await page.type("#kb-search-input", entry.search.query, { delay: 50 });
    await page.waitForSelector(entry.search.ready, { timeout: 20000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await flow.endTimespan();
    await flow.snapshot();
    const steps = (await flow.createFlowResult()).steps;
    const [loaded, typing, shown] = steps.map((step) => summary(step.lhr));
    return {
      scores: { ...shown.scores, performance: typing.scores.performance },
      metrics: { ...loaded.metrics, cls: typing.metrics.cls, tbt: typing.metrics.tbt },
      failed: [...new Set([...typing.failed, ...shown.failed])],
      note: "performance, CLS and TBT while typing the query; the others with the results shown",
    };
  } finally {
    await page.close();
  }
}

async function main() {
  const [pagesFile, outFile] = process.argv.slice(2);
  const pages = JSON.parse(fs.readFileSync(pagesFile, "utf8"));
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH, chromeFlags: FLAGS });
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  const results = [];
  try {
    for (const entry of pages) {
      const result = entry.search ? await search(browser, entry) : await navigation(chrome.port, entry.url);
      results.push({ name: entry.name, url: entry.url, ...result });
    }
  } finally {
    await browser.disconnect();
    await chrome.kill();
  }
  fs.writeFileSync(outFile, JSON.stringify(results, null, 1));
}

await main();
