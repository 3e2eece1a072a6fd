// The web desk's screenshots for the README, taken in the same headless Chromium as the tests
// (1366x768, the desk's target screen). Not a test: run by hand after a page changes, then look
// at the pictures before committing them.
//   node tests/browser/screenshots.js build/issuer/issuer assets docs/images
"use strict";

const path = require("node:path");
const h = require("./desk_harness");

async function main() {
  const [issuer, assets, out] = process.argv.slice(2);
  if (!out) throw new Error("usage: node screenshots.js ISSUER_BINARY ASSETS_DIR OUTPUT_DIR");
  const desk = await h.startDesk(h.deskArgs([issuer, assets]));
  try {
    const page = await desk.newPage();
    await page.goto(desk.url + "login");
    await (await h.fieldByLabel(page, "Name")).type("olga");
    await page.screenshot({ path: path.join(out, "web-login.png") });
    console.log(`wrote ${path.join(out, "web-login.png")}`);
  } finally {
    await h.stop(desk);
  }
}

h.deadline();
main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
