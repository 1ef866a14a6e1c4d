"""The ``khabar`` console script: the Rust command line, run through the extension
module so that ``pip install`` and ``cargo install`` give the same program."""

from __future__ import annotations

import sys

from khabar._khabar import cli_main


def main() -> None:
    """Run ``khabar`` with ``sys.argv`` and exit with its status."""
    sys.stdout.flush()
    sys.exit(cli_main(["khabar", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
