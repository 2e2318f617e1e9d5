"""``python -m game`` runs the same command line as ``spot-the-signs``."""

import sys

from game.cli import main

sys.exit(main())
