"""Allow ``python -m wijktools`` so the Makefile needs no console script on PATH."""

import sys

from wijktools.cli import main

if __name__ == "__main__":
    sys.exit(main())
