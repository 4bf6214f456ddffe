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
 * Messages are accepted only from the windows of iframes on this page.
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

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || typeof data.type !== "string" || data.type.indexOf("netground:") !== 0) {
      return;
    }
    var frame = frameOf(event.source);
    if (!frame) return;
    if (data.type === "netground:resize") {
      var height = Number(data.height);
      if (!isFinite(height) || height <= 0 || height > 100000) return;
      frame.style.height = Math.ceil(height) + "px";
    }
    var detail = {};
    for (var k in data) {
      if (k !== "type" && Object.prototype.hasOwnProperty.call(data, k)) detail[k] = data[k];
    }
    frame.dispatchEvent(new CustomEvent(data.type, { detail: detail, bubbles: true }));
  });
})();
