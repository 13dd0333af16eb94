#!/usr/bin/env bash
# Installs headless Chromium for the report's browser test (BrowserReportTest), when missing.
# Idempotent and quiet: does nothing when /usr/bin/chromium is already there. Debian/Ubuntu only.
set -euo pipefail
if [ -x /usr/bin/chromium ] && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null | head -n1)"
