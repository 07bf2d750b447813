package photo

import "time"

// Defaults applied by DefaultConfig and to zero fields of a Config.
const (
	DefaultMaxBytes       = 20 << 20
	DefaultMaxPixels      = 50_000_000
	DefaultConnectTimeout = 3 * time.Second
	DefaultTimeout        = 10 * time.Second
	DefaultMaxRedirects   = 3
	DefaultUserAgent      = "printd-photo/1"
	DefaultCacheBytes     = 64 << 20
	DefaultQuality        = 85
)

// Config controls fetching, inspection limits and caching. Zero numeric
// fields take the defaults above.
type Config struct {
	MaxBytes       int64         // encoded bytes per photo
	MaxPixels      int64         // width*height cap, checked from the header before decoding
	ConnectTimeout time.Duration // TCP connect and TLS handshake
	Timeout        time.Duration // whole fetch, body included
	MaxRedirects   int           // 0 means the default; negative follows none
	AllowHTTP      bool          // plain http:// allowed (https only otherwise)
	// AllowHosts lists hosts exempt from the private-address guard: exact
	// host names, IP addresses or CIDR prefixes, each optionally with a
	// ":port" (names and IPs only). Entries match the host as written in the
	// request URL (of the first request or of a redirect), not the address a
	// name resolves to.
	AllowHosts []string
	AllowFiles bool   // local paths and file: URLs allowed (CLI only)
	BaseDir    string // relative paths resolve against it
	// Confine keeps local files inside BaseDir: absolute paths, ".." that
	// climbs out and symbolic links that lead out are refused. The service
	// sets it for its photo directory; the CLI trusts its user's paths.
	Confine    bool
	UserAgent  string
	CacheBytes int64 // budget of Store's prepared-image cache
}

// DefaultConfig returns the service defaults: https only, no local files,
// no exempt hosts.
func DefaultConfig() Config {
	return Config{
		MaxBytes:       DefaultMaxBytes,
		MaxPixels:      DefaultMaxPixels,
		ConnectTimeout: DefaultConnectTimeout,
		Timeout:        DefaultTimeout,
		MaxRedirects:   DefaultMaxRedirects,
		UserAgent:      DefaultUserAgent,
		CacheBytes:     DefaultCacheBytes,
	}
}

// withDefaults fills zero fields with the defaults.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.MaxBytes <= 0 {
		c.MaxBytes = d.MaxBytes
	}
	if c.MaxPixels <= 0 {
		c.MaxPixels = d.MaxPixels
	}
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = d.ConnectTimeout
	}
	if c.Timeout <= 0 {
		c.Timeout = d.Timeout
	}
	if c.MaxRedirects == 0 {
		c.MaxRedirects = d.MaxRedirects
	}
	if c.UserAgent == "" {
		c.UserAgent = d.UserAgent
	}
	if c.CacheBytes <= 0 {
		c.CacheBytes = d.CacheBytes
	}
	c.AllowHosts = append([]string(nil), c.AllowHosts...)
	return c
}
