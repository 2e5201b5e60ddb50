// The tweets page's counter: twitter-text's own parseTweet, as window.twitterText.parseTweet.
import parseTweet from "twitter-text/dist/esm/parseTweet";

window.twitterText = { parseTweet };
