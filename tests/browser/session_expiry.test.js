// The idle timeout in Chromium: with `issuer web --idle-timeout 5`, a page left alone for 6 s
// has lost its session (its next action is refused and says so, and the journal has "session
// expired"), while a page used every 2 s keeps its own. Run:
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
    await page.goto(desk.url + "login");
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
  // The idle page's next action, a click on "FR", is refused with the reason in its words.
  const [response] = await Promise.all([idle.waitForNavigation(), idle.click("button.lang[value=fr]")]);
  assert.equal(response.status(), 401);
  assert.equal(await idle.$eval("#error-message", (e) => e.textContent),
               "Your session has ended. Please log in again.");
  assert.equal(await idle.$("#operator-name"), null);
  const expired = h.journalRows(await desk.journal(), "session expired", journalBefore);
  assert.deepEqual(expired.map((r) => [r.operator, r.role, r.detail]), [["olga", "operator", "idle or too old"]]);
  // Its login page shows no session any more; logging in again works.
  await idle.goto(desk.url + "login");
  assert.equal(await idle.$("#operator-name"), null);
  await h.login(idle, "olga", desk.operators.olga.password);
  await idle.goto(desk.url + "login");
  assert.equal(await idle.$eval("#operator-name", (e) => e.textContent), "olga");
  // The busy page, used all along, is still logged in.
  await busy.reload();
  assert.equal(await busy.$eval("#operator-name", (e) => e.textContent), "sam");
  assert.deepEqual(idle.problems.filter((p) => !/status of 401/.test(p)), []);
});

test("the login page says why when a session ended", async () => {
  // Where a page of the desk sends an operator whose session ended (/login?ended=1).
  const page = await desk.newPage({ lang: "fr" });
  await page.goto(desk.url + "login?next=%2F&ended=1");
  assert.equal(await page.$eval("p.notice", (e) => e.textContent),
               "Votre session a pris fin. Veuillez vous reconnecter.");
  assert.equal(await page.$eval("input[name=next]", (e) => e.value), "/");
});
