// The operations view: the refusals feed asks /api/refusals every 2 seconds for what was decided
// since the newest row it shows, and keeps the newest 50; the evacuation list's Print button.
"use strict";

const kFeedSize = 50;

function feedCell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function refusalRow(r) {
  const tr = document.createElement("tr");
  tr.dataset.key = r.key;
  tr.dataset.time = String(r.time);
  const photo = document.createElement("td");
  if (r.photo) {
    const img = document.createElement("img");
    img.className = "photo small";
    img.src = r.photo;
    img.alt = r.name;
    photo.appendChild(img);
  }
  const who = document.createElement("td");
  who.append(r.name);
  if (r.holder) {
    const id = document.createElement("span");
    id.className = "quiet";
    id.textContent = " (" + r.holder + ")";
    who.append(id);
  }
  if (r.delegation) {
    const d = document.createElement("span");
    d.className = "quiet";
    d.textContent = r.delegation;
    who.append(document.createElement("br"), d);
  }
  tr.append(photo, who, feedCell(r.gate), feedCell(r.time_text, "time"),
            feedCell(r.reason_text, "verdict-" + r.verdict));
  tr.classList.add("fresh");
  return tr;
}

// Puts each new row in its place by time (newest first); a row already shown is left alone.
function addRefusals(tbody, rows) {
  const shown = new Set(Array.from(tbody.rows, (tr) => tr.dataset.key));
  for (const r of rows.slice().reverse()) {
    if (shown.has(r.key)) continue;
    const row = refusalRow(r);
    const after = Array.from(tbody.rows).find((tr) => Number(tr.dataset.time) <= r.time);
    tbody.insertBefore(row, after || null);
  }
  while (tbody.rows.length > kFeedSize) tbody.deleteRow(tbody.rows.length - 1);
}

function refusalFeed(table) {
  const tbody = table.tBodies[0];
  const none = document.getElementById("no-refusals");
  const notice = document.getElementById("no-store");
  const poll = async () => {
    // Rows decided in the same second as the newest shown may still arrive: ask from that
    // second and skip those already shown.
    const newest = tbody.rows.length ? tbody.rows[0].dataset.time : "0";
    try {
      const reply = await fetch(table.dataset.refusals + "?after=" + encodeURIComponent(newest),
                                {headers: {"Accept": "application/json"}});
      if (reply.status === 401) { location.reload(); return; }
      if (reply.ok) {
        const body = await reply.json();
        for (const tr of tbody.querySelectorAll("tr.fresh")) tr.classList.remove("fresh");
        addRefusals(tbody, body.refusals);
        if (notice && body.store) notice.hidden = true;
        none.hidden = tbody.rows.length > 0;
      }
    } finally {
      setTimeout(poll, 2000);
    }
  };
  setTimeout(poll, 2000);
}

document.addEventListener("DOMContentLoaded", () => {
  const feed = document.querySelector("[data-refusals]");
  if (feed) refusalFeed(feed);
  for (const b of document.querySelectorAll("[data-print-page]"))
    b.addEventListener("click", () => window.print());
});
