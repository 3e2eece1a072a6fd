// The web desk in a real browser: a fresh demo workspace made with the real issuer, `issuer web`
// on a loopback port with its own TLS certificate, and the system's Chromium, headless, trusting
// only that certificate's key (its SPKI pin). Every test file under tests/browser/ starts one desk
// with startDesk(), drives pages from desk.newPage(), and ends with stop(desk), also on failure.
// ctest passes the paths: node FILE.test.js ISSUER_BINARY ASSETS_DIR (see README.md).
"use strict";

const assert = require("node:assert/strict");
const childProcess = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const PASSPHRASE = "demo-pass-1";
const PAGE_TIMEOUT_MS = 15000; // a page load on a busy 2-core machine
const TEST_DEADLINE_MS = 60000; // a whole test file, workspace and browser included

// One operator of each role; their passwords are long enough for `issuer operator add`.
const OPERATORS = {
  olga: { role: "operator", password: "pw-for-olga-1" },
  sam: { role: "supervisor", password: "pw-for-sam-1" },
  chief: { role: "security", password: "pw-for-chief-1" },
  audrey: { role: "auditor", password: "pw-for-audrey-1" },
};

// A missing piece stops the test with what to install; it never passes silently.
function missing(what, fix) {
  console.error(`browser test cannot run: ${what}.\n  Fix: ${fix}`);
  process.exit(1);
}

function loadPuppeteer() {
  const [major] = process.versions.node.split(".").map(Number);
  if (major < 18) missing(`node ${process.versions.node} is too old (18 or newer)`, "install node 20");
  if (!fs.existsSync(CHROMIUM))
    missing(`no Chromium at ${CHROMIUM}`, "apt-get install chromium (scripts/setup.sh does)");
  try {
    return require("puppeteer-core");
  } catch (e) {
    missing(`puppeteer-core is not installed (${e.code || e.message})`,
            "npm ci --prefix tests/browser (scripts/setup.sh does; Debian's npm package gives npm)");
  }
}
const puppeteer = loadPuppeteer();

// Contract: the paths ctest passes, checked. Returns { issuer, assets }.
function deskArgs(argv = process.argv.slice(2)) {
  const [issuer, assets] = argv;
  if (!issuer || !assets) missing("no paths given", "run: node FILE.test.js ISSUER_BINARY ASSETS_DIR");
  if (!fs.existsSync(issuer)) missing(`no issuer binary at ${issuer}`, "build the project first");
  if (!fs.existsSync(path.join(assets, "demo", "event.toml")))
    missing(`no demo event under ${assets}`, "pass the source tree's assets/ folder");
  return { issuer: path.resolve(issuer), assets: path.resolve(assets) };
}

// Everything started by this process, so that a failure or the deadline still ends it.
const live = { processes: new Set(), cleanups: new Set() };
process.on("exit", () => {
  for (const p of live.processes) {
    try { process.kill(p.pid, "SIGKILL"); } catch { /* already gone */ }
  }
  for (const fn of live.cleanups) fn();
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(1));
// A reader that goes away (`| head`) must not end this process before it stops what it started.
process.stdout.on("error", () => {});

// Contract: ends the process with status 1 if it is still running after `ms` (default 60 s).
function deadline(ms = TEST_DEADLINE_MS) {
  setTimeout(() => {
    console.error(`browser test: still running after ${ms / 1000} s; everything is stopped`);
    process.exit(1);
  }, ms).unref();
}

// Contract: runs the issuer with `args` in `cwd`; resolves to { code, stdout, stderr }, and
// rejects if it exits non-zero (unless allowFailure) or runs past timeoutMs.
function runIssuer(issuer, args, { cwd, allowFailure = false, timeoutMs = 30000 } = {}) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ACCRED_PASSPHRASE: PASSPHRASE };
    childProcess.execFile(issuer, args, { cwd, env, timeout: timeoutMs, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        if (code !== 0 && !allowFailure)
          reject(new Error(`issuer ${args.join(" ")} failed (${error.message}):\n${stderr}`));
        else resolve({ code, stdout, stderr });
      });
  });
}

// Contract: the SHA-256 of a PEM certificate's SubjectPublicKeyInfo, base64: Chromium's
// --ignore-certificate-errors-spki-list takes it, and `issuer web` prints it as its key pin.
function spkiPin(certPem) {
  const spki = new crypto.X509Certificate(certPem).publicKey.export({ type: "spki", format: "der" });
  return crypto.createHash("sha256").update(spki).digest("base64");
}

async function waitFor(what, check, timeoutMs = 20000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The demo workspace: init, roster import, every badge issued, one operator of each role.
async function makeWorkspace(issuer, assets, dir, operators, issueNow) {
  const desk = path.join(dir, "desk");
  const demo = path.join(assets, "demo");
  await runIssuer(issuer, ["init", desk, "--event", path.join(demo, "event.toml")], { cwd: dir });
  await runIssuer(issuer, ["roster", "import", path.join(demo, "roster.csv"), "-w", desk], { cwd: dir });
  await runIssuer(issuer, ["issue", "--all", "-w", desk, "--now", issueNow], { cwd: dir, timeoutMs: 60000 });
  for (const [name, { role, password }] of Object.entries(operators)) {
    const file = path.join(dir, `password-${name}`);
    fs.writeFileSync(file, password + "\n", { mode: 0o600 });
    await runIssuer(issuer, ["operator", "add", name, "--role", role, "-w", desk, "--password-file", file],
                    { cwd: dir });
  }
  return desk;
}

// `issuer web` on 127.0.0.1, any free port; resolves once its URL file is written.
async function startWeb(issuer, dir, desk, { now, idleTimeout }) {
  const passFile = path.join(dir, "passphrase");
  fs.writeFileSync(passFile, PASSPHRASE + "\n", { mode: 0o600 });
  const urlFile = path.join(dir, "url");
  const args = ["web", "-w", desk, "--listen", "127.0.0.1:0", "--passphrase-file", passFile,
                "--url-file", urlFile, "--now", now, "--idle-timeout", String(idleTimeout)];
  const web = childProcess.spawn(issuer, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  live.processes.add(web);
  const out = { stdout: "", stderr: "", exit: null };
  web.stdout.on("data", (d) => { out.stdout += d; });
  web.stderr.on("data", (d) => { out.stderr += d; });
  out.exited = new Promise((resolve) => web.on("exit", (code, signal) => {
    live.processes.delete(web);
    out.exit = { code, signal };
    resolve(out.exit);
  }));
  const url = await waitFor("issuer web's URL file", () => {
    if (out.exit) throw new Error(`issuer web exited (${JSON.stringify(out.exit)}):\n${out.stderr}`);
    return fs.existsSync(urlFile) && fs.readFileSync(urlFile, "utf8").trim();
  });
  return { web, out, url: url.endsWith("/") ? url : url + "/" };
}

async function launchBrowser(dir, pin) {
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true, // DevTools over a pipe: Chromium ends when this process ends, however it ends
    userDataDir: path.join(dir, "chromium-profile"),
    timeout: 30000,
    protocolTimeout: 30000,
    args: [
      `--ignore-certificate-errors-spki-list=${pin}`,
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      "--no-sandbox",
      "--window-size=1366,768",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
  });
  const proc = browser.process();
  if (proc) live.processes.add(proc);
  return browser;
}

const deskOfPage = new WeakMap();

// Contract: a fresh demo desk served by `issuer web` and a headless Chromium that trusts it.
// options: issuer, assets (from deskArgs()), idleTimeout (seconds, default 900), operators
// (default OPERATORS), now (the desk's clock, default 2014-03-31T08:00:00Z). Resolves to a Desk:
//   { url, origin, dir, deskDir, pin, printedPin, operators, browser, web,
//     newPage({ lang }) -> Promise<Page>, issuer(args, opts) -> Promise<{code, stdout, stderr}>,
//     journal() -> Promise<Array<{seq, at, operator, role, action, subject, detail, remote}>> }.
// Rejects (after stopping what it started) if any step fails.
async function startDesk({ issuer, assets, idleTimeout = 900, operators = OPERATORS,
                           now = "2014-03-31T08:00:00Z", issueNow = "2014-03-28T09:00:00Z" }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accred-browser-"));
  const desk = { dir, operators, idleTimeout, servers: new Set(), stopped: false };
  const removeDir = () => {
    if (!process.env.ACCRED_KEEP_BROWSER_DIR) fs.rmSync(dir, { recursive: true, force: true });
  };
  live.cleanups.add(removeDir);
  desk.removeDir = removeDir;
  try {
    desk.deskDir = await makeWorkspace(issuer, assets, dir, operators, issueNow);
    const { web, out, url } = await startWeb(issuer, dir, desk.deskDir, { now, idleTimeout });
    Object.assign(desk, { web, webOutput: out, url, origin: new URL(url).origin });
    desk.pin = spkiPin(fs.readFileSync(path.join(desk.deskDir, "web-tls", "server.crt")));
    desk.printedPin = (out.stdout.match(/key pin sha256\/(\S+)/) || [])[1];
    desk.browser = await launchBrowser(dir, desk.pin);
  } catch (e) {
    await stop(desk);
    throw e;
  }
  desk.issuer = (args, opts = {}) => runIssuer(issuer, args, { cwd: dir, ...opts });
  desk.journal = async () =>
    JSON.parse((await desk.issuer(["operator", "journal", "-w", desk.deskDir, "--json",
                                   "--limit", "100000"])).stdout);
  desk.newPage = (opts) => newPage(desk, opts);
  return desk;
}

// Contract: a page in a browser context of its own (its own cookies), 1366x768, every wait
// bounded by 15 s. lang sets Accept-Language (the login page's language). page.problems
// collects the page's script errors and console errors (a CSP violation is one), but not the
// console's line about each answer with an error status.
async function newPage(desk, { lang } = {}) {
  const context = await desk.browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(PAGE_TIMEOUT_MS);
  if (lang) await page.setExtraHTTPHeaders({ "Accept-Language": lang });
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(`script error: ${e.message}`));
  page.on("console", (m) => {
    // A refused request is what many tests ask for; the console's note of it is no problem.
    if (m.type() === "error" && !/^Failed to load resource/.test(m.text()))
      page.problems.push(`console: ${m.text()}`);
  });
  deskOfPage.set(page, desk);
  return page;
}

// Contract: the form field labelled `labelText` (a <label>'s whole text), as an ElementHandle;
// throws if no label has that text or it labels nothing.
async function fieldByLabel(page, labelText) {
  const handle = await page.evaluateHandle((text) => {
    const label = [...document.querySelectorAll("label")].find((l) => l.textContent.trim() === text);
    return label ? label.control : null;
  }, labelText);
  const field = handle.asElement();
  if (!field) throw new Error(`no field labelled "${labelText}" on ${page.url()}`);
  return field;
}

// Contract: logs in as a person would: opens the desk's /login, types into the fields labelled
// "Name" and "Password" (labels: other words, for a login page in another language), presses
// Enter, and resolves to the HTTPResponse of the page it lands on (a 303 to / when accepted,
// 401 with the message when refused). It does not assert success.
async function login(page, name, password, { labels = { name: "Name", password: "Password" } } = {}) {
  const desk = deskOfPage.get(page);
  if (!desk) throw new Error("login: the page was not made by desk.newPage()");
  await page.goto(desk.url + "login");
  await (await fieldByLabel(page, labels.name)).type(name);
  await (await fieldByLabel(page, labels.password)).type(password);
  const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  return response;
}

// Contract: the session cookie (__Host-desk) of the page's browser context, as puppeteer
// reports it, or undefined. (The context's, not the page's: a page showing Chromium's own
// error page has no cookies of its own.)
async function sessionCookie(page) {
  return (await page.browserContext().cookies()).find((c) => c.name === "__Host-desk");
}

// Contract: the CSRF token of the page's forms ("" on a page without a session).
async function csrfOf(page) {
  return page.evaluate(() => document.querySelector("input[name=csrf]")?.value || "");
}

// Contract: POSTs `fields` (form-encoded) to `pathname` with fetch from the page itself, its
// cookies included, redirects not followed. Resolves to { status, text }; a redirect reads as
// status 303 (fetch hides the real one from a page).
async function postFromPage(page, pathname, fields) {
  return page.evaluate(async (p, f) => {
    const r = await fetch(p, { method: "POST", credentials: "same-origin", redirect: "manual",
                               body: new URLSearchParams(f) });
    return { status: r.type === "opaqueredirect" ? 303 : r.status, text: await r.text() };
  }, pathname, fields);
}

// Contract: a plain HTTP server on another loopback port (another origin) answering every GET
// with `html`; resolves to its URL. stop(desk) closes it.
async function serveOtherOrigin(desk, html) {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  desk.servers.add(server);
  return `http://127.0.0.1:${server.address().port}/`;
}

function withTimeout(promise, ms, fallback) {
  let timer;
  return Promise.race([promise.finally(() => clearTimeout(timer)),
                       new Promise((resolve) => { timer = setTimeout(() => resolve(fallback()), ms); })]);
}

// Contract: closes the browser, stops `issuer web` (SIGTERM, SIGKILL after 10 s), closes other
// servers and removes the temporary folder (kept if ACCRED_KEEP_BROWSER_DIR is set). Safe to call
// twice and on a half-started desk. Resolves to { code, signal, stdout, stderr } of issuer web
// (null if it never started).
async function stop(desk) {
  if (!desk || desk.stopped) return desk && desk.webExit;
  desk.stopped = true;
  if (desk.browser) {
    const proc = desk.browser.process();
    await withTimeout(desk.browser.close().catch(() => {}), 10000, () => proc && proc.kill("SIGKILL"));
    if (proc) live.processes.delete(proc);
  }
  for (const server of desk.servers) server.close();
  desk.webExit = null;
  if (desk.web) {
    if (!desk.webOutput.exit) desk.web.kill("SIGTERM");
    const exit = await withTimeout(desk.webOutput.exited, 10000, () => {
      desk.web.kill("SIGKILL");
      return desk.webOutput.exited;
    });
    desk.webExit = { ...exit, stdout: desk.webOutput.stdout, stderr: desk.webOutput.stderr };
  }
  desk.removeDir();
  live.cleanups.delete(desk.removeDir);
  return desk.webExit;
}

// Contract: the journal's rows after `before` (a row count) whose action is `action`.
function journalRows(rows, action, before = 0) {
  return rows.slice(before).filter((r) => r.action === action);
}

module.exports = {
  OPERATORS, PAGE_TIMEOUT_MS, assert, deadline, deskArgs, startDesk, newPage, login, fieldByLabel,
  sessionCookie, csrfOf, postFromPage, serveOtherOrigin, stop, spkiPin, journalRows, waitFor,
};
