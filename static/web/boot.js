// Netground's first script, run before the page is painted. The page was
// pre-rendered for the widget's default state; a link may ask for another.
// Until the link's own answer is on the page, the page shows the link's
// input and "computing", never the default's answer (netground.css,
// html.ng-pending). Inputs bound to the link (data-link="key") accept typing
// at once: what is typed goes into the URL, which the app reads when it
// starts, so nothing typed meanwhile is lost.
//
// A page that names a first-answer binary (meta netground-first) runs it as
// soon as the page is parsed: it writes the answer into the page's regions
// (data-answered) and answers typing. The app (app.js) and the service
// worker's downloads wait until it has answered, so that a slow network
// carries the small binary first.
(function () {
  "use strict";
  var root = document.documentElement;
  var params = new URLSearchParams(location.search);

  // Does the link name a state of its own? readonly=1 alone does not.
  function stateful() {
    if (location.hash.length > 1) return true;
    var found = false;
    params.forEach(function (v, k) {
      if (k !== "readonly") found = true;
    });
    return found;
  }
  if (stateful()) root.classList.add("ng-pending");

  function prerendered(el) {
    return !!el.closest('[data-live="false"]');
  }

  function fill() {
    var readonly = params.get("readonly") === "1";
    var inputs = document.querySelectorAll("[data-link]");
    for (var i = 0; i < inputs.length; i++) {
      var el = inputs[i];
      if (!prerendered(el)) continue;
      var key = el.getAttribute("data-link");
      el.readOnly = readonly;
      // Inputs whose value depends on more than the link's own text (the
      // Plan page's, which belong to one tab) are filled by the
      // first-answer binary, which knows the page's defaults.
      if (el.closest("[data-fill]")) continue;
      if (params.has(key)) el.value = params.get(key);
      var field = el.closest(".field");
      if (field) field.setAttribute("data-filled", "");
    }
  }
  // whenParsed calls fn once the document is parsed: before the deferred
  // scripts run (DOMContentLoaded waits for them), which on a slow phone
  // is hundreds of milliseconds earlier.
  function whenParsed(fn) {
    if (document.readyState !== "loading") {
      fn();
      return;
    }
    document.addEventListener("readystatechange", function ready() {
      document.removeEventListener("readystatechange", ready);
      fn();
    });
  }
  whenParsed(fill);

  // freshWasm fetches a binary again past every cache: a cached copy that
  // does not compile (cut short on its way by a proxy) is dropped from this
  // app's caches and from the HTTP cache. app.js calls it too.
  window.netgroundFreshWasm = function (url) {
    var drop = window.caches
      ? caches.keys().then(function (keys) {
          return Promise.all(keys.filter(function (k) { return k.indexOf("netground-") === 0; }).map(function (k) {
            return caches.open(k).then(function (c) { return c.delete(url); });
          }));
        }).catch(function () {})
      : Promise.resolve();
    return drop.then(function () { return fetch(url, { cache: "reload" }); });
  };

  function instantiate(response, go) {
    if (WebAssembly.instantiateStreaming) {
      return WebAssembly.instantiateStreaming(response, go.importObject);
    }
    return Promise.resolve(response).then(function (r) { return r.arrayBuffer(); }).then(function (b) {
      return WebAssembly.instantiate(b, go.importObject);
    });
  }

  var first = document.querySelector('meta[name="netground-first"]');
  if (first && window.WebAssembly) {
    // The app starts once the first answer is painted: its start holds the
    // main thread, and from the worker's cache it would come before any
    // frame showed the answer.
    window.netgroundFirstAnswer = new Promise(function (resolve) {
      window.netgroundAnswered = function () { afterPaint(resolve); };
    });
    // A page's own first-answer binary (data-own: the Practice page's) has
    // no preload: it is fetched here, at once. On a page the service
    // worker controls, it is used only from the worker's cache (which
    // keeps it if this browser fetched it before): the app, in that cache
    // too, answers sooner than a download would end.
    var own = first.hasAttribute("data-own");
    var controlled = !!(navigator.serviceWorker && navigator.serviceWorker.controller);
    var fetched = null;
    if (own) {
      fetched = controlled && window.caches
        ? caches.match(first.content).then(function (hit) {
            if (!hit) throw new Error("not kept");
            return hit;
          })
        : fetch(first.content);
      fetched.catch(function () {}); // handled where it is used
    }
    document.addEventListener("DOMContentLoaded", function () {
      var done = window.netgroundAnswered;
      try {
        var go = new Go();
        instantiate(fetched || fetch(first.content), go)
          .catch(function (err) {
            if (own && controlled) throw err; // not cached: the app answers
            return instantiate(window.netgroundFreshWasm(first.content), go);
          })
          .then(function (r) { return go.run(r.instance); })
          .then(done, done);
      } catch (e) {
        done();
      }
    });
  }

  // A lab link that names a preset and nothing else (/nat?preset=cgnat)
  // shows that preset at once: the bundle pre-rendered it (meta
  // netground-presets names the folder), and the app renders the same.
  var presets = document.querySelector('meta[name="netground-presets"]');
  var preset = params.get("preset");
  var presetOnly = !!presets && !!preset && /^[a-z0-9-]{1,40}$/.test(preset) && location.hash.length <= 1 &&
    (" " + presets.getAttribute("data-names") + " ").indexOf(" " + preset + " ") >= 0;
  params.forEach(function (v, k) {
    if (k !== "preset" && k !== "readonly") presetOnly = false;
  });
  // The app (app.js) starts once the preset is painted: its start holds
  // the main thread, and from the worker's cache it would come first.
  if (presetOnly) {
    var presetHTML = fetch(presets.content + preset + ".html").then(function (r) {
      return r.ok ? r.text() : null;
    }).catch(function () { return null; });
    var before = window.netgroundFirstAnswer;
    var painted = new Promise(function (shown) {
      whenParsed(function () {
        presetHTML.then(function (html) {
          var main = document.getElementById("main");
          if (html === null || !main || !prerendered(main)) return;
          main.innerHTML = html;
          main.setAttribute("data-answered", "");
          root.classList.remove("ng-pending");
        }).catch(function () {}).then(function () { afterPaint(shown); });
      });
    });
    window.netgroundFirstAnswer = before ? Promise.all([before, painted]) : painted;
  }

  // afterPaint calls fn once the page as it stands is painted, or after a
  // quarter of a second in a tab that paints no frames (a hidden one).
  function afterPaint(fn) {
    var done = false;
    function once() {
      if (!done) {
        done = true;
        fn();
      }
    }
    requestAnimationFrame(function () { setTimeout(once, 0); });
    setTimeout(once, 250);
  }

  // Typing before the app runs: keep it in the URL, and mark the answer
  // on the page as not yet the typed value's.
  var typed = null;
  document.addEventListener("input", function (event) {
    var el = event.target;
    if (!(el instanceof Element) || !el.hasAttribute("data-link") || !prerendered(el)) return;
    var url = new URL(location.href);
    url.searchParams.set(el.getAttribute("data-link"), el.value);
    history.replaceState(history.state, "", url.href);
    root.classList.add("ng-pending");
    var field = el.closest(".field");
    if (field) field.setAttribute("data-filled", ""); // the input typed into stays in view
    typed = el;
  }, true);

  // When the app replaces the pre-rendered page, the caret goes on where
  // it was, in the app's own input.
  new MutationObserver(function (records, observer) {
    var live = document.querySelector('[data-live="true"]');
    if (!live) return;
    observer.disconnect();
    if (!typed) return;
    var el = live.querySelector('[data-link="' + typed.getAttribute("data-link") + '"]');
    if (!el || document.activeElement === el) return;
    var start = typed.selectionStart, end = typed.selectionEnd;
    el.focus();
    try {
      el.setSelectionRange(start, end);
    } catch (e) {}
  }).observe(root, { childList: true, subtree: true });
})();
