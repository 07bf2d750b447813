package fetch

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
)

// forbiddenPrefixes are the address ranges a fetch must never reach unless
// the request's host is explicitly allowed. IPv4-mapped, IPv4-compatible,
// NAT64 and 6to4 IPv6 forms are unwrapped and checked as IPv4 by
// forbiddenIP.
var forbiddenPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),         // "this network", unspecified
	netip.MustParsePrefix("10.0.0.0/8"),        // private
	netip.MustParsePrefix("100.64.0.0/10"),     // carrier-grade NAT
	netip.MustParsePrefix("127.0.0.0/8"),       // loopback
	netip.MustParsePrefix("169.254.0.0/16"),    // link-local, cloud metadata
	netip.MustParsePrefix("172.16.0.0/12"),     // private
	netip.MustParsePrefix("192.0.0.0/24"),      // IETF protocol assignments
	netip.MustParsePrefix("192.168.0.0/16"),    // private
	netip.MustParsePrefix("198.18.0.0/15"),     // benchmarking
	netip.MustParsePrefix("224.0.0.0/4"),       // multicast
	netip.MustParsePrefix("240.0.0.0/4"),       // reserved, broadcast
	netip.MustParsePrefix("::/96"),             // unspecified, loopback, IPv4-compatible
	netip.MustParsePrefix("100::/64"),          // discard-only
	netip.MustParsePrefix("64:ff9b:1::/48"),    // local-use NAT64
	netip.MustParsePrefix("fc00::/7"),          // unique local (covers fd00:ec2::254, AWS IMDS)
	netip.MustParsePrefix("fe80::/10"),         // link-local
	netip.MustParsePrefix("fec0::/10"),         // deprecated site-local
	netip.MustParsePrefix("ff00::/8"),          // multicast
	netip.MustParsePrefix("fd00:ec2::254/128"), // AWS IMDS over IPv6, listed for clarity
}

var (
	nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour   = netip.MustParsePrefix("2002::/16")
)

// forbiddenIP reports whether ip lies in a range the fetcher refuses to
// connect to. Invalid addresses are forbidden.
func forbiddenIP(ip netip.Addr) bool {
	if !ip.IsValid() {
		return true
	}
	ip = ip.WithZone("").Unmap()
	if ip.Is6() {
		b := ip.As16()
		switch {
		case nat64Prefix.Contains(ip):
			if forbiddenIP(netip.AddrFrom4([4]byte(b[12:16]))) {
				return true
			}
		case sixToFour.Contains(ip):
			if forbiddenIP(netip.AddrFrom4([4]byte(b[2:6]))) {
				return true
			}
		}
	}
	for _, p := range forbiddenPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// guardControl is the net.Dialer Control hook: it runs after name resolution
// with the literal address about to be connected, so a name that resolves
// (or re-resolves) to a private address is refused.
func guardControl(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: cannot parse dial address %q", ErrForbiddenAddress, address)
	}
	if forbiddenIP(ap.Addr()) {
		return fmt.Errorf("%w: %s %s", ErrForbiddenAddress, network, address)
	}
	return nil
}

// hostRule is one parsed AllowHosts entry.
type hostRule struct {
	name   string       // lower-case host name, or "" for IP rules
	prefix netip.Prefix // IP (as a full-length prefix) or CIDR
	port   string       // "" matches any port
}

// allowList decides which request hosts skip the private-address guard.
type allowList []hostRule

func parseAllowList(entries []string) (allowList, error) {
	var rules allowList
	for _, raw := range entries {
		e := strings.TrimSpace(raw)
		if e == "" {
			continue
		}
		rule, err := parseHostRule(e)
		if err != nil {
			return nil, fmt.Errorf("allowed host %q: %w", raw, err)
		}
		rules = append(rules, rule)
	}
	return rules, nil
}

func parseHostRule(e string) (hostRule, error) {
	if p, err := netip.ParsePrefix(e); err == nil {
		return hostRule{prefix: p.Masked()}, nil
	}
	if ip, err := netip.ParseAddr(e); err == nil {
		ip = ip.Unmap()
		return hostRule{prefix: netip.PrefixFrom(ip, ip.BitLen())}, nil
	}
	host, port := e, ""
	if h, p, err := net.SplitHostPort(e); err == nil {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return hostRule{}, fmt.Errorf("bad port %q", p)
		}
		host, port = h, p
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		ip = ip.Unmap()
		return hostRule{prefix: netip.PrefixFrom(ip, ip.BitLen()), port: port}, nil
	}
	name := normalizeHost(host)
	if name == "" || strings.ContainsAny(name, "/[]") {
		return hostRule{}, fmt.Errorf("not a host name, IP or CIDR")
	}
	return hostRule{name: name, port: port}, nil
}

// allows reports whether the dial target "host:port" (host as written in
// the request URL) matches an entry.
func (l allowList) allows(hostport string) bool {
	if len(l) == 0 {
		return false
	}
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return false
	}
	ip, ipErr := netip.ParseAddr(host)
	name := normalizeHost(host)
	for _, r := range l {
		if r.port != "" && r.port != port {
			continue
		}
		if r.name != "" {
			if ipErr != nil && r.name == name {
				return true
			}
			continue
		}
		if ipErr == nil && r.prefix.Contains(ip.WithZone("").Unmap()) {
			return true
		}
	}
	return false
}

func normalizeHost(h string) string {
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

// guardedDialer dials through the address guard unless the target host is
// on the allow list.
type guardedDialer struct {
	allow   allowList
	guarded net.Dialer
	open    net.Dialer
}

func (d *guardedDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	if d.allow.allows(addr) {
		return d.open.DialContext(ctx, network, addr)
	}
	return d.guarded.DialContext(ctx, network, addr)
}
