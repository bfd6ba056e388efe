"""`python -m companion` runs the same command line as `postguard`."""

from companion.cli import main

raise SystemExit(main())
