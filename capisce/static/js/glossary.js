// Glossary terms in a module: the first mention of a term is a link to its entry on the
// glossary page. Where the browser has popovers, this script turns the link into a button
// that shows the definition in place, next to the word, without leaving the page (Escape,
// a click elsewhere or the Close button hide it). Without this script the link still
// leads to the entry.
(function () {
  "use strict";

  if (!HTMLElement.prototype.hasOwnProperty("popover")) return;

  var GAP = 6;

  function place(popover, trigger) {
    var box = trigger.getBoundingClientRect();
    var width = popover.offsetWidth;
    var height = popover.offsetHeight;
    var left = Math.min(Math.max(GAP, box.left), window.innerWidth - width - GAP);
    var top = box.bottom + GAP;
    if (top + height > window.innerHeight - GAP && box.top - GAP - height > GAP) {
      top = box.top - GAP - height;
    }
    popover.style.left = Math.max(GAP, left) + "px";
    popover.style.top = Math.max(GAP, top) + "px";
  }

  document.querySelectorAll("a.glossary-link[data-glossary-popover]").forEach(function (link) {
    var popover = document.getElementById(link.dataset.glossaryPopover);
    if (!popover) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "glossary-link";
    button.textContent = link.textContent;
    button.setAttribute("popovertarget", popover.id);
    button.setAttribute("aria-expanded", "false");
    button.dataset.glossaryEntry = link.getAttribute("href");
    link.replaceWith(button);
    // The popover opens where it was last placed (or where the browser puts it) and is placed
    // next to the word only once it is open: hidden until then, so it never shows elsewhere.
    popover.addEventListener("beforetoggle", function (event) {
      if (event.newState === "open") popover.style.visibility = "hidden";
    });
    popover.addEventListener("toggle", function (event) {
      var open = event.newState === "open";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) place(popover, button);
      popover.style.visibility = "";
    });
  });

  function reposition() {
    document.querySelectorAll(".glossary-popover:popover-open").forEach(function (popover) {
      var trigger = document.querySelector('[popovertarget="' + popover.id + '"].glossary-link');
      if (trigger) place(popover, trigger);
    });
  }
  window.addEventListener("resize", reposition);
  document.addEventListener("scroll", reposition, { passive: true, capture: true });
})();
