// Progressive enhancements; every page works without them.
(function () {
  "use strict";

  // The error summary takes focus so screen readers announce it and keyboards start there.
  var summary = document.querySelector("[data-module='error-summary']");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var input = document.getElementById(link.getAttribute("href").slice(1));
      if (!input) { return; }
      event.preventDefault();
      var group = input.closest(".form-group");
      (group || input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }

  // Copy buttons: the Clipboard API where allowed, else select the text for Ctrl+C.
  function selectText(textarea) {
    textarea.focus();
    textarea.select();
  }

  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    button.addEventListener("click", function () {
      var textarea = document.getElementById(button.getAttribute("data-copy-target"));
      var status = button.parentNode.querySelector(".copy-status");
      function say(message) { if (status) { status.textContent = message; } }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(textarea.value).then(
          function () { say("Copied"); },
          function () { selectText(textarea); say("Press Ctrl+C (or Cmd+C) to copy"); }
        );
      } else {
        selectText(textarea);
        var copied = false;
        try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
        say(copied ? "Copied" : "Press Ctrl+C (or Cmd+C) to copy");
      }
    });
  });
})();
