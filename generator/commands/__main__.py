"""`python -m generator.commands SUBCOMMAND ...`, the same as `traffic SUBCOMMAND ...`."""

import sys

from generator.commands import main

sys.exit(main())
