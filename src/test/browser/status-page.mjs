// Drives the daemon's status page in Debian's chromium while the daemon runs its first pass, and
// checks what a person would see: the bar advances, a time left appears, the checkpoint is the run's
// (never 1970), a search shows a result, pause stops the progress and resume continues it; long
// paths stay on one line. Run by StatusPageBrowserTest:
//   node src/test/browser/status-page.mjs URL OUTDIR [QUERY] [EXPECTED_PATH]
// Exit 0 when every check holds; otherwise the failed check on stderr, exit 1. Screenshots go to OUTDIR.
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, outDir, query = "PaymentGateway", expectedPath = "Aaa.java"] = process.argv.slice(2);
if (!url || !outDir) {
  console.error("usage: node status-page.mjs URL OUTDIR [QUERY] [EXPECTED_PATH]");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "codeindex-chromium-"));
const t0 = Date.now();
const log = (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

function check(ok, what) {
  if (!ok) throw new Error("check failed: " + what);
  log("ok: " + what);
}

const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1000, height: 900 },
});
let page;
try {
  page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector("section.root", { timeout: 10000 });

  // what the first root shows now
  const read = () => page.evaluate(() => {
    const card = document.querySelector("section.root");
    const bar = card && card.querySelector("progress.bar");
    const cell = (label) => {
      for (const d of card.querySelectorAll(".grid > div")) {
        if (d.firstChild && d.firstChild.textContent === label) return d.lastChild.textContent;
      }
      return null;
    };
    const num = (s) => (s === null ? -1 : Number(String(s).replace(/[^0-9]/g, "")) || 0);
    const progress = card.querySelector(".progress-line");
    return {
      text: document.body.innerText,
      live: document.getElementById("live").dataset.mode || "",
      liveText: document.getElementById("live").textContent,
      conn: document.getElementById("conn").textContent,
      badge: card.querySelector("h2 .badge").textContent,
      overall: document.getElementById("overall").textContent,
      barDone: bar ? Number(bar.getAttribute("data-done")) : -1,
      barValue: bar ? bar.value : -1,
      barMax: bar ? bar.max : -1,
      progress: progress ? progress.textContent : "",
      eta: (card.querySelector(".eta") || {}).textContent || "",
      updated: (card.querySelector(".cp-updated") || {}).textContent || "",
      indexed: num(cell("files indexed")),
      keywordIndexed: cell("keyword-indexed"),
      embedded: cell("embedded"),
      pending: cell("pending"),
      rootClip: (() => {
        const t = card.querySelector("h2 .clip .text");
        return { full: t.title, shown: t.textContent, height: t.getBoundingClientRect().height,
          cut: t.scrollWidth > t.clientWidth };
      })(),
    };
  });
  // Waits for what a person should see within softMs. Past that it reports "SLOW:" with what the page
  // shows and what the daemon answers now (StatusPageBrowserTest then dumps the JVM's threads), and
  // waits up to hardMs before it fails: a stall is recorded as evidence without failing the build
  // unless the page never catches up.
  const until = async (what, test, softMs = 15000, hardMs = 45000) => {
    const start = Date.now();
    let s, slow = false;
    const seen = () => "last seen: " + JSON.stringify({ ...s, text: undefined })
      + "\npage errors so far: " + (errors.join("; ") || "none");
    while (Date.now() - start < hardMs) {
      s = await read();
      if (test(s)) {
        if (slow) log("SLOW: " + what + " came after " + ((Date.now() - start) / 1000).toFixed(1) + " s");
        return s;
      }
      if (!slow && Date.now() - start >= softMs) {
        slow = true;
        const now = await page.evaluate(async () => {
          try { return JSON.stringify((await (await fetch("/status", { cache: "no-store" })).json()).roots[0].progress); }
          catch (e) { return "no answer: " + e; }
        });
        log("SLOW: still waiting for " + what + " after " + softMs / 1000 + " s\n" + seen()
          + "\nthe daemon's /status says now: progress " + now);
      }
      await page.waitForTimeout(100);
    }
    throw new Error("timed out waiting for: " + what + "\n" + seen());
  };

  const first = await until("the index phase with a moving bar", (s) => s.barDone > 0);
  check(!/scanning/.test(first.badge) || /scan/.test(first.progress),
    "the badge and the bar name the same step (" + first.badge + " / " + first.progress + ")");
  const advanced = await until("the bar to advance", (s) => s.barDone > first.barDone);
  check(advanced.barDone > first.barDone, `the bar advances (${first.barDone} -> ${advanced.barDone})`);
  const withEta = await until("a time left", (s) => /about .+ left/.test(s.eta));
  check(/ at [0-9.,]*[1-9][0-9.,]* chunks\/s$/.test(withEta.eta), "the time left comes with a chunk rate: " + withEta.eta);
  check(withEta.updated && !/1970/.test(withEta.updated) && withEta.updated !== "never",
    "the checkpoint is the run's: updated " + withEta.updated);
  check(!/1\/1\/1970|1970-01-01/.test(withEta.text), "no 1970 anywhere on the page");
  check(withEta.pending !== "0", "pending is not 0 while files remain: " + withEta.pending);
  check(withEta.live === "events", "updates arrive as server-sent events");
  check(/^[0-9,]+ \/ [0-9,]+ files/.test(withEta.keywordIndexed || "") && /^[0-9,]+ \/ [0-9,]+ files/.test(withEta.embedded || ""),
    "both phases show their files: keyword-indexed " + withEta.keywordIndexed + ", embedded " + withEta.embedded);
  check(withEta.rootClip.full.length > withEta.rootClip.shown.length || withEta.rootClip.cut,
    "the long root path is cut with an ellipsis");
  check(withEta.rootClip.height < 30, "the long root path stays on one line (" + withEta.rootClip.height + " px)");
  check(withEta.rootClip.full.endsWith(withEta.rootClip.full.split("/").pop()), "the full path is in the title");
  await page.screenshot({ path: join(outDir, "status-page-indexing.png"), fullPage: true });

  // search while it indexes
  await page.fill("#q", query);
  await page.click("#search-form button[type=submit]");
  await page.waitForSelector("#results .hit", { timeout: 10000 });
  const hit = await page.textContent("#results .hit .clip code");
  check(hit.includes(expectedPath + ":"), "a search shows a result with its path:line: " + hit);

  // pause: the pass stops at a batch boundary, and nothing moves after that
  await page.click("#pause");
  const paused = await until("the pass to stop", (s) => /paused/.test(s.overall) && /paused: no pass running/.test(s.progress));
  await page.waitForTimeout(1500);
  const still = await read();
  check(still.indexed === paused.indexed, `no progress while paused (${paused.indexed} -> ${still.indexed})`);
  check(/Resume/.test(await page.textContent("#pause")), "the button offers to resume");
  await page.screenshot({ path: join(outDir, "status-page-paused.png"), fullPage: true });

  await page.click("#pause");
  const resumed = await until("indexing to go on", (s) => s.indexed > still.indexed && !/paused/.test(s.overall));
  check(resumed.indexed > still.indexed, `resume continues (${still.indexed} -> ${resumed.indexed})`);
  await page.screenshot({ path: join(outDir, "status-page.png"), fullPage: true });
  check(errors.length === 0, "no script error on the page: " + errors.join("; "));
  log("all checks passed");
} catch (e) {
  console.error(e.stack || String(e));
  if (page) {
    try { await page.screenshot({ path: join(outDir, "status-page-failed.png"), fullPage: true }); } catch (e2) { /* none */ }
  }
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
