// Keys 1 to n choose the nth option of a quiz question, as 1-4 grade a flashcard. The page works without this.
(function () {
  "use strict";
  var group = document.querySelector("[data-choice-keys]");
  if (!group) return;
  var options = group.querySelectorAll('input[type="radio"]');
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type === "text"))) return;
    if (!/^[1-9]$/.test(event.key)) return;
    var option = options[Number(event.key) - 1];
    if (!option) return;
    event.preventDefault();
    option.checked = true;
    option.focus();
  });
})();
