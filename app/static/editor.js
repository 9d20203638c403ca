// The question editor's quote picker: click a sentence to make it the support quote, shift-click (or
// "Add the next sentence") to extend it within the same paragraph. The page works without this script:
// the teacher copies words from the passages and pastes them, and the server corrects and checks them.
// The page holds a window of each source's passages, never the whole source; earlier and later ones, and
// those holding the words typed in "Find in the source", are fetched a window at a time as JSON.
// The quote's exact words are marked in their paragraph (a clause as that clause, not its whole sentence),
// and the words found are marked in the paragraphs that hold them: <mark> elements made with DOM methods
// around the page's own text nodes, never markup built from the source's text.
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

  function collapse(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  // --- marks around words of the passages ------------------------------------------------------------
  function clearMarks(container, className) {
    container.querySelectorAll("mark." + className).forEach(function (mark) {
      var parent = mark.parentNode;
      while (mark.firstChild) {
        parent.insertBefore(mark.firstChild, mark);
      }
      parent.removeChild(mark);
      parent.normalize();
    });
  }

  // Wrap characters ``start`` to ``end`` of the element's text in <mark>s, one per text node they cross
  // (a quote may run over several sentences and the spaces between them).
  function markRange(element, start, end, className) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    var pieces = [];
    var offset = 0;
    while (walker.nextNode()) {
      var node = walker.currentNode;
      var length = node.nodeValue.length;
      if (offset + length > start && offset < end) {
        pieces.push([node, Math.max(start - offset, 0), Math.min(end - offset, length)]);
      }
      offset += length;
    }
    pieces.forEach(function (piece) {
      var node = piece[0];
      if (piece[2] < node.nodeValue.length) {
        node.splitText(piece[2]);
      }
      var words = piece[1] > 0 ? node.splitText(piece[1]) : node;
      var mark = document.createElement("mark");
      mark.className = className;
      words.parentNode.insertBefore(mark, words);
      mark.appendChild(words);
    });
  }

  function chosenSource() {
    var wanted = sourceSelect ? sourceSelect.value : "";
    var all = Array.prototype.slice.call(document.querySelectorAll(".picker-source"));
    return all.filter(function (details) {
      return details.getAttribute("data-source") === wanted;
    })[0] || document.querySelector(".picker-source[open]");
  }

  // Mark the quote's words where they stand in the chosen source's passages on the page; the paragraph
  // holding them, or null.
  function markQuote() {
    document.querySelectorAll(".picker-list").forEach(function (list) {
      clearMarks(list, "picker-quote");
    });
    var wanted = collapse(quote.value);
    var details = chosenSource();
    if (!wanted || !details) {
      return null;
    }
    var passages = details.querySelectorAll(".picker-passage");
    for (var i = 0; i < passages.length; i += 1) {
      var at = passages[i].textContent.indexOf(wanted);
      if (at >= 0) {
        markRange(passages[i], at, at + wanted.length, "picker-quote");
        return passages[i];
      }
    }
    return null;
  }

  // Mark every place the words searched for stand, in any case, in the source's paragraphs shown.
  function markFound(details) {
    var list = details.querySelector(".picker-list");
    clearMarks(list, "picker-found");
    var needle = (details.getAttribute("data-find") || "").toLowerCase();
    if (!needle) {
      return;
    }
    list.querySelectorAll(".picker-passage").forEach(function (passage) {
      var text = passage.textContent;
      var lower = text.toLowerCase();
      if (lower.length !== text.length) {
        return; // a letter whose lower case is longer would shift the offsets
      }
      var starts = [];
      for (var at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
        starts.push(at);
      }
      starts.forEach(function (start) {
        markRange(passage, start, start + needle.length, "picker-found");
      });
    });
  }

  function markPicked(selection) {
    document.querySelectorAll(".picker-sentence.is-picked").forEach(function (el) {
      el.classList.remove("is-picked");
      el.setAttribute("aria-pressed", "false");
    });
    picked = selection;
    picked.forEach(function (el) {
      el.classList.add("is-picked");
      el.setAttribute("aria-pressed", "true");
    });
    extend.disabled = !nextSentence();
  }

  // The quote as it stands in the textarea, marked in its paragraph; its sentences count as picked.
  function showQuote() {
    var passage = markQuote();
    markPicked(passage ? sentencesOf(passage).filter(function (el) {
      return el.querySelector("mark.picker-quote") !== null;
    }) : []);
    return passage;
  }

  function show(selection, keepQuote) {
    if (selection.length && !keepQuote) {
      quote.value = textBetween(selection[0], selection[selection.length - 1]);
      var source = selection[0].closest(".picker-source").getAttribute("data-source");
      if (sourceSelect && sourceSelect.value !== source) {
        sourceSelect.value = source;
      }
      showQuote();
    } else {
      markPicked(selection);
    }
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

  function prepare(sentence) {
    sentence.setAttribute("role", "button");
    sentence.setAttribute("tabindex", "0");
    sentence.setAttribute("aria-pressed", "false");
  }
  document.querySelectorAll(".picker-sentence").forEach(prepare);

  // One listener for every sentence, those fetched later included.
  var picker = document.querySelector(".picker");
  picker.addEventListener("click", function (event) {
    var sentence = event.target.closest(".picker-sentence");
    if (sentence) {
      pick(sentence, event.shiftKey);
    }
  });
  picker.addEventListener("keydown", function (event) {
    var sentence = event.target.closest(".picker-sentence");
    if (sentence && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      pick(sentence, event.shiftKey);
    }
  });

  // --- windows of passages fetched from the server ---------------------------------------------------
  function passageElement(passage) {
    var p = document.createElement("p");
    p.className = "picker-passage";
    p.id = "pick-" + passage.id;
    p.setAttribute("data-passage", passage.id);
    p.setAttribute("data-heading", passage.heading || "");
    passage.parts.forEach(function (part) {
      if (part[1] === null) {
        p.appendChild(document.createTextNode(part[0]));
      } else {
        var span = document.createElement("span");
        span.className = "picker-sentence";
        span.setAttribute("data-sentence", String(part[1]));
        span.textContent = part[0];
        prepare(span);
        p.appendChild(span);
      }
    });
    return p;
  }

  function headingElement(text) {
    var h = document.createElement("h3");
    h.className = "picker-heading";
    h.textContent = text;
    return h;
  }

  // The passages of a window, a heading wherever it changes (after ``heading``, the one shown before).
  function fragmentOf(passages, heading) {
    var fragment = document.createDocumentFragment();
    passages.forEach(function (passage) {
      var current = passage.heading || "";
      if (current !== heading && current) {
        fragment.appendChild(headingElement(current));
      }
      heading = current;
      fragment.appendChild(passageElement(passage));
    });
    return fragment;
  }

  function setButtons(details, previous, next) {
    var earlier = details.querySelector(".picker-earlier");
    var later = details.querySelector(".picker-later");
    earlier.setAttribute("data-before", previous === null ? "" : String(previous));
    later.setAttribute("data-start", next === null ? "" : String(next));
    earlier.hidden = previous === null;
    later.hidden = next === null;
  }

  function fetchWindow(details, params) {
    var url = details.getAttribute("data-url") + "?" + new URLSearchParams(params).toString();
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(
      function (response) {
        if (!response.ok) {
          throw new Error("picker window: " + response.status);
        }
        return response.json();
      }
    );
  }

  function findOf(details) {
    return details.getAttribute("data-find") || "";
  }

  document.querySelectorAll(".picker-source").forEach(function (details) {
    var list = details.querySelector(".picker-list");
    var earlier = details.querySelector(".picker-earlier");
    var later = details.querySelector(".picker-later");
    var note = details.querySelector(".picker-window-note");
    if (note) {
      note.hidden = false;
    }
    earlier.hidden = earlier.getAttribute("data-before") === "";
    later.hidden = later.getAttribute("data-start") === "";
    earlier.addEventListener("click", function () {
      var params = { before: earlier.getAttribute("data-before"), find: findOf(details) };
      fetchWindow(details, params).then(function (window) {
        var first = list.querySelector(".picker-passage");
        var firstHeading = first ? first.getAttribute("data-heading") : "";
        var last = window.passages.length ? window.passages[window.passages.length - 1] : null;
        if (last && (last.heading || "") === firstHeading && list.firstElementChild &&
            list.firstElementChild.classList.contains("picker-heading")) {
          list.removeChild(list.firstElementChild); // the same section continues: one heading is enough
        }
        list.insertBefore(fragmentOf(window.passages, ""), list.firstChild);
        setButtons(details, window.previous, later.hidden ? null : Number(later.getAttribute("data-start")));
        markFound(details);
        showQuote();
      });
    });
    later.addEventListener("click", function () {
      var params = { start: later.getAttribute("data-start"), find: findOf(details) };
      fetchWindow(details, params).then(function (window) {
        var passages = list.querySelectorAll(".picker-passage");
        var heading = passages.length ? passages[passages.length - 1].getAttribute("data-heading") : "";
        list.appendChild(fragmentOf(window.passages, heading));
        setButtons(details, earlier.hidden ? null : Number(earlier.getAttribute("data-before")), window.next);
        markFound(details);
        showQuote();
      });
    });
  });

  // Replace the open source's passages with a fresh window (the start, or those holding ``words``).
  function replaceWindow(details, words) {
    details.setAttribute("data-find", words);
    fetchWindow(details, { start: 1, find: words }).then(function (window) {
      if (findOf(details) !== words) {
        return; // the teacher typed on; a later answer will come
      }
      var list = details.querySelector(".picker-list");
      if (picked.length && list.contains(picked[0])) {
        show([], true);
      }
      list.textContent = "";
      list.appendChild(fragmentOf(window.passages, ""));
      setButtons(details, window.previous, window.next);
      markFound(details);
      showQuote();
    });
  }

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
      showQuote();
    });
  }

  // Words typed or pasted into the quote are marked as soon as they stand in a paragraph shown.
  var quoteTimer = null;
  quote.addEventListener("input", function () {
    clearTimeout(quoteTimer);
    quoteTimer = setTimeout(showQuote, 150);
  });

  // On opening a question, mark its quote's words and scroll their paragraph into view.
  var current = showQuote();
  if (current) {
    var box = current.closest(".picker-passages");
    box.scrollTop += current.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
  }

  // Show only the paragraphs holding the words typed, in the open source: asked of the server, which
  // searches the whole source, a moment after the teacher stops typing.
  var findTimer = null;
  find.addEventListener("input", function () {
    var words = find.value.replace(/\s+/g, " ").trim();
    var open = document.querySelector(".picker-source[open]");
    clearTimeout(findTimer);
    if (!open || words === findOf(open)) {
      return;
    }
    findTimer = setTimeout(function () {
      replaceWindow(open, words);
    }, 250);
  });
})();
