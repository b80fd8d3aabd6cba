/* Live preview, injected by `showcase serve` only: reloads after a rebuild, swaps CSS in
   place, and shows build errors over the page until they are fixed. Never in a built site.
   Errors quote the content, which may hold markup: every string goes in as text, never HTML. */
(function () {
  "use strict";
  var OVERLAY_ID = "showcase-error-overlay";

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function text(value) {
    return value === undefined || value === null ? "" : String(value);
  }

  function parseErrors(data) {
    var errors;
    try {
      errors = JSON.parse(data);
    } catch (e) {
      errors = [{ message: data }];
    }
    return Array.isArray(errors) ? errors : [errors];
  }

  function showErrors(errors) {
    removeOverlay();
    var overlay = document.createElement("div");
    overlay.id = OVERLAY_ID;
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "Build error");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,18,15,.98);color:#f6f1e7;padding:2rem;" +
      "font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
    var title = document.createElement("h2");
    title.textContent = "The site could not be rebuilt";
    title.style.cssText = "font:600 1.4rem/1.3 system-ui,sans-serif;margin:0 0 1rem;color:#f0c469";
    overlay.appendChild(title);
    errors.forEach(function (item) {
      var error = typeof item === "object" && item !== null ? item : { message: item };
      var block = document.createElement("div");
      block.className = "showcase-error";
      block.style.cssText = "margin:0 0 1rem;padding:.75rem 1rem;border-left:4px solid #e8806c;background:#211e19";
      var where = document.createElement("div");
      where.className = "showcase-error__location";
      where.textContent = text(error.location);
      where.style.cssText = "color:#9cc3ea";
      var message = document.createElement("div");
      message.className = "showcase-error__message";
      message.textContent = text(error.message);
      block.appendChild(where);
      block.appendChild(message);
      if (error.hint) {
        var hint = document.createElement("div");
        hint.textContent = "hint: " + text(error.hint);
        hint.style.cssText = "color:#b9ad99";
        block.appendChild(hint);
      }
      overlay.appendChild(block);
    });
    var note = document.createElement("p");
    note.textContent = "The preview shows the last good build. This message goes away when the file is fixed.";
    note.style.cssText = "font-family:system-ui,sans-serif;color:#b9ad99";
    overlay.appendChild(note);
    document.body.appendChild(overlay);
  }

  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set("showcase-reload", String(Date.now()));
      var fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.onload = function () { link.remove(); };
      link.after(fresh);
    });
  }

  var source = new EventSource("/__showcase/events");
  source.addEventListener("reload", function () {
    var y = window.scrollY;
    sessionStorage.setItem("showcase-scroll", location.pathname + " " + y);
    location.reload();
  });
  source.addEventListener("css", function () { removeOverlay(); swapStylesheets(); });
  source.addEventListener("build-error", function (event) {
    if (event.data) showErrors(parseErrors(event.data));
  });
  source.addEventListener("ok", function () {
    if (document.getElementById(OVERLAY_ID)) location.reload();
  });
  // Close the stream as the page goes, so the preview frees its connection at once.
  window.addEventListener("pagehide", function () { source.close(); });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) location.reload(); // back from the page cache: stream closed, maybe stale
  });

  var saved = sessionStorage.getItem("showcase-scroll");
  if (saved) {
    sessionStorage.removeItem("showcase-scroll");
    var parts = saved.split(" ");
    if (parts[0] === location.pathname) window.scrollTo(0, Number(parts[1]));
  }
})();
