"""The frozen app's entry point: the same `main` as the `palaute` console script."""

from __future__ import annotations

import sys

from desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
