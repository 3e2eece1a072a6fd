// Forged and cross-origin posts in Chromium, and what each role may do with the pages that
// exist: a POST without the session's CSRF token, or from a page of another origin, is refused
// with 403 and changes nothing. Run: node csrf.test.js ISSUER_BINARY ASSETS_DIR
"use strict";

const { after, before, test } = require("node:test");
const h = require("./desk_harness");
const { assert } = h;

h.deadline();
let desk;
before(async () => { desk = await h.startDesk(h.deskArgs()); });
after(async () => {
  const exit = await h.stop(desk);
  assert.deepEqual(exit && [exit.code, exit.signal], [0, null], `issuer web: ${exit && exit.stderr}`);
});

// A page logged in as `name`, on the home page (the search; every role may search).
async function loggedIn(name) {
  const page = await desk.newPage();
  await h.login(page, name, desk.operators[name].password);
  assert.equal(page.url(), desk.url);
  assert.equal(await page.$eval("#operator-name", (e) => e.textContent), name);
  return page;
}

async function pageLanguage(page) {
  await page.goto(desk.url);
  return page.$eval("html", (e) => e.lang);
}

test("a POST with a wrong or missing CSRF token gets 403 and changes nothing", async () => {
  const page = await loggedIn("olga");
  const csrf = await h.csrfOf(page);
  const journalBefore = (await desk.journal()).length;
  const forged = [
    ["/lang", { lang: "fr", back: "/" }],
    ["/lang", { lang: "fr", back: "/", csrf: "" }],
    ["/lang", { lang: "fr", back: "/", csrf: csrf.slice(0, -1) + (csrf.endsWith("A") ? "B" : "A") }],
    ["/logout", {}],
    ["/logout", { csrf: "not-the-token" }],
  ];
  for (const [pathname, fields] of forged) {
    const answer = await h.postFromPage(page, pathname, fields);
    assert.equal(answer.status, 403, `${pathname} ${JSON.stringify(fields)}`);
    assert.match(answer.text, /This form has expired or did not come from this desk/);
  }
  // A wrong token in the header is refused as well, though the form field is right: the header
  // is looked at first.
  const headerForged = await page.evaluate(async (token) => {
    const r = await fetch("/logout", { method: "POST", redirect: "manual",
                                       headers: { "X-CSRF-Token": "wrong-" + token },
                                       body: new URLSearchParams({ csrf: token }) });
    return r.status;
  }, csrf);
  assert.equal(headerForged, 403);
  // Nothing changed: still logged in, still in English, nothing journalled.
  assert.equal(await pageLanguage(page), "en");
  assert.equal(await page.$eval("#operator-name", (e) => e.textContent), "olga");
  assert.equal((await desk.journal()).length, journalBefore);
  // The same posts with the token are accepted: the token was what they lacked.
  const right = await h.postFromPage(page, "/lang", { lang: "fr", back: "/", csrf });
  assert.equal(right.status, 303);
  assert.equal(await pageLanguage(page), "fr");
  const viaHeader = await page.evaluate(async (token) => {
    const r = await fetch("/lang", { method: "POST", redirect: "manual", headers: { "X-CSRF-Token": token },
                                     body: new URLSearchParams({ lang: "en", back: "/" }) });
    return r.type;
  }, csrf);
  assert.equal(viaHeader, "opaqueredirect");
  assert.equal(await pageLanguage(page), "en");
});

// A page of another origin that posts a form to the desk as soon as it loads. It even knows the
// victim's CSRF token, so only the Origin check (and the Strict cookie) stand in its way.
function attackerPage(action, fields) {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${v}">`).join("");
  return `<!DOCTYPE html><html><body><form method="post" action="${action}">${inputs}</form>` +
         `<script>document.forms[0].submit();</script></body></html>`;
}

test("a form posted from another origin is refused, with the right token and the right password", async () => {
  const page = await loggedIn("sam");
  const csrf = await h.csrfOf(page);
  const journalBefore = (await desk.journal()).length;
  const attempts = [
    [desk.url + "logout", { csrf }],
    [desk.url + "lang", { csrf, lang: "nl", back: "/" }],
    // Login CSRF: the victim's browser logged into an account of the attacker's choosing.
    [desk.url + "login", { name: "olga", password: desk.operators.olga.password, next: "/" }],
  ];
  for (const [action, fields] of attempts) {
    const other = await h.serveOtherOrigin(desk, attackerPage(action, fields));
    const answered = page.waitForResponse((r) => r.url() === action);
    await page.goto(other).catch(() => {}); // the form's own navigation may cut this one short
    const response = await answered;
    await page.waitForFunction((url) => location.href === url && document.readyState === "complete",
                               {}, action);
    assert.equal(response.status(), 403, action);
    assert.match(await page.$eval("#error-message", (e) => e.textContent),
                 /This form has expired or did not come from this desk/);
  }
  // Still sam, still English; no logout, no language change, no login in the journal.
  assert.equal(await pageLanguage(page), "en");
  assert.equal(await page.$eval("#operator-name", (e) => e.textContent), "sam");
  assert.deepEqual((await desk.journal()).slice(journalBefore), []);
});

// The menu each role sees on the desk's pages: an entry only where the role's permission allows.
const MENUS = {
  olga: ["/", "/register", "/roster"],
  sam: ["/", "/register", "/roster", "/journal", "/prints", "/bundles"],
  chief: ["/", "/operations"],
  audrey: ["/", "/operations", "/journal", "/prints", "/audit"],
};

test("each role's menu offers only what the role may do", async () => {
  for (const [name, expected] of Object.entries(MENUS)) {
    const page = await loggedIn(name);
    const hrefs = await page.$$eval("header nav a", (links) => links.map((a) => a.getAttribute("href")));
    assert.deepEqual(hrefs, expected, name);
    await page.browserContext().close();
  }
});

// Every post that changes the desk, and the roles that may make it (olga: operator, sam:
// supervisor; chief, the security chief, and audrey, the auditor, may make none).
const CHANGES = [
  { path: "/person/M001/issue", fields: {}, allowed: ["olga", "sam"] },
  { path: "/person/M001/reissue", fields: { reason: "lost badge" }, allowed: ["olga", "sam"] },
  { path: "/person/M001/print", fields: {}, allowed: ["olga", "sam"] },
  { path: "/person/M001/revoke", fields: { reason: "test" }, allowed: ["sam"] },
  { path: "/person/M001/withdraw", fields: { reason: "test" }, allowed: ["sam"] },
  { path: "/person/M001/reinstate", fields: { reason: "test" }, allowed: ["sam"] },
  { path: "/register", fields: { name: "Walk In", delegation: "X", category: "press" }, allowed: ["olga", "sam"] },
  { path: "/api/register/check", fields: { name: "Walk In" }, allowed: ["olga", "sam"] },
  { path: "/roster", fields: {}, allowed: ["olga", "sam"] },
  { path: "/roster/issue", fields: {}, allowed: ["olga", "sam"] },
  { path: "/bundles/export", fields: { kind: "whole" }, allowed: ["sam"] },
  { path: "/bundles/revocations", fields: {}, allowed: ["sam"] },
];

test("a role without the permission gets 403 for each change, and nothing is done", async () => {
  const statusBefore = (await desk.issuer(["status", "-w", desk.deskDir, "--json"])).stdout;
  for (const name of ["olga", "chief", "audrey"]) {
    const page = await loggedIn(name);
    const csrf = await h.csrfOf(page);
    const journalBefore = (await desk.journal()).length;
    const refused = CHANGES.filter((c) => !c.allowed.includes(name));
    assert.ok(refused.length >= (name === "olga" ? 5 : CHANGES.length), name);
    for (const change of refused) {
      const answer = await h.postFromPage(page, change.path, { ...change.fields, csrf });
      assert.equal(answer.status, 403, `${name} ${change.path}`);
      assert.match(answer.text, /Your role does not allow this/, `${name} ${change.path}`);
    }
    assert.equal((await page.goto(desk.url + "bundles")).status(), 403, name);
    assert.deepEqual((await desk.journal()).slice(journalBefore), [], name);
    await page.browserContext().close();
  }
  // The desk itself is as it was: no badge issued, revoked or withdrawn, nobody added.
  assert.equal((await desk.issuer(["status", "-w", desk.deskDir, "--json"])).stdout, statusBefore);
});

test("the supervisor's export, clicked in the page, is done and journalled (the routes work)", async () => {
  const page = await loggedIn("sam");
  await page.goto(desk.url + "bundles");
  const journalBefore = (await desk.journal()).length;
  await Promise.all([page.waitForNavigation(), page.click("#export-whole")]);
  const done = new URL(page.url());
  assert.equal(done.pathname, "/bundles");
  assert.match(done.searchParams.get("done") || "", /\S/);
  const rows = (await desk.journal()).slice(journalBefore);
  assert.deepEqual(rows.map((r) => [r.operator, r.action, r.subject]),
                   [["sam", "export bundle", done.searchParams.get("done")]]);
});

test("an auditor may switch language and log out", async () => {
  const page = await loggedIn("audrey");
  const csrf = await h.csrfOf(page);
  assert.equal((await h.postFromPage(page, "/lang", { lang: "nl", back: "/", csrf })).status, 303);
  assert.equal(await pageLanguage(page), "nl");
  const journalBefore = (await desk.journal()).length;
  const out = await h.postFromPage(page, "/logout", { csrf });
  assert.equal(out.status, 303);
  const rows = (await desk.journal()).slice(journalBefore);
  assert.deepEqual(rows.map((r) => [r.operator, r.role, r.action]), [["audrey", "auditor", "logout"]]);
  await page.goto(desk.url);
  assert.equal(new URL(page.url()).pathname, "/login");
  assert.equal(await page.$("#operator-name"), null);
});
