// Sensitive excerpts' players: no "Save audio as…" from the context menu. Their controls
// have no download button either (controlslist="nodownload"). This discourages saving the
// recording; it cannot prevent it.
(function () {
  "use strict";
  document.querySelectorAll("[data-sensitive-media]").forEach(function (media) {
    media.addEventListener("contextmenu", function (event) { event.preventDefault(); });
  });
})();
