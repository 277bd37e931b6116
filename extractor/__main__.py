"""`python -m extractor` runs the `policy-extract` command line."""

from .cli import main

if __name__ == "__main__":
    main()
