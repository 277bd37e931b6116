#!/usr/bin/env bash
# Regenerate the README's screenshots: docs/review-page.png (the review page in headless
# Chromium at 1,280 px) and docs/xlsx-in-libreoffice.png (the XLSX opened in LibreOffice
# Calc under Xvfb, scrolled to the figures' columns).
# Needs: apt-get install chromium fonts-noto-cjk libreoffice-calc xvfb xdotool x11-apps imagemagick
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export PYTHONPATH="$PWD"

"$python" -m extractor show samples/digest-metro-rail.txt --html "$scratch/page.html"
"$python" - "$scratch/page.html" docs/review-page.png <<'PY'
import sys
sys.path.insert(0, "tests")
from pathlib import Path
from browser_support import browser_context
with browser_context() as context:
    page = context.new_page()
    page.goto(Path(sys.argv[1]).resolve().as_uri())
    page.screenshot(path=sys.argv[2])
PY

(cd samples && "$python" -m extractor zh-plan-nanjing.txt digest-metro-rail.txt -o "$scratch/figures.xlsx")
Xvfb :77 -screen 0 1280x720x24 >/dev/null 2>&1 & xvfb=$!
sleep 1
DISPLAY=:77 soffice --calc --norestore --nologo -env:UserInstallation="file://$scratch/lo" "$scratch/figures.xlsx" \
    >/dev/null 2>&1 & calc=$!
sleep 12
window="$(DISPLAY=:77 xdotool search --name figures | head -1)"
DISPLAY=:77 xdotool windowmove "$window" 0 0 windowsize "$window" 1280 720
sleep 2
DISPLAY=:77 xdotool windowfocus --sync "$window" key --window "$window" --repeat 13 --delay 60 Right
sleep 2
DISPLAY=:77 xwd -root -silent > "$scratch/calc.xwd"
kill "$calc" "$xvfb"
convert "$scratch/calc.xwd" docs/xlsx-in-libreoffice.png
