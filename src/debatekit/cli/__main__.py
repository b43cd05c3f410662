"""``python -m debatekit.cli``: the ``debatekit`` command (the tests and the site build run it so)."""

import sys

from debatekit.cli import main

sys.exit(main())
