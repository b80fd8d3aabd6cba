/* A lightbox for the works of a series page (or the views of a work page), on the native
   <dialog> of the page. Without scripts every work links to its own page (a view to its full
   image); with them, following the link (a plain click or Enter) shows it large here instead.
   The address carries the work as #<work-slug> (a view as #view-<n>), so the back button
   steps back and a link to it opens it. */
(function () {
  "use strict";
  var dialog = document.querySelector("dialog[data-lightbox]");
  if (!dialog || typeof dialog.showModal !== "function" || !window.history.pushState) return;

  var grid = document.querySelector("[data-lightbox-grid]") || document.querySelector(".works-grid");
  var items = grid ? Array.prototype.slice.call(grid.querySelectorAll("li[data-slug]")) : [];
  if (!items.length) return;

  function part(name) { return dialog.querySelector("[data-lightbox-" + name + "]"); }
  var stage = part("stage");
  var preload = part("preload");
  var title = part("title");
  var meta = part("meta");
  var caption = part("caption");
  var link = part("link");
  var position = part("position");
  var status = part("status");
  // What the status line announces, in the page's language: "{title}, {number} of {count}".
  var announced = dialog.getAttribute("data-status-text") || "{title}, {number} of {count}";
  var reducedMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : { matches: false };

  var works = items.map(function (item) {
    var anchor = item.querySelector("a[href]");
    return {
      item: item,
      slug: item.getAttribute("data-slug"),
      title: item.getAttribute("data-title") || "",
      year: item.getAttribute("data-year") || "",
      medium: item.getAttribute("data-medium") || "",
      meta: item.getAttribute("data-meta") || "",
      kind: item.getAttribute("data-kind") || "",
      dimensions: item.getAttribute("data-dimensions") || "",
      caption: item.getAttribute("data-caption") || "",
      status: item.getAttribute("data-status") || "",
      statusLabel: item.getAttribute("data-status-label") || "",
      href: anchor ? anchor.href : "",
      anchor: anchor,
      frame: null
    };
  });

  var current = -1;      // the work shown, or -1 while closed
  var opener = null;     // the link that opened the lightbox, to return focus to
  var unwinding = false; // history.go() is taking the address back to where the lightbox began
  var fromHistory = false;

  function indexOfSlug(slug) {
    for (var i = 0; i < works.length; i += 1) if (works[i].slug === slug) return i;
    return -1;
  }
  function slugInAddress() {
    try { return decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return ""; }
  }
  function addressWithout() { return window.location.pathname + window.location.search; }
  function wrap(index) { return (index + works.length) % works.length; }
  function depth() { var s = window.history.state; return s && s.lightbox ? s.depth || 0 : 0; }

  /* The work's own image markup (a <picture> with its sources, or an <img>), copied once and
     told how wide the lightbox shows it, so the browser picks the rendition and the format.
     The copy is assembled before it is given srcset and src, so nothing is fetched at the
     grid's size first. */
  var LATE = { src: 1, srcset: 1, sizes: 1, loading: 1, fetchpriority: 1 };

  function ratioOf(img) {
    var w = Number(img.getAttribute("width")), h = Number(img.getAttribute("height"));
    return w > 0 && h > 0 ? w / h : 1;
  }

  // The width the work is shown at: its layout box, not the drawn one (animations scale it).
  function shownWidth(ratio) {
    return Math.ceil(Math.max(1, Math.min(stage.clientWidth, stage.clientHeight * ratio))) + "px";
  }

  function copyOf(original, sizes, later) {
    var copy = document.createElement(original.tagName.toLowerCase());
    Array.prototype.forEach.call(original.attributes, function (attr) {
      if (!LATE[attr.name]) copy.setAttribute(attr.name, attr.value);
    });
    if (copy.tagName === "SOURCE" || copy.tagName === "IMG") {
      copy.setAttribute("sizes", sizes);
      later.push([copy, original]);
    }
    if (copy.tagName === "IMG") {
      copy.setAttribute("loading", "eager");
      copy.setAttribute("draggable", "false");
      copy.style.setProperty("--ratio", String(ratioOf(original)));
    }
    Array.prototype.forEach.call(original.children, function (child) {
      if (child.tagName === "SOURCE" || child.tagName === "IMG") copy.appendChild(copyOf(child, sizes, later));
    });
    return copy;
  }

  function frameFor(index) {
    var work = works[index];
    if (!work.frame) {
      var original = work.item.querySelector("picture") || work.item.querySelector("img");
      var frame = document.createElement("div");
      frame.className = "lightbox__frame";
      var img = original && (original.tagName === "IMG" ? original : original.querySelector("img"));
      if (img) {
        var later = [];
        frame.appendChild(copyOf(original, shownWidth(ratioOf(img)), later));
        later.forEach(function (pair) {
          ["srcset", "src"].forEach(function (name) {
            if (pair[1].hasAttribute(name)) pair[0].setAttribute(name, pair[1].getAttribute(name));
          });
        });
      }
      work.frame = frame;
    } else {
      size(work.frame);
    }
    return work.frame;
  }

  function size(frame) {
    var img = frame.querySelector("img");
    if (!img) return;
    var sizes = shownWidth(ratioOf(img));
    var nodes = frame.querySelectorAll("source, img");
    for (var i = 0; i < nodes.length; i += 1) {
      if (nodes[i].getAttribute("sizes") !== sizes) nodes[i].setAttribute("sizes", sizes);
    }
  }

  function preloadAround(index) {
    [wrap(index + 1), wrap(index - 1)].forEach(function (i) {
      if (i === index) return;
      var frame = frameFor(i);
      if (!frame.parentNode) preload.appendChild(frame);
    });
  }

  /* A sold or reserved work's mark, as the series page shows it: a dot, and its words for
     screen readers. Built from nodes: the words reach the page as text. */
  function saleMark(work) {
    var mark = document.createElement("span");
    mark.className = "sale-mark sale-mark--" + (work.status === "sold" ? "sold" : "reserved");
    var dot = document.createElement("span");
    dot.className = "sale-mark__dot";
    dot.setAttribute("aria-hidden", "true");
    var words = document.createElement("span");
    words.className = "sale-mark__text";
    words.textContent = work.statusLabel;
    mark.appendChild(dot);
    mark.appendChild(words);
    return mark;
  }

  function setText(index) {
    var work = works[index];
    title.textContent = work.title;
    meta.textContent = work.meta || [work.year, work.medium, work.dimensions, work.kind].filter(Boolean).join(" · ");
    if (work.status) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(saleMark(work));
    }
    caption.textContent = work.caption;
    caption.hidden = !work.caption;
    link.href = work.href;
    position.textContent = (index + 1) + " / " + works.length;
    var values = { title: work.title, number: String(index + 1), count: String(works.length) };
    status.textContent = announced.replace(/\{(title|number|count)\}/g, function (_, name) { return values[name]; });
  }

  function finishLeaving(frame) {
    frame.classList.remove("is-leaving", "is-from-next", "is-from-prev");
    frame.style.transform = "";
    frame.style.opacity = "";
    frame.style.removeProperty("--exit");
    if (frame.parentNode === stage) preload.appendChild(frame);
  }

  function show(index, direction) {
    setText(index); // first: the label's height decides the room left for the work
    var frame = frameFor(index);
    var leaving = stage.querySelectorAll(".lightbox__frame");
    var animate = !reducedMotion.matches && current !== -1 && direction;
    Array.prototype.forEach.call(leaving, function (old) {
      if (old === frame) return;
      if (!animate) { finishLeaving(old); return; }
      old.classList.remove("is-from-next", "is-from-prev");
      old.classList.add("is-leaving");
      old.setAttribute("data-direction", direction > 0 ? "next" : "prev");
      var done = function () { if (old.classList.contains("is-leaving")) finishLeaving(old); };
      old.addEventListener("animationend", done, { once: true });
      window.setTimeout(done, 600);
    });
    frame.classList.remove("is-leaving", "is-from-next", "is-from-prev");
    frame.style.transform = "";
    frame.style.opacity = "";
    if (animate) frame.classList.add(direction > 0 ? "is-from-next" : "is-from-prev");
    var img = frame.querySelector("img");
    if (img) img.setAttribute("fetchpriority", "high");
    stage.appendChild(frame);
    current = index;
    preloadAround(index);
  }

  function open(index, from) {
    opener = from || null;
    if (!dialog.open) {
      dialog.showModal();
      // Following a #fragment moves focus after the events that opened the lightbox: bring it back.
      window.setTimeout(function () {
        if (dialog.open && !dialog.contains(document.activeElement)) part("close").focus();
      }, 0);
    }
    show(index, 0);
  }

  /* Moving pushes an address, so the back button steps back through the works seen. */
  function move(step) {
    if (current === -1) return;
    var index = wrap(current + step);
    if (index === current) return;
    show(index, step);
    window.history.pushState({ lightbox: true, depth: depth() + 1 }, "", "#" + works[index].slug);
  }

  var returnTo = null;
  function returnFocus() {
    returnTo = opener && document.contains(opener) ? opener : current !== -1 ? works[current].anchor : null;
    if (returnTo) returnTo.focus({ preventScroll: !!opener });
  }
  // Going back to an address with a #fragment can take focus away again: give it back.
  function keepFocus() {
    window.setTimeout(function () {
      var active = document.activeElement;
      if (returnTo && !dialog.open && (!active || active === document.body)) returnTo.focus({ preventScroll: true });
    }, 0);
  }

  /* Closing by any means (Escape, the close button, a click beside the work, the back button). */
  dialog.addEventListener("close", function () {
    returnFocus();
    var steps = depth();
    if (!fromHistory) {
      if (steps > 0) {
        unwinding = true;
        window.history.go(-steps);
      } else if (window.location.hash) {
        window.history.replaceState(null, "", addressWithout());
      }
    }
    fromHistory = false;
    Array.prototype.forEach.call(stage.querySelectorAll(".lightbox__frame"), finishLeaving);
    current = -1;
    opener = null;
  });

  function closeFromHistory() {
    if (!dialog.open) return;
    fromHistory = true;
    dialog.close();
  }

  /* The address decides what is shown: back, forward, a typed or followed #<work-slug>. */
  function sync() {
    if (unwinding) {
      unwinding = false;
      keepFocus();
      // Opened from a shared address: it was where the lightbox began; drop the work from it.
      if (window.location.hash && indexOfSlug(slugInAddress()) !== -1) {
        window.history.replaceState(null, "", addressWithout());
      }
      return;
    }
    var index = indexOfSlug(slugInAddress());
    if (index === -1) { closeFromHistory(); return; }
    if (!dialog.open) { open(index, null); return; }
    if (index !== current) show(index, index > current ? 1 : -1);
  }
  window.addEventListener("popstate", sync);
  window.addEventListener("hashchange", function () {
    // popstate has handled it already, where a change of fragment sends both.
    if (unwinding) return;
    var index = indexOfSlug(slugInAddress());
    if (index === -1 ? dialog.open : index !== current) sync();
  });

  /* A plain click (or Enter) on a work's link opens it here; modified clicks open the page. */
  grid.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var anchor = event.target.closest ? event.target.closest("a[href]") : null;
    var item = anchor && anchor.closest("li[data-slug]");
    if (!item || !grid.contains(item)) return;
    var index = items.indexOf(item);
    if (index === -1) return;
    event.preventDefault();
    open(index, anchor);
    window.history.pushState({ lightbox: true, depth: 1 }, "", "#" + works[index].slug);
  });
  works.forEach(function (work) {
    Array.prototype.forEach.call(work.item.querySelectorAll("a[href]"), function (a) {
      a.setAttribute("aria-haspopup", "dialog");
    });
  });

  part("close").addEventListener("click", function () { dialog.close(); });
  part("prev").addEventListener("click", function () { move(-1); });
  part("next").addEventListener("click", function () { move(1); });

  document.addEventListener("keydown", function (event) {
    if (!dialog.open || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "ArrowRight" || event.key === "Right") { event.preventDefault(); move(1); }
    else if (event.key === "ArrowLeft" || event.key === "Left") { event.preventDefault(); move(-1); }
  });

  /* Swipe: the work follows the finger, and a decided flick moves to the next or previous. */
  var swipe = null;
  var lastPointer = "mouse";
  var swiped = false;
  dialog.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; swiped = false; });
  stage.addEventListener("pointerdown", function (event) {
    if (event.pointerType === "mouse" || !event.isPrimary || current === -1) return;
    swipe = { id: event.pointerId, x: event.clientX, y: event.clientY, t: Date.now(), dx: 0, dy: 0,
              frame: works[current].frame };
    if (stage.setPointerCapture) { try { stage.setPointerCapture(event.pointerId); } catch (e) { /* not capturable */ } }
  });
  stage.addEventListener("pointermove", function (event) {
    if (!swipe || event.pointerId !== swipe.id) return;
    swipe.dx = event.clientX - swipe.x;
    swipe.dy = event.clientY - swipe.y;
    if (Math.abs(swipe.dx) > Math.abs(swipe.dy) && swipe.frame) {
      swipe.frame.classList.add("is-dragging");
      swipe.frame.style.transform = "translateX(" + swipe.dx + "px)";
      swipe.frame.style.opacity = String(Math.max(0.4, 1 - Math.abs(swipe.dx) / (stage.clientWidth || 1)));
    }
  });
  function endSwipe(event) {
    if (!swipe || event.pointerId !== swipe.id) return;
    var s = swipe;
    swipe = null;
    var fast = Math.abs(s.dx) / Math.max(1, Date.now() - s.t) > 0.4;
    var far = Math.abs(s.dx) > Math.min(80, stage.clientWidth / 4);
    var decided = event.type === "pointerup" && Math.abs(s.dx) > 1.5 * Math.abs(s.dy) && Math.abs(s.dx) > 30 && (fast || far);
    if (s.frame) {
      s.frame.classList.remove("is-dragging");
      if (decided) {
        // The work leaves from where the finger let go, on in the same direction.
        s.frame.style.setProperty("--exit", (s.dx + (s.dx < 0 ? -48 : 48)) + "px");
      } else {
        s.frame.style.transform = "";
        s.frame.style.opacity = "";
      }
    }
    if (decided) {
      swiped = true;
      move(s.dx < 0 ? 1 : -1);
    }
  }
  stage.addEventListener("pointerup", endSwipe);
  stage.addEventListener("pointercancel", endSwipe);

  /* A mouse click on the wall beside the work closes, as in most lightboxes. */
  dialog.addEventListener("click", function (event) {
    if (swiped) { swiped = false; return; }
    var t = event.target;
    if (lastPointer === "mouse" && (t === dialog || t === stage || (t.classList && t.classList.contains("lightbox__frame")))) {
      dialog.close();
    }
  });

  var pending = false;
  window.addEventListener("resize", function () {
    if (pending || current === -1) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      if (current === -1) return;
      [current, wrap(current + 1), wrap(current - 1)].forEach(function (i) { if (works[i].frame) size(works[i].frame); });
    });
  });

  // A shared address: /gallery/<series>/#<work-slug> opens that work.
  var start = indexOfSlug(slugInAddress());
  if (start !== -1) {
    window.history.replaceState({ lightbox: true, depth: 0 }, "", window.location.href);
    open(start, null);
  }
})();
