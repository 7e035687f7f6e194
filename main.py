"""Truce Ledger: opens the window, or runs a command (`python main.py --help`)."""
import sys

from cli import run


def main() -> int:
    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
