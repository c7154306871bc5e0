"""`python -m policygraph.cli`."""

import sys

from . import main

sys.exit(main())
