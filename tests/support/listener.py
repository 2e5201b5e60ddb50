"""A local HTTP server that records every request: proof that a document fetched nothing."""

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _RecordingHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.hits.append(self.path)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/internal")
        else:
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
        self.end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def recording_server() -> Iterator[tuple[str, list[str]]]:
    """Serve on a free local port; yield its base URL and the paths asked for so far.

    /redirect points to /internal; every other path answers 200 with an empty stylesheet.
    """
    server = http.server.HTTPServer(("127.0.0.1", 0), _RecordingHandler)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", server.hits
    finally:
        server.shutdown()
        server.server_close()
