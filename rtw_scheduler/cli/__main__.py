"""`python -m rtw_scheduler.cli`: the same as the `rtw` console script."""

import sys

from rtw_scheduler.cli import main

sys.exit(main())
