// The tweets page's counter: twitter-text's own parseTweet, as window.twitterText.parseTweet.
// "twemoji-parser" is the module emoji_regex.py generates (see the Makefile's alias): the
// server's emoji pattern, and the server's check of a URL's domain (Python's idna codec),
// which here replaces twitter-text's lighter one, so that both accept the same URLs.
import parseTweet from "twitter-text/dist/esm/parseTweet";
import idna from "twitter-text/dist/esm/lib/idna";
import { toAscii } from "twemoji-parser";

idna.toAscii = toAscii;

window.twitterText = { parseTweet };
