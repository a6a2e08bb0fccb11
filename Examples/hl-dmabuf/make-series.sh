#!/usr/bin/env bash
# make-series.sh - rebuild the bundled example series from the project sources
#
# Usage: Examples/hl-dmabuf/make-series.sh [--check | --refresh-base]
#
#   (no option)     write series.mbox from base/ and the current sources
#   --check         build it in a scratch folder and compare it with the
#                   committed series.mbox; exit 1 when they differ
#   --refresh-base  first rewrite base/ by taking the committed series back
#                   out of the current sources (git apply -R, patch 2 then
#                   patch 1), then write series.mbox. Use it after a change
#                   to a driver file outside the export code, so that the
#                   example keeps showing only the exporter.
#
# How it works: a scratch git repository gets three commits with fixed
# authors and dates, so every hash is reproducible:
#   base      the files of base/ (the tree before the series)
#   patch 1   the project's uAPI header          (text/patch-1.txt)
#   patch 2   the project's driver files         (text/patch-2.txt)
# `git format-patch --cover-letter --base` turns patches 1 and 2 into
# mails; this script then puts in the cover text (text/cover.txt), fixed
# Message-IDs and threading (as git send-email would add them), and
# appends the two review replies (text/reply-*.eml). The kernel-tree path
# of every project file is listed in MAP below and in README.md.
#
# Needs git. Deterministic: the same sources give the same bytes.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
src="$root/Sources/HabanaLabsReference"
text="$here/text"

mode="${1:-}"
case "$mode" in
"" | --check | --refresh-base) ;;
*)
	echo "usage: $0 [--check | --refresh-base]" >&2
	exit 2
	;;
esac

# kernel-tree path <- path under Sources/HabanaLabsReference, per patch.
PATCH1_MAP=(
	"include/uapi/misc/hl_memory.h	uapi/misc/hl_memory.h"
)
PATCH2_MAP=(
	"drivers/accel/hlr/hlr_bundled.c	hlr_bundled.c"
	"drivers/accel/hlr/hlr_dmabuf.c	hlr_dmabuf.c"
	"drivers/accel/hlr/hlr_export.c	hlr_export.c"
	"drivers/accel/hlr/hlr_internal.h	hlr_internal.h"
	"drivers/accel/hlr/hlr_ioctl.c	hlr_ioctl.c"
	"drivers/accel/hlr/hlr_mem.c	hlr_mem.c"
	"drivers/accel/hlr/hlr_tables.c	hlr_tables.c"
)
# Files the series creates; base/ must not have them.
NEW_FILES=(drivers/accel/hlr/hlr_dmabuf.c drivers/accel/hlr/hlr_export.c)

# Who and when. Fictional people at example.org.
SENDER="Dana Okafor <dana.okafor@example.org>"
TO="hlr-devel@lists.example.org"
CC1="Morgan Reyes <morgan.reyes@example.org>"
CC2="Ilse Varga <ilse.varga@example.org>"
BASE_DATE="2024-05-27T09:00:00+02:00"
PATCH1_DATE="2024-05-30T14:10:00+02:00"
PATCH2_DATE="2024-05-31T11:25:00+02:00"
SEND_DATE="2024-06-03T10:15:00+02:00"
MSGID_STEM="20240603081500.27144"
MSGID_DOMAIN="dana.okafor@example.org"
VERSION_LINE="2.39.5"	# what format-patch puts under the signature line

scratch="$(mktemp -d)"
trap '[ -n "${KEEP_SCRATCH:-}" ] && echo "scratch: $scratch" >&2 || rm -rf "$scratch"' EXIT
repo="$scratch/repo"

git_fixed() {
	GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_SYSTEM=/dev/null GIT_CONFIG_NOSYSTEM=1 \
		git -C "$repo" -c user.name="${SENDER% <*}" -c user.email="$MSGID_DOMAIN" \
		-c core.autocrlf=false -c diff.algorithm=myers \
		-c diff.renames=true -c format.signature="$VERSION_LINE" "$@"
}

copy_from_sources() {	# copy_from_sources MAP-entry... into the scratch tree
	local entry kpath ppath
	for entry in "$@"; do
		kpath="${entry%%	*}"
		ppath="${entry##*	}"
		mkdir -p "$repo/$(dirname "$kpath")"
		cp "$src/$ppath" "$repo/$kpath"
	done
}

# --- base/ ----------------------------------------------------------------
if [ "$mode" = --refresh-base ]; then
	# The committed series, taken back out of the current sources.
	mkdir -p "$repo"
	git -C "$repo" init -q
	copy_from_sources "${PATCH1_MAP[@]}" "${PATCH2_MAP[@]}"
	mkdir -p "$scratch/split"
	git -C "$repo" mailsplit -o"$scratch/split" "$here/series.mbox" >/dev/null
	p1="" p2=""
	for m in "$scratch"/split/*; do
		subject="$(sed -n 's/^Subject: //p' "$m" | head -n1)"
		case "$subject" in
		"[PATCH v6 1/2]"*) p1="$m" ;;
		"[PATCH v6 2/2]"*) p2="$m" ;;
		esac
	done
	[ -n "$p1" ] && [ -n "$p2" ] || { echo "series.mbox lacks patch 1 or 2" >&2; exit 1; }
	git -C "$repo" apply -R "$p2"
	git -C "$repo" apply -R "$p1"
	rm -rf "$here/base"
	mkdir -p "$here/base"
	for entry in "${PATCH1_MAP[@]}" "${PATCH2_MAP[@]}"; do
		kpath="${entry%%	*}"
		[ -f "$repo/$kpath" ] || continue
		mkdir -p "$here/base/$(dirname "$kpath")"
		cp "$repo/$kpath" "$here/base/$kpath"
	done
	rm -rf "$repo" "$scratch/split"
	echo "rewrote $here/base"
fi

# base/ holds exactly the files the series touches, minus the ones it adds.
expected="$(for entry in "${PATCH1_MAP[@]}" "${PATCH2_MAP[@]}"; do echo "${entry%%	*}"; done |
	grep -vxF -f <(printf '%s\n' "${NEW_FILES[@]}") | sort)"
actual="$(cd "$here/base" && find . -type f | sed 's|^\./||' | sort)"
if [ "$expected" != "$actual" ]; then
	echo "base/ must hold exactly these files:" >&2
	echo "$expected" >&2
	exit 1
fi
# ...and is the state before the export: no trace of the new opcode.
if grep -rn -e EXPORT_DMABUF -e export_dmabuf -e hlr_export -e hlr_dmabuf_ "$here/base" >&2; then
	echo "base/ still mentions the exporter (lines above)" >&2
	exit 1
fi

# --- the scratch repository ---------------------------------------------------
mkdir -p "$repo"
git -C "$repo" init -q -b master
cp -R "$here/base/." "$repo/"
commit() {	# commit AUTHOR DATE MESSAGE-FILE
	git_fixed add -A
	GIT_AUTHOR_NAME="${1% <*}" GIT_AUTHOR_EMAIL="$(echo "$1" | sed 's/.*<\(.*\)>/\1/')" \
	GIT_AUTHOR_DATE="$2" \
	GIT_COMMITTER_NAME="${SENDER% <*}" GIT_COMMITTER_EMAIL="dana.okafor@example.org" \
	GIT_COMMITTER_DATE="$2" \
		git_fixed commit -q --no-verify --cleanup=verbatim -F "$3"
}
printf 'hlr: reference driver without dma-buf export\n' >"$scratch/base-msg"
commit "$SENDER" "$BASE_DATE" "$scratch/base-msg"
base_commit="$(git_fixed rev-parse HEAD)"
copy_from_sources "${PATCH1_MAP[@]}"
commit "$SENDER" "$PATCH1_DATE" "$text/patch-1.txt"
copy_from_sources "${PATCH2_MAP[@]}"
commit "Lior Ben-Ami <lior.benami@example.org>" "$PATCH2_DATE" "$text/patch-2.txt"
if [ -n "$(git_fixed status --porcelain)" ]; then
	echo "the sources changed files outside the mapping" >&2
	exit 1
fi

git_fixed format-patch -q -o "$scratch/out" --cover-letter --no-thread -M -v 6 \
	--base="$base_commit" --from="$SENDER" --to="$TO" --cc="$CC1" --cc="$CC2" \
	"$base_commit..HEAD"

# --- the mails ------------------------------------------------------------------
rfc2822() { date -u -d "$1" '+%a, %-d %b %Y %H:%M:%S +0000'; }
title="$(head -n1 "$text/cover.txt")"
cover_id="<$MSGID_STEM-1-$MSGID_DOMAIN>"

# thread_headers FILE N: fix Date, add Message-ID (and In-Reply-To/References
# for the patches) after the Date line, as git send-email does.
thread_headers() {
	local file="$1" n="$2" id="<$MSGID_STEM-$(($2 + 1))-$MSGID_DOMAIN>" when
	# git send-email sends one mail a second.
	when="$(rfc2822 "$SEND_DATE + $n seconds")"
	awk -v id="$id" -v cover="$cover_id" -v n="$n" -v when="$when" '
		!done && /^Date: / {
			print "Date: " when
			print "Message-ID: " id
			if (n > 0) { print "In-Reply-To: " cover; print "References: " cover }
			done = 1
			next
		}
		{ print }
	' "$file"
}

out="$scratch/series.mbox"
: >"$out"
for f in "$scratch"/out/*.patch; do
	n="$(basename "$f" | cut -d- -f2)"	# v6-0001-... -> 0001
	n=$((10#$n))
	if [ "$n" = 0 ]; then
		# The cover: our subject and blurb in place of git's placeholders.
		awk -v title="$title" -v blurb="$text/cover.txt" '
			/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, title) }
			/^\*\*\* BLURB HERE \*\*\*$/ {
				skip = 1
				while ((getline line < blurb) > 0) if (skip) skip = 0; else if (line != "" || started) { print line; started = 1 }
				next
			}
			{ print }
		' "$f" >"$scratch/cover.patch"
		thread_headers "$scratch/cover.patch" 0 >>"$out"
	else
		thread_headers "$f" "$n" >>"$out"
	fi
done
for r in "$text"/reply-*.eml; do
	printf 'From mboxrd@z Thu Jan  1 00:00:00 1970\n' >>"$out"
	cat "$r" >>"$out"
	printf '\n' >>"$out"
done

if [ "$mode" = --check ]; then
	if cmp -s "$out" "$here/series.mbox"; then
		echo "series.mbox is up to date"
	else
		diff -u "$here/series.mbox" "$out" | head -n 60 >&2 || true
		echo "series.mbox is out of date with the sources: run Examples/hl-dmabuf/make-series.sh" >&2
		exit 1
	fi
else
	cp "$out" "$here/series.mbox"
	echo "wrote $here/series.mbox"
fi
