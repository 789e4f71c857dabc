#!/usr/bin/env bash
# Installs bindings/python into a fresh virtual environment, as `pip install ./bindings/python`
# does for a user (with Debian's pytest and setuptools, and nothing downloaded), and runs its
# tests against the C library just built.
#   run.sh SOURCE_DIR LIBRARY WORK_DIR
set -euo pipefail
source_dir=$1 library=$2 work=$3
python=/usr/bin/python3

rm -rf "$work"
"$python" -m venv --without-pip --system-site-packages "$work/venv"
# A copy of the package, so that the build writes nothing into the source tree.
cp -r "$source_dir/bindings/python" "$work/package"
"$work/venv/bin/python" -m pip install --quiet --no-index --no-build-isolation --no-deps "$work/package"
cd "$work"
LOYALTY_LIBRARY=$library LOYALTY_RULES=$source_dir/rules \
    "$work/venv/bin/python" -m pytest -q -p no:cacheprovider "$source_dir/bindings/python/tests"
