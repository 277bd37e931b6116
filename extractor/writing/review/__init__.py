"""The review page of `show --html`: one self-contained HTML page per input (page.py), its
inline stylesheet and script (assets.py), and the index page of a folder (index.py)."""
