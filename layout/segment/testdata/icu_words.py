#!/usr/bin/env python3
"""icu_words.py LANG [line] < text: ICU's word boundaries (or, with "line", its line-break
opportunities) of the text, as UTF-8 byte offsets, one per line."""
import sys
import icu

lang = sys.argv[1]
text = sys.stdin.read()
if len(sys.argv) > 2 and sys.argv[2] == "line":
    bi = icu.BreakIterator.createLineInstance(icu.Locale(lang))
else:
    bi = icu.BreakIterator.createWordInstance(icu.Locale(lang))
bi.setText(icu.UnicodeString(text))
# map UTF-16 offsets to UTF-8 byte offsets
u16_to_byte = {}
u16 = b = 0
for ch in text:
    u16_to_byte[u16] = b
    u16 += 2 if ord(ch) > 0xFFFF else 1
    b += len(ch.encode("utf-8"))
u16_to_byte[u16] = b
for off in bi:
    print(u16_to_byte[off])
