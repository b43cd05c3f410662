"""``python -m debatekit.cli``: the same command line as ``debatekit``."""

import sys

from debatekit.cli import main

sys.exit(main())
