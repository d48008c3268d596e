"""``python -m materials_gen``, and the installed ``materials-gen`` command (:func:`run`).

The command is loaded here, first: a Ctrl-C while it loads (its first fraction of a second)
stops it as a Ctrl-C during a command does ("Aborted!", status 1), not with a traceback of
the imports it was in.
"""

from __future__ import annotations

import sys


def run() -> None:
    try:
        from materials_gen.cli import run as command
    except KeyboardInterrupt:
        print("Aborted!", file=sys.stderr)  # Click's words for a Ctrl-C
        raise SystemExit(1) from None
    command()


if __name__ == "__main__":
    run()
