package article

// Default limits; see Limits.
const (
	DefaultMaxBlocks     = 10_000
	DefaultMaxFieldBytes = 1 << 20
	DefaultMaxRunes      = 5_000_000
)

// Limits bound what one article may hold. Exceeding one is a validation
// problem naming the field. Zero fields take the defaults.
type Limits struct {
	MaxBlocks     int // body blocks, from the array or from body HTML
	MaxFieldBytes int // bytes in any one string field
	MaxRunes      int // characters in all string fields together
}

func (l Limits) withDefaults() Limits {
	if l.MaxBlocks <= 0 {
		l.MaxBlocks = DefaultMaxBlocks
	}
	if l.MaxFieldBytes <= 0 {
		l.MaxFieldBytes = DefaultMaxFieldBytes
	}
	if l.MaxRunes <= 0 {
		l.MaxRunes = DefaultMaxRunes
	}
	return l
}

// DecodeOptions tune DecodeOpts.
type DecodeOptions struct {
	Limits Limits
	// Strict reports unknown fields as problems. An article whose
	// options.strict is true is checked strictly whatever this says.
	Strict bool
}
