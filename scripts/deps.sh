#!/bin/sh
# Installs the Debian packages formc needs to build, test and render, when
# any are missing. Uses sudo when not run as root. Safe to run repeatedly.
#   sh scripts/deps.sh [fuzz] [valgrind] [emacs]
# fuzz adds clang and its libFuzzer runtime (make fuzz), valgrind adds
# valgrind (make test-valgrind), emacs adds Emacs, whose mode's tests are
# skipped without it.
set -eu
pkgs="make gcc flex bison pkg-config libcairo2-dev libpango1.0-dev
libhyphen-dev zlib1g-dev hyphen-en-us hyphen-fr fonts-noto-core fonts-wqy-microhei
fonts-dejavu-core poppler-utils qpdf vim groff-base strace"
for extra in "$@"; do
    case "$extra" in
        fuzz) pkgs="$pkgs clang-14 libclang-rt-14-dev" ;;
        valgrind) pkgs="$pkgs valgrind" ;;
        emacs) pkgs="$pkgs emacs-nox" ;;
        *) echo "scripts/deps.sh: unknown extra '$extra' (fuzz, valgrind, emacs)" >&2; exit 2 ;;
    esac
done
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "formc: installing Debian packages:$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
