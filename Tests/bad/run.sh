#!/usr/bin/env bash
# The bad-input corpus (Tests/Fixtures/bad/, format in its README.md): every case run through the
# tool with a timeout, its exit status, diagnostics (file:line:col and id) and kept output
# checked. Usage: Tests/bad/run.sh path/to/uapi-review [--selftest] [--timeout S] [CASE...].
# Prints one line per case and "bad-input: N passed, M failed"; exits 1 when any case failed.
exec python3 "$(dirname "$0")/run.py" "$@"
