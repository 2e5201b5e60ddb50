// The tweets page: each tweet box is editable, its count follows every key with X's own
// weighting (twitter-text's parseTweet, vendored as twitter-text.min.js, finding emoji with
// the server's pattern, so the count equals the server's), the "Open in X" link carries the
// edited text, and the box grows to show the whole tweet.
(function () {
  "use strict";

  var parseTweet = window.twitterText && window.twitterText.parseTweet;
  // The page's wording (site.js reads it from the page): none is written here.
  var say = window.siteMessage;
  if (!parseTweet || !say) {
    return; // the page keeps the server's counts and links
  }

  var INTENT_URL = "https://x.com/intent/tweet?text=";

  // X's weighted length, as the server counts it: its library first makes every line
  // ending "\n", as a textarea's value already does.
  function weight(text) {
    return parseTweet(text.replace(/\r\n?/g, "\n")).weightedLength;
  }

  // Percent-encode as the server does (Python's quote with nothing safe): unlike
  // encodeURIComponent, it also encodes ! ' ( ) *.
  function encode(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function describe(count, limit) {
    if (count > limit) {
      return say("tweetTooLong", { count: count, limit: limit, over: count - limit });
    }
    return say("tweetLength", { count: count, limit: limit });
  }

  // Where field-sizing is unknown, the box is made as tall as its text after each edit.
  var sizesItself = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");
  function fit(box) {
    if (sizesItself) {
      return;
    }
    box.style.height = "auto";
    var borders = box.offsetHeight - box.clientHeight;
    box.style.height = box.scrollHeight + borders + "px";
  }

  function tweetBox(box) {
    var limit = Number(box.getAttribute("data-tweet-limit")) || 280;
    var count = document.getElementById(box.id + "-length");
    var link = document.querySelector('[data-tweet-source="' + box.id + '"]');
    function update() {
      var length = weight(box.value);
      var over = length > limit;
      count.textContent = describe(length, limit);
      count.classList.toggle("tweet-length--over", over);
      box.setAttribute("aria-invalid", over ? "true" : "false");
      if (link) {
        try {
          link.href = INTENT_URL + encode(box.value);
        } catch (e) {
          // A lone surrogate (a broken paste) cannot be encoded: the link keeps its text.
        }
        link.textContent = say(over ? "openInXTooLong" : "openInX");
      }
      fit(box);
    }
    box.addEventListener("input", update);
    window.addEventListener("resize", function () { fit(box); });
    update();
  }

  document.querySelectorAll("textarea[data-tweet-limit]").forEach(tweetBox);
})();
