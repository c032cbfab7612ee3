"""Allow ``python -m wijktools`` so the Makefile needs no console script on PATH."""

from wijktools.cli import main

main()
