import sys

from equalcity.cli import main

sys.exit(main())
