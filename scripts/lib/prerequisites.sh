# Shared by run.sh and test.sh: find or install what EventManager needs on a Debian/Ubuntu machine.
# shellcheck shell=bash

need_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is missing. Install it (Debian/Ubuntu: https://learn.microsoft.com/dotnet/core/install/linux, package dotnet-sdk-10.0) and run this again." >&2
    exit 1
  fi
  local major
  major=$(dotnet --version 2>/dev/null | cut -d. -f1)
  if [ "${major:-0}" -lt 10 ]; then
    echo "EventManager needs the .NET 10 SDK; this machine has $(dotnet --version). Install dotnet-sdk-10.0 and run this again." >&2
    exit 1
  fi
}

# apt_install PACKAGE... — installs the Debian packages that are not installed yet.
apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Please install: ${missing[*]} (names of the Debian packages; use your system's equivalents)." >&2
    return 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "Please install as root: apt-get install -y ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "Installing ${missing[*]} ..."
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Fonts that cover the scripts of names (Latin, Cyrillic with Kazakh letters, Chinese, Thai, Khmer, Lao, Myanmar).
FONT_PACKAGES=(fonts-noto-core fonts-arphic-uming fonts-wqy-microhei fontconfig)
