// Logging in and out of the web desk in Chromium: the form as a person uses it, a refused
// password (shown and journalled), the language switch, logout, the session cookie's flags and
// the security headers. Run: node login.test.js ISSUER_BINARY ASSETS_DIR
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

test("issuer web prints the key pin of the certificate it serves", () => {
  assert.equal(desk.printedPin, desk.pin);
});

test("a wrong password is refused on the page and journalled", async () => {
  const page = await desk.newPage();
  const journalBefore = (await desk.journal()).length;
  const response = await h.login(page, "olga", "not-her-password");
  assert.equal(response.status(), 401);
  assert.equal(new URL(page.url()).pathname, "/login");
  assert.equal(await page.$eval("#login-message", (e) => e.textContent), "Wrong name or password.");
  assert.equal(await h.sessionCookie(page), undefined);
  assert.equal(await page.$("#operator-name"), null);
  // The name typed stays in its field; the password does not.
  assert.equal(await page.$eval("#name", (e) => e.value), "olga");
  assert.equal(await page.$eval("#password", (e) => e.value), "");
  const refused = h.journalRows(await desk.journal(), "login refused", journalBefore);
  assert.equal(refused.length, 1);
  assert.equal(refused[0].operator, "olga");
  assert.equal(refused[0].remote, "127.0.0.1");
  assert.deepEqual(page.problems, []);
});

test("the login form logs in; the header shows who; the cookie is HttpOnly, Secure, Strict", async () => {
  const page = await desk.newPage();
  const response = await h.login(page, "olga", desk.operators.olga.password);
  // The form's 303 leads to the home page, the search.
  assert.equal(response.request().redirectChain()[0].response().status(), 303);
  assert.equal(response.url(), desk.url);
  assert.equal(response.status(), 200);
  assert.equal(await page.$eval("h1", (e) => e.textContent), "People");
  const cookie = await h.sessionCookie(page);
  assert.ok(cookie, "no session cookie after logging in");
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.secure, true);
  assert.equal(cookie.sameSite, "Strict");
  assert.equal(cookie.path, "/");
  assert.equal(cookie.session, true); // gone when the browser closes
  assert.equal(await page.evaluate(() => document.cookie), ""); // no script of the page reads it
  assert.equal(await page.$eval("#operator-name", (e) => e.textContent), "olga");
  assert.match(await page.$eval(".who", (e) => e.textContent), /Logged in as\s+olga\s+\(desk operator\)/);
  assert.match(await h.csrfOf(page), /^\S{16,}$/);
  const journal = await desk.journal();
  const logins = h.journalRows(journal, "login").filter((r) => r.operator === "olga");
  assert.equal(logins.length, 1);
  assert.equal(logins[0].role, "operator");
  assert.deepEqual(page.problems, []);
});

test("the security headers are on every answer", async () => {
  const page = await desk.newPage();
  for (const pathname of ["login", "static/style.css", "static/desk.js"]) { // no session needed
    const response = await page.goto(desk.url + pathname);
    assert.equal(response.status(), 200, pathname);
    const headers = response.headers();
    const csp = headers["content-security-policy"] || "";
    assert.match(csp, /default-src 'self'/, pathname);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, pathname);
    assert.match(csp, /frame-ancestors 'self'/, pathname);
    assert.match(csp, /form-action 'self'/, pathname);
    assert.equal(headers["x-content-type-options"], "nosniff", pathname);
    assert.equal(headers["referrer-policy"], "same-origin", pathname);
    assert.match(headers["strict-transport-security"] || "", /max-age=\d{7,}/, pathname);
    assert.match(headers["permissions-policy"] || "", /camera=\(self\)/, pathname);
  }
  const login = await page.goto(desk.url + "login");
  assert.equal(login.headers()["cache-control"], "no-store");
  // The CSP is enforced: an inline script put into the page does not run.
  const ran = await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.inlineRan = true;";
    document.body.appendChild(s);
    return window.inlineRan === true;
  });
  assert.equal(ran, false);
});

test("the language switch renders French and Dutch words, and back to English", async () => {
  const page = await desk.newPage();
  await h.login(page, "sam", desk.operators.sam.password);
  const switchTo = async (code) => {
    await Promise.all([page.waitForNavigation(), page.click(`button.lang[value=${code}]`)]);
    return {
      lang: await page.$eval("html", (e) => e.lang),
      who: await page.$eval(".who", (e) => e.textContent.replace(/\s+/g, " ").trim()),
      logout: await page.$eval("#logout", (e) => e.textContent),
      pressed: await page.$eval(`button.lang[value=${code}]`, (e) => e.getAttribute("aria-pressed")),
    };
  };
  const fr = await switchTo("fr");
  assert.equal(page.url(), desk.url); // back to the page it was on
  assert.equal(fr.lang, "fr");
  assert.match(fr.who, /Connecté en tant que sam \(superviseur\)/);
  assert.equal(fr.logout, "Se déconnecter");
  assert.equal(fr.pressed, "true");
  assert.equal(await page.$eval("h1", (e) => e.textContent), "Personnes");
  assert.equal(await page.$eval("label[for=q]", (e) => e.textContent), "Nom, identifiant ou délégation");
  const nl = await switchTo("nl");
  assert.equal(nl.lang, "nl");
  assert.match(nl.who, /Aangemeld als sam \(supervisor\)/);
  assert.equal(nl.logout, "Afmelden");
  assert.equal(await page.$eval("h1", (e) => e.textContent), "Personen");
  const en = await switchTo("en");
  assert.equal(en.lang, "en");
  assert.equal(en.logout, "Log out");
  assert.equal(await page.$eval("h1", (e) => e.textContent), "People");
  assert.deepEqual(page.problems, []);
});

test("the login page speaks the browser's language before anyone logs in", async () => {
  const page = await desk.newPage({ lang: "nl-BE,nl;q=0.9,en;q=0.5" });
  await page.goto(desk.url + "login");
  assert.equal(await page.$eval("html", (e) => e.lang), "nl");
  const response = await h.login(page, "olga", desk.operators.olga.password,
                                 { labels: { name: "Naam", password: "Wachtwoord" } });
  assert.equal(response.url(), desk.url);
  assert.ok(await h.sessionCookie(page), `not logged in (${response.status()})`);
  assert.equal(await page.$eval("h1", (e) => e.textContent), "Personen");
});

test("logout ends the session: the cookie goes, going back leads to /login, the old cookie is refused", async () => {
  const page = await desk.newPage();
  await h.login(page, "chief", desk.operators.chief.password);
  assert.equal(await page.$eval("#operator-name", (e) => e.textContent), "chief");
  const cookie = await h.sessionCookie(page);
  const csrf = await h.csrfOf(page);
  const journalBefore = (await desk.journal()).length;
  await Promise.all([page.waitForNavigation(), page.click("#logout")]);
  assert.equal(new URL(page.url()).pathname, "/login");
  assert.equal(await page.$("#operator-name"), null);
  assert.equal(await h.sessionCookie(page), undefined);
  const logouts = h.journalRows(await desk.journal(), "logout", journalBefore);
  assert.deepEqual(logouts.map((r) => r.operator), ["chief"]);
  // Back to the page before (the search): Chromium shows it from its back-forward cache, and
  // the page asks the desk again, which sends it to the login page.
  const asked = page.waitForResponse((r) => new URL(r.url()).pathname === "/login");
  await page.goBack();
  await asked;
  await page.waitForFunction(() => location.pathname === "/login" && document.readyState === "complete");
  const back = new URL(page.url());
  assert.equal(back.pathname, "/login");
  assert.equal(back.searchParams.get("next"), "/");
  assert.equal(await page.$("#operator-name"), null);
  assert.equal(await h.csrfOf(page), "");
  // The old cookie, put back, opens nothing: the desk closed the session, not just the browser.
  await page.setCookie({ ...cookie, url: desk.url });
  const replay = await h.postFromPage(page, "/lang", { csrf, lang: "fr", back: "/" });
  assert.equal(replay.status, 401);
  assert.match(replay.text, /Your session has ended/);
  const home = await page.goto(desk.url);
  assert.equal(home.request().redirectChain()[0].response().status(), 303);
  assert.equal(new URL(page.url()).pathname, "/login");
  assert.equal(await page.$("#operator-name"), null);
});
