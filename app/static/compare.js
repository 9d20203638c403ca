// Reading side by side: when the two columns scroll on their own (a wide screen), line each one up on
// the passage in focus, or on the claim the address points at, so the two sides start level.
// Everything works without this script; it only saves the reader from scrolling each column by hand.
(function () {
  "use strict";

  var MARGIN = 8; // px between the column's top edge and the passage

  function scrollsOnItsOwn(column) {
    var overflow = window.getComputedStyle(column).overflowY;
    return (overflow === "auto" || overflow === "scroll") && column.scrollHeight > column.clientHeight;
  }

  function lineUp(column, element) {
    var offset = element.getBoundingClientRect().top - column.getBoundingClientRect().top;
    column.scrollTop += offset - MARGIN;
  }

  function targetIn(column) {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && column.contains(target)) {
      return target;
    }
    return column.querySelector(".passage-focus");
  }

  document.querySelectorAll(".compare .column-body").forEach(function (column) {
    var element = targetIn(column);
    if (element && scrollsOnItsOwn(column)) {
      lineUp(column, element);
    }
  });
})();
