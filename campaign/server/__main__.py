"""Start the production server: gunicorn on a private socket, nginx in front. `make run`."""

import sys

from campaign.server.run import main

sys.exit(main())
