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
  frame.addEventListener("load", () => {
    if (frame.hidden) return;
    print.disabled = false;
    frame.scrollIntoView({block: "nearest"});
  });
});
