// Interview excerpts: a click on a transcript turn plays the media from there,
// and the turn being played is highlighted. Without this script the transcript
// is plain, readable text.
(function () {
  "use strict";

  // A player that has not loaded yet (a sensitive excerpt's loads only when played) takes
  // the time once it knows the media's length.
  function seek(media, time) {
    if (media.readyState >= 1) {
      media.currentTime = time;
      return;
    }
    media.addEventListener("loadedmetadata", function () { media.currentTime = time; }, { once: true });
  }

  function enhance(figure) {
    var media = figure.querySelector("[data-player]");
    if (!media) return;
    var segments = Array.prototype.slice.call(figure.querySelectorAll(".segment[data-start]"));
    var hint = figure.querySelector("[data-hint]");
    if (hint) hint.hidden = false;

    segments.forEach(function (segment) {
      var time = segment.querySelector(".segment__time");
      var speaker = segment.querySelector(".segment__speaker");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "segment__play";
      button.textContent = time.textContent;
      button.setAttribute(
        "aria-label",
        (figure.dataset.playLabel || "Play from") + " " + time.textContent + ", " + speaker.textContent
      );
      time.replaceWith(button);
      button.addEventListener("click", function () {
        seek(media, parseFloat(segment.dataset.start));
        var playing = media.play();
        if (playing && playing.catch) playing.catch(function () {});
        highlight();
      });
    });

    var current = null;
    function highlight() {
      var now = media.currentTime;
      var active = null;
      segments.forEach(function (segment) {
        if (parseFloat(segment.dataset.start) <= now + 0.05) active = segment;
      });
      if (active === current) return;
      if (current) {
        current.classList.remove("is-current");
        current.removeAttribute("aria-current");
      }
      current = active;
      if (current) {
        current.classList.add("is-current");
        current.setAttribute("aria-current", "true");
      }
    }
    media.addEventListener("timeupdate", highlight);
    media.addEventListener("seeked", highlight);
  }

  document.querySelectorAll("[data-excerpt]").forEach(enhance);

  // A bilingual transcript: the learner may hide the words spoken or the translation.
  document.querySelectorAll("[data-bilingual]").forEach(function (transcript) {
    var columns = transcript.querySelector("[data-columns]");
    if (!columns) return;
    columns.hidden = false;
    columns.querySelectorAll("[data-column]").forEach(function (box) {
      box.addEventListener("change", function () {
        transcript.classList.toggle("transcript--no-" + box.dataset.column, !box.checked);
      });
    });
  });

  // A link to one turn (#excerpt-3-turn-5, from a quiz result) opens what hides
  // it and starts the media there.
  function goToTurn() {
    var match = /^#excerpt-\d+-turn-\d+$/.test(location.hash) && document.querySelector(location.hash);
    if (!match) return;
    var details = match.closest("details");
    if (details) details.open = true;
    match.scrollIntoView({ block: "center" });
    var button = match.querySelector(".segment__play");
    if (button) button.focus();
    var media = match.closest("[data-excerpt]").querySelector("[data-player]");
    if (media) seek(media, parseFloat(match.dataset.start));
  }
  window.addEventListener("hashchange", goToTurn);
  goToTurn();
})();
