// Progressive enhancements: every page works without them. No inline script is needed:
// each part finds its elements by data-module or class.
(function () {
  "use strict";

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, wait);
    };
  }

  // The error summary takes focus so screen readers announce it and keyboards start there;
  // its links move focus to the field (or first box of a group) they name.
  function errorSummary(summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var input = document.getElementById(link.getAttribute("href").slice(1));
      if (!input) { return; }
      event.preventDefault();
      var group = input.closest(".form-group") || input;
      group.scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }

  // Copy buttons: the Clipboard API where allowed, else select the text for Ctrl+C.
  // The result is shown beside the button and announced by its live region.
  function copyButton(button) {
    var textarea = document.getElementById(button.getAttribute("data-copy-target"));
    var status = button.parentNode.querySelector(".copy-status");
    function say(message) { if (status) { status.textContent = message; } }
    function selectText() {
      textarea.focus();
      textarea.select();
    }
    button.addEventListener("click", function () {
      say("");
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(textarea.value).then(
          function () { say("Copied"); },
          function () { selectText(); say("Selected: press Ctrl+C (or Cmd+C) to copy"); }
        );
        return;
      }
      selectText();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      say(copied ? "Copied" : "Selected: press Ctrl+C (or Cmd+C) to copy");
    });
  }

  // Character counts, as in the GOV.UK pattern: a visible count that follows every key,
  // and a polite announcement for screen readers once typing pauses.
  function characterCount(field) {
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    var visible = document.getElementById(field.id + "-count");
    var status = document.getElementById(field.id + "-count-status");
    function message() {
      // Line breaks count once, as the server counts them.
      var length = field.value.replace(/\r\n/g, "\n").length;
      var left = limit - length;
      var plural = Math.abs(left) === 1 ? "character" : "characters";
      return {
        text: left >= 0 ? "You have " + left + " " + plural + " remaining"
                        : "You have " + -left + " " + plural + " too many",
        over: left < 0
      };
    }
    var announce = debounce(function () { status.textContent = message().text; }, 1000);
    function update() {
      var current = message();
      visible.textContent = current.text;
      visible.classList.toggle("char-count--over", current.over);
    }
    update();
    field.addEventListener("input", function () { update(); announce(); });
  }

  // Points: say, before the form is sent, when fewer than 2 or more than 3 are ticked.
  // Nothing is disabled, so keyboards can still move through every box.
  function pointsCount(group) {
    var min = parseInt(group.getAttribute("data-min"), 10);
    var max = parseInt(group.getAttribute("data-max"), 10);
    var status = group.querySelector(".choice-count");
    var boxes = group.querySelectorAll("input[type=checkbox]");
    function update() {
      var ticked = 0;
      boxes.forEach(function (box) { if (box.checked) { ticked += 1; } });
      var text = "";
      if (ticked > max) {
        text = "You have chosen " + ticked + " points. Untick " + (ticked - max) +
               " to keep " + min + " or " + max + ".";
      } else if (ticked > 0 && ticked < min) {
        text = "You have chosen " + ticked + " point. Choose at least " + min + ".";
      }
      status.textContent = text;
      status.classList.toggle("choice-count--warning", text !== "");
    }
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    update();
  }

  // Officials: say, as soon as it happens, when the one the letter is addressed to is left
  // out (the server says it too, on the page it sends and in the preview).
  function primaryNote(note) {
    var primary = note.getAttribute("data-primary");
    var boxes = document.querySelectorAll("input[name='recipients']");
    function update() {
      var ticked = 0;
      var primaryTicked = false;
      boxes.forEach(function (box) {
        if (box.checked) {
          ticked += 1;
          if (box.value === primary) { primaryTicked = true; }
        }
      });
      note.hidden = !(ticked > 0 && !primaryTicked);
    }
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    update();
  }

  // The live preview: the server renders the letter with the PDF's own template as the
  // supporter types and ticks. On narrow screens it sits behind a Preview button.
  function preview(section) {
    var form = document.querySelector("form.letter-form");
    var panel = section.querySelector(".preview-panel");
    var toggle = section.querySelector(".preview-toggle");
    var status = section.querySelector(".preview-status");
    section.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.textContent = open ? "Hide preview" : "Preview";
      section.classList.toggle("preview--open", open);
      if (open) { refresh(); }
    });
    var pending = null;
    function refresh() {
      if (pending) { pending.abort(); }
      pending = new AbortController();
      // The whole form, its hidden csrf_token too: the server refuses a preview without it.
      fetch(section.getAttribute("data-url"), {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        signal: pending.signal
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      }).then(function (html) {
        panel.innerHTML = html;
        status.textContent = "";
      }).catch(function (error) {
        if (error.name !== "AbortError") {
          status.textContent = "The preview is paused. Your letter is not affected.";
        }
      });
    }
    var later = debounce(refresh, 500);
    form.addEventListener("input", later);
    form.addEventListener("change", refresh);
    refresh();
  }

  // The letter carries the supporter's own date, not the server's: a form sent at 21:00 in
  // Halifax is dated that day. The server accepts it only within a day of its own.
  function localDate(input) {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    input.value = now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  var summary = document.querySelector("[data-module='error-summary']");
  if (summary) { errorSummary(summary); }
  document.querySelectorAll("[data-copy-target]").forEach(copyButton);
  document.querySelectorAll("[data-maxlength]").forEach(characterCount);
  document.querySelectorAll("[data-module='points-count']").forEach(pointsCount);
  document.querySelectorAll("input[name='client_date']").forEach(localDate);
  document.querySelectorAll("[data-module='primary-note']").forEach(primaryNote);
  document.querySelectorAll("[data-module='preview']").forEach(preview);
})();
