/*
 * Netground embed helper for course pages.
 *
 *   <iframe src="https://netground.example/embed/subnet?net=10.0.0.0/24"
 *           title="Subnet calculator" data-netground width="100%" height="320"
 *           loading="lazy"></iframe>
 *   <script src="https://netground.example/web/embed.js" defer></script>
 *
 * Every Netground iframe on the page then fits its content: the widget
 * posts {type: "netground:resize", height} whenever its height changes, and
 * this script sets the height of the iframe that sent it.
 *
 * Events for the course page, dispatched on the iframe element and bubbling:
 *   "netground:resize"    detail: {height}
 *   "netground:practice"  detail: {answered, correct, total, seed, topics, level}
 *                         after each answer; topics is an array such as
 *                         ["subnet", "nat"], seed and level are numbers
 *   e.g. iframe.addEventListener("netground:practice", e => record(e.detail))
 *
 * Messages are accepted only from Netground iframes on this page: the
 * sender must be the window of an iframe here, its origin that iframe's
 * origin and this script's own (the Netground host), and the message one
 * of the two types above with fields of the documented types. Heights are
 * kept between 1 and 20000 px.
 */
(function () {
  "use strict";
  if (window.netgroundEmbed) return;
  window.netgroundEmbed = { version: 1 };

  function frameOf(source) {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  function prepare() {
    var frames = document.querySelectorAll("iframe[data-netground]");
    for (var i = 0; i < frames.length; i++) {
      frames[i].style.border = "0";
      frames[i].style.width = "100%";
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", prepare);
  } else {
    prepare();
  }

  // The Netground host: where this script comes from.
  var script = document.currentScript;
  var host = script && script.src ? new URL(script.src, location.href).origin : null;

  function isCount(v) {
    return Number.isSafeInteger(v) && v >= 0;
  }

  // detailOf returns the event detail of a valid message, or null.
  function detailOf(data) {
    switch (data.type) {
      case "netground:resize":
        if (typeof data.height !== "number" || !isFinite(data.height) || data.height <= 0) return null;
        return { height: Math.min(20000, Math.max(1, Math.ceil(data.height))) };
      case "netground:practice":
        if (!isCount(data.answered) || !isCount(data.correct) || !isCount(data.total) ||
            data.correct > data.answered || data.answered > data.total ||
            !isCount(data.seed) || !isCount(data.level) || !Array.isArray(data.topics) ||
            data.topics.length > 32 || !data.topics.every(function (t) { return typeof t === "string" && t.length <= 32; })) {
          return null;
        }
        return { answered: data.answered, correct: data.correct, total: data.total,
          seed: data.seed, topics: data.topics.slice(), level: data.level };
    }
    return null;
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!host || event.origin !== host || !data || typeof data !== "object" || typeof data.type !== "string") {
      return;
    }
    var frame = frameOf(event.source);
    if (!frame || new URL(frame.src, location.href).origin !== event.origin) return;
    var detail = detailOf(data);
    if (!detail) return;
    if (data.type === "netground:resize") {
      frame.style.height = detail.height + "px";
    }
    frame.dispatchEvent(new CustomEvent(data.type, { detail: detail, bubbles: true }));
  });
})();
