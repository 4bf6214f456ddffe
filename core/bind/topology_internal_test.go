package bind

import (
	"net/netip"
	"testing"
)

// TestNeighbourIsNearTheTop: the LAN neighbour is the LAN's last usable
// address, or the one before it when the host has that one, so that no
// other address of the LAN (such as x.x.x.7 in a /24) is taken for it.
func TestNeighbourIsNearTheTop(t *testing.T) {
	tests := []struct {
		lan, want string
	}{
		{"192.168.1.10/24", "192.168.1.254"},
		{"192.168.1.254/24", "192.168.1.253"},
		{"10.0.0.5/8", "10.255.255.254"},
		{"172.16.4.1/30", "172.16.4.2"},
		{"172.16.4.2/30", "172.16.4.1"},
	}
	for _, tt := range tests {
		s := Scenario{Host: Host{LAN: netip.MustParsePrefix(tt.lan)}}
		if got := s.topology().neighbour; got != netip.MustParseAddr(tt.want) {
			t.Errorf("LAN %s: neighbour %v; want %s", tt.lan, got, tt.want)
		}
	}
}
