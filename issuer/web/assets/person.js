// The person's page: the badge frame stays out of the way until a badge is shown in it, and
// "Print from this browser" waits until the badge has loaded (desk.js prints the frame).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const frame = document.getElementById("badge-frame");
  const print = document.getElementById("print-browser");
  if (!frame || !print) return;
  frame.hidden = true;
  print.disabled = true;
  for (const link of document.querySelectorAll("[data-shows-frame]"))
    link.addEventListener("click", () => { frame.hidden = false; print.disabled = true; });
  // Arriving with ?print=1 (a walk-in registered with "open the print dialog"): the badge is
  // shown and the browser's print dialog opens once it has loaded: issue and print in one step.
  const printNow = new URLSearchParams(location.search).get("print") === "1";
  frame.addEventListener("load", () => {
    if (frame.hidden) return;
    print.disabled = false;
    frame.scrollIntoView({block: "nearest"});
    if (printNow && frame.dataset.printed !== "1") {
      frame.dataset.printed = "1";
      setTimeout(() => frame.contentWindow.print(), 300); // the PDF viewer draws first
    }
  });
  const a6 = document.querySelector("[data-shows-frame]");
  if (printNow && a6) a6.click();
});
