"""python -m tsmv_example: write the example data from the shell (--help says how)."""
import sys

from .world import main

sys.exit(main())
