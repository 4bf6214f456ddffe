// Netground's page script: the colour theme, the copy buttons, and, on
// embed pages, telling the host page how tall the widget is. It works on
// the pre-rendered page before the WebAssembly app has started, and keeps
// working when the app re-renders, through event delegation.
(function () {
  "use strict";

  // A link with a stray "%" (a truncated or hand-edited share link) cannot
  // be parsed as a URL by the app, which would stop it before any page
  // could explain the problem. Escape such a "%" before the app reads the
  // URL, on load and on every later history change, so the page opens and
  // says what it could not read.
  function repairURL() {
    var href = location.href;
    var fixed = href.replace(/%(?![0-9A-Fa-f]{2})/g, "%25");
    if (fixed !== href) {
      history.replaceState(history.state, "", fixed);
    }
  }
  repairURL();
  window.addEventListener("popstate", repairURL);
  window.addEventListener("hashchange", repairURL);

  var root = document.documentElement;
  var storedTheme = null;
  try {
    storedTheme = localStorage.getItem("netground-theme");
  } catch (e) {}
  if (storedTheme === "light" || storedTheme === "dark") {
    root.setAttribute("data-theme", storedTheme);
  }

  function currentTheme() {
    var t = root.getAttribute("data-theme");
    if (t) return t;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  // The pre-rendered page's embed snippet holds paths alone, since the
  // host is not known when it is generated: make them whole URLs, so that a
  // snippet copied before the app starts works on another site.
  function absoluteSnippets() {
    var codes = document.querySelectorAll(".embed-snippet code");
    for (var i = 0; i < codes.length; i++) {
      var text = codes[i].textContent;
      var fixed = text.replace(/src="\/(?!\/)/g, 'src="' + location.origin + "/");
      if (fixed !== text) codes[i].textContent = fixed;
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", absoluteSnippets);
  } else {
    absoluteSnippets();
  }
  document.addEventListener("toggle", absoluteSnippets, true);

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-action]") : null;
    if (!target) return;
    switch (target.getAttribute("data-action")) {
      case "theme": {
        var next = currentTheme() === "dark" ? "light" : "dark";
        root.setAttribute("data-theme", next);
        try {
          localStorage.setItem("netground-theme", next);
        } catch (e) {}
        target.setAttribute("aria-pressed", next === "dark" ? "true" : "false");
        break;
      }
      case "menu": {
        var header = target.closest(".site-header");
        if (!header) return;
        var open = !header.classList.contains("menu-open");
        header.classList.toggle("menu-open", open);
        target.setAttribute("aria-expanded", open ? "true" : "false");
        break;
      }
      case "copy": {
        absoluteSnippets();
        var source = target.getAttribute("data-copy-from");
        var el = source ? document.getElementById(source) : null;
        var text = source ? el && (el.value || el.textContent) : location.href;
        if (!text || !navigator.clipboard) return;
        navigator.clipboard.writeText(text).then(function () {
          var status = document.getElementById(target.getAttribute("aria-describedby") || "");
          if (status) status.textContent = "Copied.";
        }, function () {});
        break;
      }
    }
  });

  // Embed pages report their height to the page that frames them, so a
  // course page's iframe fits its content (see embed.js).
  var prefix = typeof goappGetenv === "function" ? goappGetenv("GOAPP_ROOT_PREFIX") || "" : "";
  var path = location.pathname.slice(prefix.length);
  if (window.parent !== window && path.indexOf("/embed/") === 0) {
    var last = 0;
    var report = function () {
      var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height !== last) {
        last = height;
        window.parent.postMessage({ type: "netground:resize", height: height, path: path }, "*");
      }
    };
    if (window.ResizeObserver) {
      new ResizeObserver(report).observe(document.documentElement);
    }
    window.addEventListener("load", report);
    report();
  }
})();
