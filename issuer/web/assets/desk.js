// The web desk's few scripts: search as you type, the language switch's way back, and the
// helpers the pages use (each page's own script is below, keyed by the elements it finds).
"use strict";

function csrfToken() {
  const field = document.querySelector('input[name=csrf]');
  return field ? field.value : "";
}

function cell(text, href) {
  const td = document.createElement("td");
  if (href) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    td.appendChild(a);
  } else {
    td.textContent = text;
  }
  return td;
}

function liveSearch(input) {
  const tbody = document.querySelector("#results tbody");
  const none = document.getElementById("no-match");
  let timer = null, asked = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      const mine = ++asked;
      const url = input.dataset.liveSearch + "?q=" + encodeURIComponent(q);
      const reply = await fetch(url, {headers: {"Accept": "application/json"}});
      if (mine !== asked || !reply.ok) return;
      const body = await reply.json();
      tbody.replaceChildren();
      for (const p of body.people) {
        const tr = document.createElement("tr");
        const href = "/person/" + encodeURIComponent(p.id);
        tr.append(cell(p.id, href), cell(p.name, href), cell(p.delegation), cell(p.category));
        tbody.appendChild(tr);
      }
      none.hidden = !(q && body.people.length === 0);
      history.replaceState(null, "", q ? "/?q=" + encodeURIComponent(q) : "/");
    }, 120);
  });
}

// A page shown again from the back-forward cache (Back after a logout) would show the last
// operator's people without asking the desk: Chromium keeps no-store pages there too. Asked
// again, the desk sends an ended session to the login page.
window.addEventListener("pageshow", (e) => {
  if (e.persisted) location.reload();
});

document.addEventListener("DOMContentLoaded", () => {
  for (const back of document.querySelectorAll(".back-here"))
    back.value = location.pathname + location.search;
  const search = document.querySelector("[data-live-search]");
  if (search) liveSearch(search);
  for (const b of document.querySelectorAll("[data-print-frame]")) {
    b.addEventListener("click", () => {
      const frame = document.getElementById(b.dataset.printFrame);
      if (frame && frame.contentWindow) frame.contentWindow.print();
    });
  }
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (e) => {
      if (!confirm(form.dataset.confirm)) e.preventDefault();
    });
  }
});
