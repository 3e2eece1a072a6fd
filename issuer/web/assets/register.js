// The walk-in form (/register): the photo from the desk's webcam or a file, cropped to the
// badge's portrait, and the server's checks shown beside each field as the operator types.
//
// Stable element ids (the browser tests rely on them):
//   #register-form   the form (POST /register, multipart)
//   #id #name #delegation #category #escort_of   the fields, id = the field's name
//   #days #zones #photo   fieldsets of the day and zone checkboxes and of the photo
//   #FIELD-problem   the list of a field's problems (aria-describedby of the field)
//   #photo-video     the camera's live preview
//   #take-photo      "Take photo" (then "Retake")
//   #photo-file      <input type=file name=photo>: a chosen file, replaced by the cropped JPEG
//   #photo-preview   the cropped photo as it will be sent
//   #issue-now       "Issue the badge now"; #print-now: then open the print dialog
"use strict";

// The badge's photo frame is 37 x 46.25 mm (issuer/badge_draw.cpp) and the stored photo at most
// 360 x 450 pixels (issuer/photo_normalize.h): a 4:5 portrait, sent at exactly that size.
const PHOTO_WIDTH = 360, PHOTO_HEIGHT = 450;
const FIELDS = ["id", "name", "delegation", "category", "days", "zones", "escort_of", "photo"];

function cropToPortrait(source, width, height) {
  const ratio = PHOTO_WIDTH / PHOTO_HEIGHT;
  let w = width, h = height;
  if (width / height > ratio) w = Math.round(height * ratio); else h = Math.round(width / ratio);
  const canvas = document.createElement("canvas");
  canvas.width = PHOTO_WIDTH;
  canvas.height = PHOTO_HEIGHT;
  canvas.getContext("2d").drawImage(source, (width - w) / 2, (height - h) / 2, w, h,
                                    0, 0, PHOTO_WIDTH, PHOTO_HEIGHT);
  return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.92));
}

function setupPhoto(form, onChange) {
  const video = document.getElementById("photo-video");
  const take = document.getElementById("take-photo");
  const file = document.getElementById("photo-file");
  const preview = document.getElementById("photo-preview");
  const name = document.getElementById("photo-name");
  const kept = document.getElementById("photo-kept");
  const unavailable = document.getElementById("camera-unavailable");
  let stream = null;

  function usePhoto(blob, fileName) {
    // The cropped JPEG takes the file field's place, so the form sends it as any upload.
    const data = new DataTransfer();
    data.items.add(new File([blob], "walk-in.jpg", {type: "image/jpeg"}));
    file.files = data.files;
    name.value = fileName;
    kept.value = "";
    if (preview.src.startsWith("blob:")) URL.revokeObjectURL(preview.src);
    preview.src = URL.createObjectURL(blob);
    preview.hidden = false;
    video.hidden = true;
    take.textContent = take.dataset.retake;
    onChange();
  }

  function stopCamera() {
    if (stream) for (const track of stream.getTracks()) track.stop();
    stream = null;
  }

  async function startCamera() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      unavailable.hidden = false;
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia(
          {video: {width: {ideal: 1280}, height: {ideal: 720}}, audio: false});
    } catch (e) {
      unavailable.hidden = false;
      take.hidden = true;
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    preview.hidden = true;
    take.hidden = false;
    take.textContent = take.dataset.take;
  }

  take.addEventListener("click", async () => {
    if (!stream) return startCamera();
    if (!video.videoWidth) return; // no frame yet
    const blob = await cropToPortrait(video, video.videoWidth, video.videoHeight);
    stopCamera();
    usePhoto(blob, "webcam.jpg");
  });

  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    try {
      const image = await createImageBitmap(chosen);
      const blob = await cropToPortrait(image, image.width, image.height);
      stopCamera();
      usePhoto(blob, chosen.name);
    } catch (e) {
      // Not an image the browser can read: send it as it is, for the server to say why.
      name.value = chosen.name;
      kept.value = "";
      onChange();
    }
  });

  if (preview.hidden) {
    startCamera();
  } else {
    take.hidden = false;
    take.textContent = take.dataset.retake;
  }
}

function showProblems(problems, shown) {
  const byField = {};
  for (const p of problems) (byField[p.field] = byField[p.field] || []).push(p.message);
  for (const field of FIELDS) {
    if (!shown.has(field)) continue;
    const list = document.getElementById(field + "-problem");
    const element = document.getElementById(field);
    list.replaceChildren();
    for (const message of byField[field] || []) {
      const li = document.createElement("li");
      li.textContent = message;
      list.appendChild(li);
    }
    if (byField[field]) element.setAttribute("aria-invalid", "true");
    else element.removeAttribute("aria-invalid");
  }
}

function setupChecks(form) {
  // A field's problems appear once the operator has been in it (or after a refused submit):
  // an empty form is not a page of red.
  const shown = new Set(form.dataset.checked ? FIELDS : []);
  let timer = null, asked = 0;
  async function check() {
    const mine = ++asked;
    const reply = await fetch(form.dataset.check, {
      method: "POST",
      body: new FormData(form),
      headers: {"Accept": "application/json", "X-CSRF-Token": csrfToken()},
    });
    if (mine !== asked || !reply.ok) return;
    showProblems((await reply.json()).problems, shown);
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 300);
  }
  function fieldOf(target) {
    const holder = target.closest("fieldset[id]") || target;
    return FIELDS.includes(holder.id) ? holder.id : null;
  }
  form.addEventListener("input", (e) => {
    const field = fieldOf(e.target);
    if (field && field !== "photo") { shown.add(field); later(); }
  });
  form.addEventListener("change", (e) => {
    const field = fieldOf(e.target);
    if (field) { shown.add(field); later(); }
  });
  return () => { shown.add("photo"); later(); };
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("register-form");
  if (!form) return;
  const photoChanged = setupChecks(form);
  setupPhoto(form, photoChanged);
  const issue = document.getElementById("issue-now");
  const print = document.getElementById("print-now");
  if (issue && print) {
    const follow = () => { print.disabled = !issue.checked; };
    issue.addEventListener("change", follow);
    follow();
  }
});
