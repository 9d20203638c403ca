// Keyboard review, as in Anki: Space or Enter shows the answer, 1-4 grade it. The page works without this.
(function () {
  "use strict";
  var back = document.querySelector("[data-card-back]");
  if (!back) return;
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) return;
    if (!back.open && (event.key === " " || event.key === "Enter")) {
      event.preventDefault();
      back.open = true;
      var first = back.querySelector("button.grade-3") || back.querySelector("button");
      if (first) first.focus({ preventScroll: true });
      return;
    }
    if (back.open && /^[1-4]$/.test(event.key)) {
      var button = back.querySelector('button[name="rating"][value="' + event.key + '"]');
      if (button) {
        event.preventDefault();
        button.click();
      }
    }
  });
})();
