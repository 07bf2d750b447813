package linebreak

import (
	"fmt"
	"math"
)

// AutoEmergencyFraction is the share of a line's measure used as emergency
// stretch when Params.EmergencyStretch is zero.
const AutoEmergencyFraction = 0.2

// Params tunes Break. The zero value is usable but DefaultParams gives
// TeX-like settings.
type Params struct {
	// Tolerance is the largest badness (100·|r|³, capped at 10000) a line may
	// have in the main passes. Values ≥ 10000 accept lines that cannot
	// stretch at all.
	Tolerance float64
	// PreTolerance, when > 0, enables a first pass that ignores flagged
	// (hyphenation) penalties and accepts lines up to this badness, so
	// paragraphs that set well without hyphens get none (TeX's
	// \pretolerance). Values ≤ 0 skip that pass.
	PreTolerance float64
	// LinePenalty is added to every line's badness before squaring; larger
	// values favour fewer lines. Default 10.
	LinePenalty float64
	// HyphenPenalty is not used by Break: penalties live in the items. It is
	// the value callers should give flagged penalties at hyphenation points
	// (default 50).
	HyphenPenalty float64
	// DoubleHyphenDemerits are added when two consecutive lines end at
	// flagged penalties. Default 10000.
	DoubleHyphenDemerits float64
	// FinalHyphenDemerits are added when the second-last line ends at a
	// flagged penalty. Default 5000.
	FinalHyphenDemerits float64
	// FitnessDemerits are added when adjacent lines' fitness classes differ
	// by more than one (TeX's \adjdemerits). Default 10000.
	FitnessDemerits float64
	// EmergencyStretch is extra stretch, in points, added to every line's
	// stretch when computing badness in the emergency pass and the final
	// pass; the set lines keep their real stretch, so Line.Ratio may exceed
	// the tolerance's ratio there. Zero means AutoEmergencyFraction of each
	// line's measure; a negative value disables the emergency pass and adds
	// nothing in the final pass.
	EmergencyStretch float64
	// Looseness asks for that many lines more (positive) or fewer
	// (negative) than optimal, as close as the successful pass allows
	// (TeX's \looseness). The final pass ignores it. Non-zero values make
	// Break slower, since breakings of different line counts are kept
	// apart; with a Tolerance of 10000 or more that is quadratic.
	Looseness int
	// MaxConsecutiveHyphens, when 1–3, is the most lines in a row that may
	// end at flagged penalties: a hard rule in every pass but the final
	// one, which breaks it only where the alternative is an overfull line.
	// 0, or more than 3, sets no limit; DoubleHyphenDemerits still
	// discourage runs.
	MaxConsecutiveHyphens int
}

// DefaultParams returns plain TeX's values — tolerance 200, pretolerance
// 100, line penalty 10, hyphen penalty 50, double-hyphen demerits 10000,
// final-hyphen demerits 5000, fitness demerits 10000 — with automatic
// emergency stretch (EmergencyStretch 0).
func DefaultParams() Params {
	return Params{
		Tolerance:            200,
		PreTolerance:         100,
		LinePenalty:          10,
		HyphenPenalty:        50,
		DoubleHyphenDemerits: 10000,
		FinalHyphenDemerits:  5000,
		FitnessDemerits:      10000,
	}
}

func (p *Params) validate() error {
	if math.IsNaN(p.Tolerance) || math.IsNaN(p.PreTolerance) {
		return fmt.Errorf("%w: tolerance is NaN", ErrInvalidParams)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{
		{"LinePenalty", p.LinePenalty},
		{"DoubleHyphenDemerits", p.DoubleHyphenDemerits},
		{"FinalHyphenDemerits", p.FinalHyphenDemerits},
		{"FitnessDemerits", p.FitnessDemerits},
		{"EmergencyStretch", p.EmergencyStretch},
	} {
		if !finite(f.v) {
			return fmt.Errorf("%w: %s is %v", ErrInvalidParams, f.name, f.v)
		}
	}
	return nil
}
