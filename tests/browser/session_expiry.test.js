// The idle timeout in Chromium: with `issuer web --idle-timeout 5`, a page left alone for 6 s
// has lost its session (its next page is the login page saying so, a form it posts is refused,
// and the journal has "session expired"), while a page used every 2 s keeps its own. Run:
//   node session_expiry.test.js ISSUER_BINARY ASSETS_DIR
"use strict";

const { after, before, test } = require("node:test");
const h = require("./desk_harness");
const { assert } = h;

const IDLE_SECONDS = 5;
h.deadline();
let desk;
before(async () => { desk = await h.startDesk({ ...h.deskArgs(), idleTimeout: IDLE_SECONDS }); });
after(async () => {
  const exit = await h.stop(desk);
  assert.deepEqual(exit && [exit.code, exit.signal], [0, null], `issuer web: ${exit && exit.stderr}`);
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test("an idle session ends; a busy one does not", async () => {
  const idle = await desk.newPage();
  const busy = await desk.newPage();
  for (const [page, name] of [[idle, "olga"], [busy, "sam"]]) {
    await h.login(page, name, desk.operators[name].password);
    assert.equal(page.url(), desk.url);
    assert.equal(await page.$eval("#operator-name", (e) => e.textContent), name);
  }
  const idleSince = Date.now();
  const journalBefore = (await desk.journal()).length;
  // The busy page is used every 2 s (under the timeout) while the idle one waits past it.
  while (Date.now() - idleSince < (IDLE_SECONDS + 1.5) * 1000) {
    await sleep(2000);
    await busy.reload();
    assert.equal(await busy.$eval("#operator-name", (e) => e.textContent), "sam");
  }
  // The idle page's form (FR), posted now, is refused with the reason in its words.
  const csrf = await h.csrfOf(idle);
  const [refused] = await Promise.all([idle.waitForNavigation(), idle.click("button.lang[value=fr]")]);
  assert.equal(refused.status(), 401);
  assert.equal(await idle.$eval("#error-message", (e) => e.textContent),
               "Your session has ended. Please log in again.");
  assert.equal(await idle.$("#operator-name"), null);
  const expired = h.journalRows(await desk.journal(), "session expired", journalBefore);
  assert.deepEqual(expired.map((r) => [r.operator, r.role, r.detail]), [["olga", "operator", "idle or too old"]]);
  // Its next page is the login page, which says why; logging in again leads back to it.
  await idle.goto(desk.url);
  const login = new URL(idle.url());
  assert.equal(login.pathname, "/login");
  assert.equal(login.searchParams.get("next"), "/");
  assert.equal(await idle.$("#operator-name"), null);
  await h.login(idle, "olga", desk.operators.olga.password);
  assert.equal(idle.url(), desk.url);
  assert.equal(await idle.$eval("#operator-name", (e) => e.textContent), "olga");
  assert.notEqual(await h.csrfOf(idle), csrf); // a new session, not the old one revived
  // The busy page, used all along, is still logged in.
  await busy.reload();
  assert.equal(await busy.$eval("#operator-name", (e) => e.textContent), "sam");
  assert.deepEqual(idle.problems, []);
});

test("a page of an ended session goes to the login page, which says the session ended", async () => {
  const page = await desk.newPage({ lang: "fr" });
  await h.login(page, "chief", desk.operators.chief.password,
                { labels: { name: "Nom", password: "Mot de passe" } });
  assert.equal(await page.$eval("#operator-name", (e) => e.textContent), "chief");
  const journalBefore = (await desk.journal()).length;
  await sleep((IDLE_SECONDS + 1.5) * 1000);
  // A click on the menu's first entry (the search), as the operator comes back to the desk.
  await Promise.all([page.waitForNavigation(), page.click("header nav a[href='/']")]);
  const login = new URL(page.url());
  assert.equal(login.pathname, "/login");
  assert.equal(login.searchParams.get("ended"), "1");
  assert.equal(await page.$eval("p.notice", (e) => e.textContent),
               "Votre session a pris fin. Veuillez vous reconnecter.");
  const expired = h.journalRows(await desk.journal(), "session expired", journalBefore);
  assert.deepEqual(expired.map((r) => r.operator), ["chief"]);
});
