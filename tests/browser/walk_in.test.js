// A walk-in from the desk's page to the gate: search without accents, register a walk-in with
// the fake camera's photo and issue the badge, decode the printed PDF's QR code with the
// project's ZXing tool, admit it at the real kiosk, revoke it from the page and see the kiosk
// refuse it, the role limits of the person page, and the evacuation list against
// `issuer audit occupancy`.
// Run: node walk_in.test.js ISSUER_BINARY ASSETS_DIR KIOSK_BINARY SCAN_ALL_QR_BINARY
"use strict";

const childProcess = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { after, before, test } = require("node:test");
const h = require("./desk_harness");
const { assert } = h;

h.deadline(90000);
const [kioskBin, scanBin] = process.argv.slice(4).map((p) => path.resolve(p));
if (!kioskBin || !fs.existsSync(kioskBin) || !scanBin || !fs.existsSync(scanBin)) {
  console.error("usage: node walk_in.test.js ISSUER ASSETS KIOSK_BINARY SCAN_ALL_QR_BINARY");
  process.exit(1);
}

// The desk's clock is 08:00 in Brussels on the first day; the kiosk reads the badge at 09:00 and
// the evacuation list is asked for at 09:30 (summer time, UTC+2).
const DESK_NOW = "2014-03-31T06:00:00Z";
const KIOSK_TIME = "2014-03-31T07:00:00Z";
const EVACUATION_AT = "2014-03-31T09:30"; // local
const WALK_IN = { id: "W901", name: "Walk-in Tester", delegation: "Norway" };
const KIOSK_PASSPHRASE = "walk-in kiosk passphrase";

let desk;
const shared = {}; // what one subtest leaves for the next: they run in order
before(async () => {
  desk = await h.startDesk({ ...h.deskArgs(), now: DESK_NOW });
});
after(async () => {
  // The screenshots go to ACCRED_SCREENSHOT_DIR when set (docs/images, by hand), before the
  // temporary folder goes.
  const out = process.env.ACCRED_SCREENSHOT_DIR;
  if (out)
    for (const f of [shared.searchShot, shared.walkInShot, shared.personShot, shared.bundlesShot])
      if (f && fs.existsSync(f)) fs.copyFileSync(f, path.join(out, path.basename(f)));
  const exit = await h.stop(desk);
  assert.deepEqual(exit && [exit.code, exit.signal], [0, null], `issuer web: ${exit && exit.stderr}`);
});

// Runs a binary; resolves to { code, stdout, stderr }, rejects on a code outside `okCodes`.
function run(binary, args, { env = {}, okCodes = [0] } = {}) {
  return new Promise((resolve, reject) => {
    childProcess.execFile(binary, args, { cwd: desk.dir, env: { ...process.env, ...env },
                                           timeout: 30000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        if (!okCodes.includes(code))
          reject(new Error(`${path.basename(binary)} ${args.join(" ")} exited ${code}:\n${stderr}`));
        else resolve({ code, stdout, stderr });
      });
  });
}
const kiosk = (args, opts = {}) =>
  run(kioskBin, args, { ...opts, env: { ACCRED_KIOSK_PASSPHRASE: KIOSK_PASSPHRASE } });

// The kiosk's decision on the badge image at `time`, from its one JSON line.
async function present(state, image, time) {
  const { stdout } = await kiosk(["run", "--state", state, "--headless", "--debounce-ms", "0",
                                  "--now", time, "--source", `images:${image}`]);
  const lines = stdout.trim().split("\n").filter((l) => l.startsWith("{"));
  assert.equal(lines.length, 1, `one decision expected:\n${stdout}`);
  return JSON.parse(lines[0]);
}

// Each browser context keeps its connections to the desk alive, each holding one of issuer
// web's request threads (16) for up to 30 s: a subtest closes what it opened.
const closePage = (page) => page.browserContext().close();

async function loggedIn(name) {
  const page = await desk.newPage();
  const response = await h.login(page, name, desk.operators[name].password);
  assert.equal(response.status(), 200, `${name} could not log in`);
  return page;
}

test("search without accents, typed key by key, finds Thorbjørn Jagland; his page opens", async () => {
  const page = await loggedIn("olga");
  await page.type("#q", "thorbjorn jag", { delay: 40 });
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll("#results tbody tr")];
    return rows.length === 1 && rows[0].textContent.includes("Thorbjørn Jagland");
  });
  assert.equal(await page.$eval("#no-match", (e) => e.hidden), true);
  shared.searchShot = path.join(desk.dir, "web-search.png");
  await page.screenshot({ path: shared.searchShot });
  await Promise.all([page.waitForNavigation(), page.click("#results tbody a")]);
  assert.equal(new URL(page.url()).pathname, "/person/P002");
  assert.equal(await page.$eval("#person-name", (e) => e.textContent), "Thorbjørn Jagland");
  assert.deepEqual(page.problems, []);
  await closePage(page);
});

test("a walk-in is registered with the camera's photo and gets badge issue 1", async () => {
  const page = await loggedIn("olga");
  await page.goto(desk.url + "register");
  await (await h.fieldByLabel(page, "Id")).type(WALK_IN.id);
  await (await h.fieldByLabel(page, "Name (as printed on the badge)")).type(WALK_IN.name);
  await page.type("#delegation", WALK_IN.delegation);
  assert.equal(await (await h.fieldByLabel(page, "Category")).evaluate((e) => e.id), "category");
  await page.select("#category", "delegate");
  // Day one only: the kiosk reads the badge then. (The form may come with every day ticked.)
  for (const [day, wanted] of [["2014-03-31", true], ["2014-04-01", false]])
    if (await page.$eval(`#day-${day}`, (e) => e.checked) !== wanted) await page.click(`#day-${day}`);
  // The fake camera: the preview plays, "Take photo" shows, the cropped photo appears.
  await page.waitForSelector("#take-photo:not([hidden])");
  await page.waitForFunction(() => document.getElementById("photo-video").videoWidth > 0);
  await page.click("#take-photo");
  await page.waitForSelector("#photo-preview:not([hidden])");
  await page.waitForFunction(() => document.getElementById("photo-preview").naturalWidth === 360);
  assert.equal(await page.$eval("#photo-file", (e) => e.files.length), 1);
  assert.equal(await page.$eval("#issue-now", (e) => e.checked), true);
  shared.walkInShot = path.join(desk.dir, "web-walk-in.png");
  await page.screenshot({ path: shared.walkInShot });
  const journalBefore = (await desk.journal()).length;
  await Promise.all([page.waitForNavigation(), page.click("#register-button")]);
  const landed = new URL(page.url());
  assert.equal(landed.pathname, `/person/${WALK_IN.id}`);
  assert.equal(landed.searchParams.get("done"), "registered");
  assert.equal(await page.$eval("#person-name", (e) => e.textContent), WALK_IN.name);
  assert.equal(await page.$eval("#days", (e) => e.textContent), "2014-03-31");
  assert.match(await page.$eval("#status", (e) => e.textContent.replace(/\s+/g, " ")),
               /Accredited, with a valid badge: issue 1\b/);
  const actions = (await desk.journal()).slice(journalBefore).map((r) => [r.action, r.subject]);
  assert.ok(actions.some(([a, s]) => /regist/.test(a) && s === WALK_IN.id), JSON.stringify(actions));
  await page.evaluate(() => window.scrollTo(0, 0));
  shared.personShot = path.join(desk.dir, "web-person-walk-in.png");
  await page.screenshot({ path: shared.personShot });
  shared.olgaPage = page;
  assert.deepEqual(page.problems, []);
});

test("the printed badge's QR code decodes to AC1: and the real kiosk admits it", async () => {
  const page = shared.olgaPage;
  assert.ok(page, "the walk-in was not registered");
  const pdf = await page.evaluate(async (p) => {
    const r = await fetch(p, { credentials: "same-origin" });
    const bytes = new Uint8Array(await r.arrayBuffer());
    let s = "";
    for (const b of bytes) s += String.fromCharCode(b);
    return { status: r.status, type: r.headers.get("content-type"), b64: btoa(s) };
  }, `/person/${WALK_IN.id}/badge.pdf`);
  assert.equal(pdf.status, 200);
  assert.match(pdf.type, /application\/pdf/);
  const pdfFile = path.join(desk.dir, "badge.pdf");
  fs.writeFileSync(pdfFile, Buffer.from(pdf.b64, "base64"));
  await run("pdftoppm", ["-r", "200", "-png", "-singlefile", pdfFile, path.join(desk.dir, "badge")]);
  const png = path.join(desk.dir, "badge.png");
  const scanned = (await run(scanBin, [png])).stdout.trim().split("\n").filter((l) => l);
  assert.equal(scanned.length, 1, `one QR code expected: ${scanned}`);
  assert.match(scanned[0], /^AC1:/);

  const bundle = path.join(desk.dir, "kiosk.bundle");
  await desk.issuer(["bundle", "--out", bundle, "-w", desk.deskDir, "--now", DESK_NOW]);
  const state = path.join(desk.dir, "kiosk-main");
  await kiosk(["enroll", "--bundle", bundle, "--event-key", path.join(desk.deskDir, "event.pub"),
               "--gate", "main_gate", "--state", state, "--kdf-cost", "interactive"]);
  const decision = await present(state, png, KIOSK_TIME);
  assert.equal(decision.verdict, "granted", JSON.stringify(decision));
  assert.equal(decision.holder, WALK_IN.id);
  Object.assign(shared, { png, state });
  await closePage(page);
});

test("revoked from the page by the supervisor, the same badge is refused at the kiosk", async () => {
  assert.ok(shared.state, "the kiosk was not enrolled");
  const page = await loggedIn("sam");
  await page.goto(desk.url + `person/${WALK_IN.id}`);
  page.on("dialog", (d) => d.accept());
  await page.type("#revoke-reason", "badge left on the train");
  await Promise.all([page.waitForNavigation(), page.click("#revoke")]);
  // Revoking for cause withdraws the accreditation too (revoke_for_cause, as the CLI's revoke).
  assert.match(await page.$eval("#status", (e) => e.textContent.replace(/\s+/g, " ")),
               /Accreditation withdrawn since .* by sam via issuer web, because “badge left on the train”/);
  assert.match(await page.$eval("#badges", (e) => e.textContent), /revoked/i);
  assert.match(await page.$eval("#badges", (e) => e.textContent), /badge left on the train/);
  const revoked = h.journalRows(await desk.journal(), "revoke").filter((r) => r.subject === WALK_IN.id);
  assert.equal(revoked.length, 1, JSON.stringify(await desk.journal()));
  assert.equal(revoked[0].operator, "sam");

  // The revocation update, exported from the bundles page into DESK/exports/.
  await page.goto(desk.url + "bundles");
  await Promise.all([page.waitForNavigation(), page.click("#export-revocations")]);
  const name = new URL(page.url()).searchParams.get("done");
  assert.match(name || "", /\S/, page.url());
  assert.equal(await page.$eval("#export-done a", (e) => e.textContent), name);
  const update = path.join(desk.deskDir, "exports", name);
  assert.ok(fs.existsSync(update), `no ${update}`);
  await kiosk(["update", "--state", shared.state, update]);
  await page.evaluate(() => window.scrollTo(0, 0));
  shared.bundlesShot = path.join(desk.dir, "web-bundles.png");
  await page.screenshot({ path: shared.bundlesShot });
  const decision = await present(shared.state, shared.png, "2014-03-31T07:10:00Z");
  assert.notEqual(decision.verdict, "granted", JSON.stringify(decision));
  assert.equal(decision.reason, "revoked");
  assert.equal(decision.holder, WALK_IN.id);
  assert.deepEqual(page.problems, []);
  await closePage(page);
});

test("role limits: no revoke form for the operator and 403 on its POST; no action form for the auditor", async () => {
  const olga = await loggedIn("olga");
  await olga.goto(desk.url + "person/P002");
  assert.equal(await olga.$("#revoke"), null);
  assert.equal(await olga.$("form[action$='/revoke']"), null);
  const before = (await desk.journal()).length;
  const refused = await h.postFromPage(olga, "/person/P002/revoke",
                                       { csrf: await h.csrfOf(olga), reason: "not hers to revoke" });
  assert.equal(refused.status, 403);
  assert.equal(h.journalRows(await desk.journal(), "revoke", before).length, 0);
  await olga.goto(desk.url + "person/P002");
  assert.match(await olga.$eval("#status", (e) => e.textContent), /valid badge/);

  const audrey = await loggedIn("audrey");
  const response = await audrey.goto(desk.url + "person/P002");
  assert.equal(response.status(), 200);
  assert.equal(await audrey.$eval("#person-name", (e) => e.textContent), "Thorbjørn Jagland");
  assert.deepEqual(await audrey.$$eval("form.action", (f) => f.map((e) => e.action)), []);
  // Her only forms are the header's language switch and logout.
  assert.deepEqual(await audrey.$$eval("form[method=post]", (f) => f.map((e) => new URL(e.action).pathname)),
                   ["/lang", "/logout"]);
  await closePage(olga);
  await closePage(audrey);
});

test("the evacuation list of the grounds matches issuer audit occupancy", async () => {
  assert.ok(shared.state, "the kiosk did not run");
  // A second person at the gate, later: Thorbjørn Jagland's badge as the CLI renders it, at 09:20.
  const pngDir = path.join(desk.dir, "cli-badges");
  await desk.issuer(["badges", "--out", path.join(desk.dir, "P002.pdf"), "--png-dir", pngDir,
                     "--dpi", "200", "P002", "-w", desk.deskDir]);
  const jagland = await present(shared.state, path.join(pngDir, "P002.png"), "2014-03-31T07:20:00Z");
  assert.deepEqual([jagland.verdict, jagland.holder], ["granted", "P002"], JSON.stringify(jagland));
  const log = path.join(shared.state, "log.db");
  assert.ok(fs.existsSync(log), `no kiosk log at ${log}: ${fs.readdirSync(shared.state)}`);
  // The desk merges only logs of kiosks it registered (docs/audit.md): the main gate's key.
  await desk.issuer(["kiosks", "add", path.join(shared.state, "kiosk.pub"), "--gate", "main_gate",
                     "-w", desk.deskDir]);
  const store = path.join(desk.deskDir, "audit.db");
  await desk.issuer(["audit", "merge", "--out", store, "-w", desk.deskDir, log,
                     "--now", "2014-03-31T08:00:00Z"]);
  const page = await loggedIn("chief");
  // At 09:30 both are inside; at 09:10 only the walk-in (Jagland came at 09:20). The walk-in was
  // refused at 09:10 (revoked) without leaving: still inside.
  for (const [local, utc, inside] of [[EVACUATION_AT, "2014-03-31T07:30:00Z", ["P002", WALK_IN.id]],
                                      ["2014-03-31T09:10", "2014-03-31T07:10:00Z", [WALK_IN.id]]]) {
    const occupancy = JSON.parse((await desk.issuer(
      ["audit", "occupancy", "grounds", "--db", store, "--now", utc, "--json"])).stdout);
    const expected = occupancy.inside.map((r) => r.holder).sort();
    assert.deepEqual(expected, inside, JSON.stringify(occupancy));
    await page.goto(desk.url + `operations/evacuation?zone=grounds&at=${local}`);
    const listed = (await page.$$eval("#evacuation tbody td.holder", (c) => c.map((e) => e.textContent))).sort();
    assert.deepEqual(listed, expected, local);
    assert.equal(Number(await page.$eval("#inside-count", (e) => e.textContent)), occupancy.count);
    assert.match(await page.$eval("#evacuation tbody", (e) => e.textContent), new RegExp(WALK_IN.name));
  }
  assert.deepEqual(page.problems, []);
  await closePage(page);
});
