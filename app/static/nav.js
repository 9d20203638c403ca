// On a phone a teacher's long menu folds behind one "Menu" button instead of wrapping over three lines; on a wide
// screen, or without this script, every link stays in view.
(function () {
  "use strict";
  var nav = document.querySelector(".site-header nav");
  var list = nav && nav.querySelector(".nav-links");
  if (!list || list.children.length < 8) return;  // a learner's seven links fit in two lines
  var narrow = window.matchMedia("(max-width: 40rem)");
  var button = document.createElement("button");
  button.type = "button";
  button.className = "menu-button";
  button.textContent = "Menu";
  button.setAttribute("aria-expanded", "false");
  list.id = list.id || "main-menu";
  list.classList.add("folds");
  button.setAttribute("aria-controls", list.id);
  nav.insertBefore(button, list);
  function fold() {
    var folded = narrow.matches && button.getAttribute("aria-expanded") !== "true";
    list.hidden = folded;
    button.hidden = !narrow.matches;
  }
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    fold();
    if (!open) {
      var first = list.querySelector("a, button");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && narrow.matches && button.getAttribute("aria-expanded") === "true") {
      button.setAttribute("aria-expanded", "false");
      fold();
      button.focus();
    }
  });
  narrow.addEventListener("change", fold);
  fold();
})();
