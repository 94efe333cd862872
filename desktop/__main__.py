"""`palaute` and `python -m desktop`: the desktop app without a command, the CLI with one."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--self-test"]:
        # Checked before the parser: the frozen app's smoke test must not depend on anything else working.
        from desktop.selftest import run_self_test

        return run_self_test()
    from desktop.cli import build_parser, choose_language, run
    from desktop.logs import setup_logging
    from desktop.paths import AppPaths

    choose_language()  # the help texts speak the system's language
    args = build_parser().parse_args(argv)
    paths = AppPaths.resolve(args.data_dir)
    gui = args.command is None or (args.command in ("capture", "inbox") and args.show)
    setup_logging(paths.log_dir, console=not gui)
    if gui:
        from desktop.app import run as run_app

        return run_app(args)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
