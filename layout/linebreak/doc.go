// Package linebreak owns paragraph line breaking: it chooses where a
// paragraph, given as a list of boxes, glue and penalties measured in points,
// is split into lines of given measures.
//
// Break implements the Knuth–Plass total-fit algorithm with an active list,
// fitness classes, hyphen demerits and several passes so that it always
// returns a result for well-formed input. Greedy is a first-fit breaker kept
// for comparison and as a simple fallback.
//
// # Items
//
// A paragraph is a sequence of Box (unbreakable material of fixed width),
// Glue (stretchable, shrinkable space) and Penalty (a possible break with a
// cost) items. Legal breakpoints are glue immediately preceded by a box and
// penalties below Infinity; a penalty at or below -Infinity forces a break.
// Glue whose Stretch is at least Infinity (or +Inf) is infinitely stretchable,
// like TeX's fil glue: while it is present on a line that must stretch, it
// takes up all the slack and ordinary glue keeps its natural width.
//
// A box may have a finite Stretch and Shrink of its own (ExpandableBoxItem):
// type that can be set slightly wider or narrower, as with pdfTeX's font
// expansion. Break and Greedy count it with the glue's when judging a line,
// so a line can reach its measure with less spacing; the line's adjustment
// ratio applies to boxes and glue alike, except that a box never stretches
// past its Stretch, the glue taking the rest of the slack (Line.BoxRatio,
// Line.BoxWidth). A line filled by infinitely stretchable glue keeps its
// boxes at natural width.
//
// A paragraph should end with ParagraphEnd():
//
//	Penalty{Infinity}, Glue{0, stretch Infinity, shrink 0}, Penalty{-Infinity}
//
// The leading penalty forbids breaking at the parfillskip glue, the glue
// fills the last line, and the forced penalty ends the paragraph. A trailing
// interword glue before it is harmless but better dropped. A list that does
// not end in a forced penalty is treated as if it ended in one placed after
// its last item (Line.Break is then len(items)).
//
// # Lines
//
// A line that follows a break starts at the first box after the break (or at
// a forced penalty, whichever comes first): glue and penalties right after a
// break are discarded, as in TeX. The first line keeps everything from item
// 0. A line ends just before its break item; when the break item is a
// penalty, its width (a hyphen) is set at the end of the line.
//
// # Passes
//
// Break tries, in order, until one succeeds:
//
//  1. if PreTolerance > 0: lines of badness ≤ PreTolerance, flagged
//     (hyphenation) penalties ignored as breakpoints;
//  2. lines of badness ≤ Tolerance, all breakpoints;
//  3. unless EmergencyStretch < 0: as 2 with the emergency stretch added to
//     every line's stretch when computing badness (TeX's \emergencystretch);
//  4. the final pass: any badness is accepted and overfull lines are
//     allowed. Breaks minimise first the material overfull lines carry
//     beyond both their measure and their widest box, then demerits: an
//     overlong unbreakable box gets a line of its own, shared with nothing
//     a break could move away, and is reported with Line.Overfull.
//
// The passes that succeed never produce lines with an adjustment ratio below
// -1 other than those overfull lines.
package linebreak
