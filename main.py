"""Start Spot the Signs from a source checkout: ``python main.py`` (same as ``spot-the-signs``)."""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["play"]))
