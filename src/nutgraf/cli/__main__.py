import sys

from nutgraf.cli import main

sys.exit(main())
