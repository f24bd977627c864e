"""`python -m drafter`."""

import sys

from .cli import main

sys.exit(main())
