// Progressive enhancements: every page works without them. No inline script is needed:
// each part finds its elements by data-module or class.
(function () {
  "use strict";

  // The page's wording for scripts, in its language (base.html writes it on the body): a
  // message's named placeholders, %(name)s, are filled in here; a counted message has a form
  // for each plural category of the page's language.
  var MESSAGES = JSON.parse(document.body.getAttribute("data-messages") || "{}");
  var plurals = new Intl.PluralRules(document.documentElement.lang || "en");
  function say(name, values) {
    var message = MESSAGES[name] || "";
    if (typeof message === "object") {
      var count = values ? values.n : 0;
      message = message[plurals.select(count)] || message.other;
    }
    return message.replace(/%\((\w+)\)s/g, function (whole, key) {
      return values && key in values ? String(values[key]) : whole;
    });
  }
  window.siteMessage = say;

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
  // A button hidden for browsers without scripts, where it could do nothing, is shown.
  function copyButton(button) {
    button.hidden = false;
    var textarea = document.getElementById(button.getAttribute("data-copy-target"));
    var status = button.parentNode.querySelector(".copy-status");
    function show(message) { if (status) { status.textContent = message; } }
    function selectText() {
      textarea.focus();
      textarea.select();
    }
    button.addEventListener("click", function () {
      show("");
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(textarea.value).then(
          function () { show(say("copied")); },
          function () { selectText(); show(say("selected")); }
        );
        return;
      }
      selectText();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      show(say(copied ? "copied" : "selected"));
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
      return {
        text: left >= 0 ? say("charactersLeft", { n: left })
                        : say("charactersOver", { n: -left }),
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
        text = say("pointsOver", { ticked: ticked, untick: ticked - max, min: min, max: max });
      } else if (ticked > 0 && ticked < min) {
        text = say("pointsUnder", { n: ticked, min: min });
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
  // supporter types and ticks. On narrow screens it opens in place from a button just before
  // the form's own, so a phone reaches it before sending.
  function preview(section) {
    var form = document.querySelector("form.letter-form");
    var panel = section.querySelector(".preview-panel");
    var toggle = section.querySelector(".preview-toggle");
    var status = section.querySelector(".preview-status");
    section.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.textContent = say(open ? "hidePreview" : "showPreview");
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
          status.textContent = say("previewPaused");
        }
      });
    }
    var later = debounce(refresh, 500);
    form.addEventListener("input", later);
    form.addEventListener("change", refresh);
    refresh();
  }

  // The form's button says what it will make, as the chosen format does (the server says it
  // too, for the format a page opens with).
  function submitLabel(button) {
    var radios = button.form.querySelectorAll("input[name='format']");
    function update() {
      radios.forEach(function (radio) {
        var label = button.getAttribute("data-label-" + radio.value);
        if (radio.checked && label) { button.textContent = label; }
      });
    }
    radios.forEach(function (radio) { radio.addEventListener("change", update); });
    update();
  }

  // The letter carries the supporter's own date, not the server's: a form sent at 21:00 in
  // Halifax is dated that day. The server accepts it only within a day of its own.
  function localDate(input) {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    input.value = now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  // "I have posted my letters": sent in the background; the thank-you is taken from the page
  // the server answers with and put in place of the button, where it is focused and, being
  // in a polite live region, announced. Its buttons stand outside the form (under the letter
  // form's own, and in the panel after a PDF): the submit event names the one pressed.
  function postedForm(form) {
    var sending = false;
    form.addEventListener("submit", function (event) {
      var place = event.submitter && event.submitter.closest(".next-steps-posted");
      if (!place) { return; }
      event.preventDefault();
      if (sending) { return; }
      sending = true;
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.text();
        })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var thanks = page.querySelector(".posted-thanks");
          if (!thanks) { throw new Error("no thank-you"); }
          thanks = document.importNode(thanks, true);
          place.replaceChildren(thanks);
          thanks.focus();
        })
        .catch(function () {
          var status = place.querySelector(".posted-status");
          if (!status) {
            status = document.createElement("p");
            status.className = "posted-status";
            place.appendChild(status);
          }
          status.textContent = say("postedFailed");
        })
        .then(function () { sending = false; });
    });
  }

  // After a PDF: the page fetches the letters itself, saves them as a download and shows
  // what to do next in place of the form. The form stays, hidden, with every answer: the
  // other ways (tweets, text) send it again, and a refusal shows the server's own page.
  // Only the ticked boxes (officials, points, guide) go into the panel's address, nothing typed.
  function nextSteps(section) {
    var form = section.closest("form");
    var status = section.querySelector(".next-steps-status");
    var busy = false;
    var file = null;
    var panel = null;

    function chosenFormat() {
      var checked = form.querySelector("input[name='format']:checked");
      return checked ? checked.value : "pdf";
    }
    function fileName(response) {
      var header = response.headers.get("Content-Disposition") || "";
      var match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
      return match ? decodeURIComponent(match[1]) : "letters.pdf";
    }
    function save() {
      var link = document.createElement("a");
      link.href = file.url;
      link.download = file.name;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
    }
    // A refusal is the whole page again, answers and error summary included, as it would
    // be without script; its own script then runs as on any page.
    function showPage(html) {
      document.open();
      document.write(html);
      document.close();
    }
    // The address may hold a query already (the page's language, ?lang=fr): added to, not cut.
    function panelUrl() {
      var data = new FormData(form);
      var url = new URL(section.getAttribute("data-url"), document.baseURI);
      ["recipients", "points", "guide"].forEach(function (name) {
        data.getAll(name).forEach(function (value) { url.searchParams.append(name, value); });
      });
      return url.href;
    }
    function closePanel() {
      panel.remove();
      panel = null;
      form.hidden = false;
      status.textContent = "";
      form.querySelector("button[type=submit]").focus();
    }
    function showPanel(html) {
      panel = document.createElement("div");
      panel.className = "next-steps-panel";
      panel.innerHTML = html;
      form.parentNode.insertBefore(panel, form);
      form.hidden = true;
      panel.querySelectorAll("[data-copy-target]").forEach(copyButton);
      panel.addEventListener("click", function (event) {
        var button = event.target.closest("[data-next-steps]");
        if (!button) { return; }
        var action = button.getAttribute("data-next-steps");
        if (action === "download-again") {
          save();
          panel.querySelector(".next-steps-again-status").textContent = say("downloadedAgain");
        } else if (action === "format") {
          form.querySelector("input[name='format'][value='" + button.value + "']").checked = true;
          form.submit();
        } else if (action === "back") {
          closePanel();
        }
      });
      panel.querySelector(".next-steps-title").focus();
    }
    function downloaded(blob, name) {
      if (file) { URL.revokeObjectURL(file.url); }
      file = { url: URL.createObjectURL(blob), name: name };
      save();
      return fetch(panelUrl(), { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      }).then(showPanel, function () {
        status.textContent = say("downloaded");
      });
    }
    form.addEventListener("submit", function (event) {
      if (chosenFormat() !== "pdf") { return; }
      event.preventDefault();
      if (busy) { return; }
      busy = true;
      status.textContent = say("making");
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (response.ok && type.indexOf("application/pdf") === 0) {
            return response.blob().then(function (blob) {
              status.textContent = "";
              return downloaded(blob, fileName(response));
            });
          }
          return response.text().then(showPage);
        }, function () {
          // Not reached at all: the browser sends the form itself, and says what went wrong.
          status.textContent = say("unreachable");
          form.submit();
        })
        .then(function () { busy = false; });
    });
  }

  var summary = document.querySelector("[data-module='error-summary']");
  if (summary) { errorSummary(summary); }
  document.querySelectorAll("[data-copy-target]").forEach(copyButton);
  document.querySelectorAll("[data-maxlength]").forEach(characterCount);
  document.querySelectorAll("[data-module='points-count']").forEach(pointsCount);
  document.querySelectorAll("input[name='client_date']").forEach(localDate);
  document.querySelectorAll("[data-module='primary-note']").forEach(primaryNote);
  document.querySelectorAll("[data-module='preview']").forEach(preview);
  document.querySelectorAll("[data-module='submit-label']").forEach(submitLabel);
  document.querySelectorAll("[data-module='next-steps']").forEach(nextSteps);
  document.querySelectorAll("[data-module='posted']").forEach(postedForm);
})();
