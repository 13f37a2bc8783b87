#!/usr/bin/env bash
# Installs the Debian packages the portal needs when they are missing. Usage: system-deps.sh [run|test]
#   run:  python3-venv, WeasyPrint's Pango libraries, gettext, fonts
#   test: the same plus Debian's Chromium (browser tests), poppler-utils (PDF to PNG) and LibreOffice Writer
#         (the tests that lay out the notice's DOCX to count its pages)
set -euo pipefail
want=(python3-venv python3-dev libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext fonts-liberation2)
if [ "${1:-run}" = "test" ]; then
  want+=(chromium poppler-utils libreoffice-writer-nogui)
fi
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Cài các gói hệ thống còn thiếu: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
