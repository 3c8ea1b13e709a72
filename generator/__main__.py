"""`python -m generator` is the `clausebook` command."""

from generator.cli import main

raise SystemExit(main())
