package api

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestClientIP(t *testing.T) {
	s := &server{cfg: Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("127.0.0.1/32")}}}
	cases := []struct {
		name, peer, xff, want string
	}{
		{"direct client", "203.0.113.7:5000", "", "203.0.113.7"},
		{"a direct client's forged header is ignored", "203.0.113.7:5000", "198.51.100.1", "203.0.113.7"},
		{"through the proxy", "10.1.2.3:443", "198.51.100.1", "198.51.100.1"},
		{"forged left part through the proxy", "10.1.2.3:443", "1.2.3.4, 198.51.100.1", "198.51.100.1"},
		{"two trusted proxies", "127.0.0.1:80", "198.51.100.1, 10.9.9.9", "198.51.100.1"},
		{"garbage after the client", "10.1.2.3:443", "198.51.100.1, nonsense", "10.1.2.3"},
		{"proxy with no header", "10.1.2.3:443", "", "10.1.2.3"},
		{"IPv4 mapped in IPv6", "[::ffff:10.1.2.3]:443", "2001:db8::1", "2001:db8::1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = c.peer
			if c.xff != "" {
				r.Header.Set("X-Forwarded-For", c.xff)
			}
			if got := s.clientIP(r); got != c.want {
				t.Fatalf("got %s, want %s", got, c.want)
			}
		})
	}
	none := &server{}
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr, r.Header["X-Forwarded-For"] = "10.1.2.3:443", []string{"198.51.100.1"}
	if got := none.clientIP(r); got != "10.1.2.3" {
		t.Fatalf("with no trusted proxy: %s", got)
	}
}
