"""`python -m extractor` and the `policy-extract` script: the command line.

The command line is imported inside `main`, so that Ctrl-C while it loads (the first tenth
of a second) ends quietly with status 130 instead of a KeyboardInterrupt traceback.
"""

import sys


def main() -> None:
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.exit(130)
    run()


if __name__ == "__main__":
    main()
