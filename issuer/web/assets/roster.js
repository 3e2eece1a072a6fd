// The roster page (/roster): "Issue all" runs as a background job; this polls its progress
// (GET /api/jobs/ID, readable only by the operator who started it) into the <progress> bar and
// shows the result. Without script the page still works: the job runs and the page reloads.
// Element ids: #roster-form, #roster, #photos, #issue-all-form, #issue-all, #job (data-job),
// #job-progress, #job-count, #job-result, #job-issued, #job-already, #job-reissue,
// #job-withdrawn, #job-error.
"use strict";

function listInto(list, items) {
  list.replaceChildren();
  for (const text of items) {
    const li = document.createElement("li");
    li.textContent = text;
    list.appendChild(li);
  }
}

function showResult(result) {
  document.getElementById("job-issued").textContent = result.issued;
  document.getElementById("job-already").textContent = result.already;
  const reissue = document.getElementById("job-reissue");
  listInto(reissue.querySelector("ul"), result.needs_reissue);
  reissue.hidden = result.needs_reissue.length === 0;
  listInto(document.getElementById("job-withdrawn"), result.withdrawn);
  document.getElementById("job-result").hidden = false;
}

async function pollJob(box, id) {
  box.hidden = false;
  const bar = document.getElementById("job-progress");
  const count = document.getElementById("job-count");
  const button = document.getElementById("issue-all");
  button.disabled = true;
  for (;;) {
    const reply = await fetch("/api/jobs/" + encodeURIComponent(id),
                              {headers: {"Accept": "application/json"}});
    if (!reply.ok) { button.disabled = false; return; }
    const job = await reply.json();
    bar.max = Math.max(job.total, 1);
    bar.value = job.done;
    count.textContent = job.done + " / " + job.total;
    if (job.finished) {
      button.disabled = false;
      if (job.failed) {
        const error = document.getElementById("job-error");
        error.querySelector("span").textContent = job.result.error;
        error.hidden = false;
      } else {
        bar.value = bar.max;
        showResult(job.result);
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("job");
  const form = document.getElementById("issue-all-form");
  if (!box || !form) return;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const reply = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: {"Accept": "application/json", "X-CSRF-Token": csrfToken()},
    });
    if (!reply.ok) { form.submit(); return; } // the page then says why
    const started = await reply.json();
    history.replaceState(null, "", "/roster?job=" + encodeURIComponent(started.job));
    document.getElementById("job-result").hidden = true;
    pollJob(box, started.job);
  });
  if (box.dataset.job) pollJob(box, box.dataset.job);
});
