"""`python -m game` is the same as the `locus` command."""

from game.cli import main

raise SystemExit(main())
