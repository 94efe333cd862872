"""`palaute` and `python -m desktop`: the desktop app without a command, the CLI with one."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from desktop.cli import build_parser, run
    from desktop.logs import setup_logging
    from desktop.paths import AppPaths

    args = build_parser().parse_args(argv)
    paths = AppPaths.resolve(args.data_dir)
    gui = args.command is None or (args.command == "capture" and args.show)
    setup_logging(paths.log_dir, console=not gui)
    if gui:
        from desktop.app import run as run_app

        return run_app(args)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
