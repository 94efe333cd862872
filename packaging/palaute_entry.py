"""The frozen app's entry point: `--self-test` (the bundle's smoke test), else the same `main` as the `palaute`
console script."""

from __future__ import annotations

import sys


def main() -> int:
    if sys.argv[1:2] == ["--self-test"]:
        # Checked before anything else: the smoke test must not depend on the launcher or the parser working.
        from desktop.app import PalauteApp
        from desktop.ui.selftest import run_self_test

        return run_self_test(PalauteApp)
    from desktop.__main__ import main as run_palaute

    return run_palaute()


if __name__ == "__main__":
    sys.exit(main())
