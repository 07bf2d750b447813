package fetch

import (
	"errors"
	"net/netip"
	"testing"
)

func TestForbiddenIP(t *testing.T) {
	tests := []struct {
		ip        string
		forbidden bool
	}{
		// IPv4 public
		{"93.184.216.34", false},
		{"8.8.8.8", false},
		{"1.1.1.1", false},
		{"100.63.255.255", false}, // just below CGNAT
		{"100.128.0.0", false},    // just above CGNAT
		{"172.15.255.255", false}, // just below 172.16/12
		{"172.32.0.0", false},     // just above
		{"192.0.1.1", false},
		{"198.17.255.255", false},
		{"198.20.0.0", false},
		{"223.255.255.255", false},
		// IPv4 refused
		{"0.0.0.0", true},
		{"0.1.2.3", true},
		{"127.0.0.1", true},
		{"127.255.255.254", true},
		{"10.0.0.1", true},
		{"10.255.255.255", true},
		{"172.16.0.1", true},
		{"172.31.255.255", true},
		{"192.168.1.1", true},
		{"169.254.169.254", true}, // cloud metadata
		{"169.254.0.1", true},
		{"100.64.0.1", true},
		{"100.127.255.255", true},
		{"192.0.0.8", true},
		{"198.18.0.1", true},
		{"198.19.255.255", true},
		{"224.0.0.1", true},
		{"239.255.255.250", true},
		{"240.0.0.1", true},
		{"255.255.255.255", true},
		// IPv6 public
		{"2606:4700:4700::1111", false},
		{"2001:4860:4860::8888", false},
		{"64:ff9b::808:808", false},     // NAT64 of 8.8.8.8
		{"2002:808:808::1", false},      // 6to4 of 8.8.8.8
		{"::ffff:93.184.216.34", false}, // mapped public
		// IPv6 refused
		{"::", true},
		{"::1", true},
		{"fc00::1", true},
		{"fd12:3456::1", true},
		{"fd00:ec2::254", true}, // AWS IMDS
		{"fe80::1", true},
		{"fe80::1%eth0", true},
		{"febf:ffff::1", true},
		{"fec0::1", true},
		{"ff02::1", true},
		{"ff05::2", true},
		{"100::1", true},
		{"64:ff9b:1::1", true},
		// IPv4-mapped, -compatible, NAT64 and 6to4 forms of refused IPv4
		{"::ffff:127.0.0.1", true},
		{"::ffff:7f00:1", true},
		{"::ffff:169.254.169.254", true},
		{"::ffff:10.0.0.1", true},
		{"::ffff:0.0.0.0", true},
		{"::ffff:255.255.255.255", true},
		{"::127.0.0.1", true},
		{"64:ff9b::a9fe:a9fe", true}, // NAT64 of 169.254.169.254
		{"64:ff9b::7f00:1", true},
		{"2002:7f00:1::1", true}, // 6to4 of 127.0.0.1
		{"2002:a9fe:a9fe::1", true},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			ip := netip.MustParseAddr(tt.ip)
			if got := forbiddenIP(ip); got != tt.forbidden {
				t.Errorf("forbiddenIP(%s) = %v, want %v", tt.ip, got, tt.forbidden)
			}
		})
	}
	if !forbiddenIP(netip.Addr{}) {
		t.Error("the zero Addr must be forbidden")
	}
}

func TestGuardControl(t *testing.T) {
	tests := []struct {
		network, address string
		wantErr          bool
	}{
		{"tcp4", "93.184.216.34:443", false},
		{"tcp6", "[2606:4700:4700::1111]:443", false},
		{"tcp4", "127.0.0.1:8080", true},
		{"tcp6", "[::1]:443", true},
		{"tcp6", "[::ffff:169.254.169.254]:80", true},
		{"tcp6", "[fd00:ec2::254]:80", true},
		{"tcp6", "[fe80::1%lo]:80", true},
		{"tcp", "not-an-address", true},
		{"tcp", "example.com:443", true}, // Control always sees a literal; fail closed
	}
	for _, tt := range tests {
		err := guardControl(tt.network, tt.address, nil)
		if (err != nil) != tt.wantErr {
			t.Errorf("guardControl(%q, %q) = %v, want error %v", tt.network, tt.address, err, tt.wantErr)
		}
		if err != nil && !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("guardControl(%q) error %v does not match ErrForbiddenAddress", tt.address, err)
		}
	}
}

func TestAllowList(t *testing.T) {
	allow, err := parseAllowList([]string{
		"127.0.0.1:8443",
		"Photos.Internal.",
		"cdn.example:9000",
		"10.20.0.0/16",
		"::1",
		" ",
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		hostport string
		want     bool
	}{
		{"127.0.0.1:8443", true},
		{"127.0.0.1:8444", false}, // port-restricted entry
		{"localhost:8443", false}, // names do not match IP entries
		{"photos.internal:443", true},
		{"PHOTOS.internal.:80", true},
		{"evil.photos.internal:443", false},
		{"cdn.example:9000", true},
		{"cdn.example:443", false},
		{"10.20.3.4:443", true},
		{"10.21.0.1:443", false},
		{"[::1]:443", true},
		{"[::ffff:10.20.1.1]:443", true},
		{"garbage", false},
	}
	for _, tt := range tests {
		if got := allow.allows(tt.hostport); got != tt.want {
			t.Errorf("allows(%q) = %v, want %v", tt.hostport, got, tt.want)
		}
	}

	for _, bad := range []string{"host:99999", "host:http", "a/b", "[::1"} {
		if _, err := parseAllowList([]string{bad}); err == nil {
			t.Errorf("parseAllowList(%q) accepted a malformed entry", bad)
		}
	}
}
