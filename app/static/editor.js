// The question editor's quote picker: click a sentence to make it the support quote, shift-click (or
// "Add the next sentence") to extend it within the same paragraph. The page works without this script:
// the teacher copies words from the passages and pastes them, and the server corrects and checks them.
(function () {
  "use strict";

  var quote = document.getElementById("support_quote");
  var sourceSelect = document.getElementById("support_source_id");
  var tools = document.querySelector(".picker-tools");
  var extend = document.getElementById("picker-extend");
  var find = document.getElementById("picker-find");
  if (!quote || !tools) {
    return;
  }
  tools.hidden = false;

  var picked = []; // sentence elements, in reading order, all in one paragraph

  function sentencesOf(passage) {
    return Array.prototype.slice.call(passage.querySelectorAll(".picker-sentence"));
  }

  function textBetween(first, last) {
    var range = document.createRange();
    range.setStartBefore(first);
    range.setEndAfter(last);
    return range.toString().replace(/\s+/g, " ").trim();
  }

  function show(selection, keepQuote) {
    document.querySelectorAll(".picker-sentence.is-picked").forEach(function (el) {
      el.classList.remove("is-picked");
      el.setAttribute("aria-pressed", "false");
    });
    picked = selection;
    picked.forEach(function (el) {
      el.classList.add("is-picked");
      el.setAttribute("aria-pressed", "true");
    });
    if (picked.length && !keepQuote) {
      quote.value = textBetween(picked[0], picked[picked.length - 1]);
      var source = picked[0].closest(".picker-source").getAttribute("data-source");
      if (sourceSelect && sourceSelect.value !== source) {
        sourceSelect.value = source;
      }
    }
    extend.disabled = !nextSentence();
  }

  function nextSentence() {
    if (!picked.length) {
      return null;
    }
    var last = picked[picked.length - 1];
    var all = sentencesOf(last.closest(".picker-passage"));
    return all[all.indexOf(last) + 1] || null;
  }

  function pick(sentence, extendTo) {
    var passage = sentence.closest(".picker-passage");
    if (extendTo && picked.length && picked[0].closest(".picker-passage") === passage) {
      var all = sentencesOf(passage);
      var a = all.indexOf(picked[0]);
      var b = all.indexOf(sentence);
      show(all.slice(Math.min(a, b), Math.max(a, b) + 1));
    } else {
      show([sentence]);
    }
  }

  document.querySelectorAll(".picker-sentence").forEach(function (sentence) {
    sentence.setAttribute("role", "button");
    sentence.setAttribute("tabindex", "0");
    sentence.setAttribute("aria-pressed", "false");
    sentence.addEventListener("click", function (event) {
      pick(sentence, event.shiftKey);
    });
    sentence.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        pick(sentence, event.shiftKey);
      }
    });
  });

  extend.addEventListener("click", function () {
    var next = nextSentence();
    if (next) {
      show(picked.concat([next]));
    }
  });

  // Choosing a source opens its passages and closes the other's.
  if (sourceSelect) {
    sourceSelect.addEventListener("change", function () {
      document.querySelectorAll(".picker-source").forEach(function (details) {
        details.open = details.getAttribute("data-source") === sourceSelect.value;
      });
    });
  }

  // On opening a question, mark the sentences of its quote and scroll its paragraph into view.
  function showCurrentQuote() {
    var wanted = quote.value.replace(/\s+/g, " ").trim();
    var open = document.querySelector(".picker-source[open]");
    if (!wanted || !open) {
      return;
    }
    var passages = open.querySelectorAll(".picker-passage");
    for (var i = 0; i < passages.length; i += 1) {
      if (passages[i].textContent.indexOf(wanted) >= 0) {
        show(sentencesOf(passages[i]).filter(function (el) {
          var text = el.textContent.trim();
          return wanted.indexOf(text) >= 0 || text.indexOf(wanted) >= 0;
        }), true);
        var box = passages[i].closest(".picker-passages");
        box.scrollTop += passages[i].getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
        return;
      }
    }
  }
  showCurrentQuote();

  // Show only the paragraphs holding the words typed, in the open source.
  find.addEventListener("input", function () {
    var words = find.value.toLowerCase().replace(/\s+/g, " ").trim();
    document.querySelectorAll(".picker-passage").forEach(function (passage) {
      passage.hidden = words !== "" && passage.textContent.toLowerCase().indexOf(words) < 0;
    });
  });
})();
