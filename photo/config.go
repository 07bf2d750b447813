package photo

import "printd/fetch"

// Defaults applied by DefaultConfig and to zero fields of a Config.
const (
	DefaultMaxPixels  = 50_000_000
	DefaultCacheBytes = 64 << 20
	DefaultQuality    = 85
)

// Config controls fetching (through package fetch), inspection limits and
// caching. Zero numeric fields take the defaults.
type Config struct {
	// Fetch is how sources are fetched: schemes, the address guard, size
	// and time limits, retries.
	Fetch      fetch.Config
	MaxPixels  int64 // width*height cap, checked from the header before decoding
	CacheBytes int64 // budget of Store's caches
}

// DefaultConfig returns the service defaults: fetch.DefaultConfig (https
// only, no local files, no exempt hosts) and the limits above.
func DefaultConfig() Config {
	return Config{
		Fetch:      fetch.DefaultConfig(),
		MaxPixels:  DefaultMaxPixels,
		CacheBytes: DefaultCacheBytes,
	}
}

// withDefaults fills zero fields with the defaults.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.MaxPixels <= 0 {
		c.MaxPixels = d.MaxPixels
	}
	if c.CacheBytes <= 0 {
		c.CacheBytes = d.CacheBytes
	}
	return c
}
