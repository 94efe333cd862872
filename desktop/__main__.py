"""`palaute` and `python -m desktop`: the desktop app without a command, the CLI with one."""

from __future__ import annotations

import sys
from typing import Any


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from desktop.logs import setup_logging
    from desktop.paths import AppPaths

    args = _parse(argv)
    paths = AppPaths.resolve(getattr(args, "data_dir", None))
    gui = args is None or args.command is None or (args.command in ("capture", "inbox") and args.show)
    setup_logging(paths.log_dir, console=not gui, rotate=not gui)  # the app rotates once its tray is up
    if gui:
        from desktop.app import run as run_app

        return run_app(args)
    from desktop.cli import run

    return run(args)


def _parse(argv: list[str]) -> Any:
    """The parsed command line; None for a bare `palaute`, which starts the app without building the parser
    (argparse, the CLI's catalogues and the domain it imports stay out of the tray's start)."""
    if not argv:
        return None
    from desktop.cli import build_parser, choose_language
    from desktop.language import argparse_words

    choose_language()  # the help texts and argparse's own words speak the system's language
    with argparse_words():
        return build_parser().parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
