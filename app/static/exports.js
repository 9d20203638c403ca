// An export takes a moment and a download leaves the page as it was: say that the file is being made, and
// when it is ready. The server echoes this page's ticket in a cookie with the file. Works without this.
(function () {
  "use strict";
  function ticket() {
    return Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
  }
  function readyTicket() {
    var match = document.cookie.match(/(?:^|;\s*)export_ready=([a-z0-9]+)/);
    return match ? match[1] : null;
  }
  document.querySelectorAll("form[data-export]").forEach(function (form) {
    var button = form.querySelector("button[type=submit]");
    var status = form.querySelector("[data-export-status]");
    var label = button.textContent;
    form.addEventListener("submit", function () {
      var mine = ticket();
      var field = form.querySelector("input[name=ticket]");
      if (!field) {
        field = document.createElement("input");
        field.type = "hidden";
        field.name = "ticket";
        form.appendChild(field);
      }
      field.value = mine;
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
      button.textContent = "Preparing the file…";
      status.textContent = "Making the file from the bank as it is now. This takes a few seconds.";
      var waited = 0;
      var timer = setInterval(function () {
        waited += 250;
        if (readyTicket() === mine || waited > 120000) {
          clearInterval(timer);
          button.disabled = false;
          button.removeAttribute("aria-busy");
          button.textContent = label;
          status.textContent = readyTicket() === mine ? "Ready: your browser has the file." : "";
        }
      }, 250);
    });
  });
})();
