#!/usr/bin/env bash
# Regenerates fonts/ttf/*.ttf and fonts/ttf/OFL.txt from Debian's Noto
# packages (fonts-noto-core, fonts-noto-mono).
#
# Usage: fonts/tools/subset.sh [DIR]
#   DIR holds fonts-noto-core_*.deb and fonts-noto-mono_*.deb; when omitted
#   they are fetched with `apt-get download` into a temporary directory.
# Needs: dpkg-deb, and fontTools (Debian: python3-fonttools).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(cd "$here/../ttf" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

debs="${1:-}"
if [[ -z "$debs" ]]; then
	debs="$work/debs"
	mkdir -p "$debs"
	(cd "$debs" && apt-get download fonts-noto-core fonts-noto-mono)
fi
for pkg in fonts-noto-core fonts-noto-mono; do
	deb="$(ls "$debs"/${pkg}_*.deb | sort | tail -n 1)"
	echo "using $(basename "$deb")"
	dpkg-deb -x "$deb" "$work/root"
done
src="$work/root/usr/share/fonts/truetype/noto"

subset=()
if command -v pyftsubset >/dev/null 2>&1; then
	subset=(pyftsubset)
else
	for py in python3 /usr/bin/python3; do
		if "$py" -c 'import fontTools.subset' 2>/dev/null; then
			subset=("$py" -m fontTools.subset)
			break
		fi
	done
fi
if [[ ${#subset[@]} -eq 0 ]]; then
	echo "fontTools not found (Debian: apt-get install python3-fonttools)" >&2
	exit 1
fi

# Scripts and symbols a Latin, Greek or Cyrillic article needs. Layout
# features are dropped: the PDF writer does no shaping.
unicodes="U+0000-007F,U+00A0-00FF,U+0100-017F,U+0180-024F,U+02B0-02FF"
unicodes+=",U+0300-036F,U+0370-03FF,U+0400-04FF,U+0500-052F,U+1E00-1EFF"
unicodes+=",U+2000-206F,U+2070-209F,U+20A0-20CF,U+2100-214F,U+2150-218F"
unicodes+=",U+2190-21FF,U+2200-22FF,U+25A0-25FF,U+FFFD"

faces=(
	NotoSerif-Regular NotoSerif-Bold NotoSerif-Italic NotoSerif-BoldItalic
	NotoSans-Regular NotoSans-Bold NotoSans-Italic NotoSans-BoldItalic
	NotoSansMono-Regular NotoSansMono-Bold
)
for face in "${faces[@]}"; do
	"${subset[@]}" "$src/$face.ttf" \
		--output-file="$out/$face.ttf" \
		--unicodes="$unicodes" \
		--no-hinting \
		--no-glyph-names \
		--layout-features='' \
		--drop-tables+=GDEF,GPOS,GSUB,kern,gasp,hdmx,VDMX,DSIG,meta \
		--name-IDs=0,1,2,3,4,5,6,13,14 \
		--notdef-outline
	printf '%-24s %8d -> %7d bytes\n' "$face" \
		"$(stat -c %s "$src/$face.ttf")" "$(stat -c %s "$out/$face.ttf")"
done

# The licence: Debian's copyright file carries the full SIL OFL 1.1 text,
# one clause per line with " ." between paragraphs; restore plain paragraphs.
copyright="$work/root/usr/share/doc/fonts-noto-core/copyright"
{
	echo "Copyright 2010, 2012-2020 Google Inc."
	echo "Copyright 2015-2020 Google LLC."
	echo
	echo "This Font Software is licensed under the SIL Open Font License, Version 1.1."
	echo "This license is copied below."
	echo
	echo "-----------------------------------------------------------"
	echo "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007"
	echo "-----------------------------------------------------------"
	echo
	awk '
		/^License: OFL-1.1$/ { on = 1; line = ""; printed = 0; next }
		on && !/^ / { if (printed) exit; on = 0; next }
		on && $0 == " ." { if (line != "") print line; print ""; line = ""; printed = 1; next }
		on { sub(/^ /, ""); line = (line == "" ? $0 : line " " $0) }
		END { if (line != "") print line }
	' "$copyright"
} >"$out/OFL.txt"
grep -q "^PREAMBLE$" "$out/OFL.txt" && grep -q "OTHER DEALINGS IN THE FONT SOFTWARE.$" "$out/OFL.txt" ||
	{ echo "licence text not found in $copyright" >&2; exit 1; }
echo "wrote $out/OFL.txt"
