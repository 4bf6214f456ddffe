package paste

import (
	"math/bits"
	"net/netip"
	"strconv"
	"strings"
)

// Interface is a network interface read from ip addr, ip -br addr,
// ifconfig or ipconfig, with its addresses.
type Interface struct {
	Name string `json:"name"`
	// Addrs are the interface's addresses with their prefix lengths; an
	// IPv6 link-local address keeps its zone in Zones at the same index.
	Addrs []netip.Prefix `json:"addrs,omitempty"`
	// Gateway is the default gateway ipconfig shows; zero otherwise.
	Gateway netip.Addr `json:"gateway,omitzero"`
}

// Role says what an interface is for the lab: loopback, the LAN, a Docker
// bridge, a container's veth, or another (VPN, virtual machine).
func (i Interface) Role() string {
	n := strings.ToLower(i.Name)
	switch {
	case strings.HasPrefix(n, "lo"), strings.Contains(n, "loopback"):
		return "loopback"
	case n == "docker0", strings.HasPrefix(n, "br-"), strings.HasPrefix(n, "cni"), strings.HasPrefix(n, "podman"):
		return "bridge"
	case strings.HasPrefix(n, "veth"):
		return "veth"
	case strings.HasPrefix(n, "tun"), strings.HasPrefix(n, "tap"), strings.HasPrefix(n, "wg"), strings.HasPrefix(n, "utun"),
		strings.HasPrefix(n, "tailscale"), strings.HasPrefix(n, "zt"), strings.HasPrefix(n, "virbr"), strings.HasPrefix(n, "vboxnet"),
		strings.HasPrefix(n, "vmnet"), strings.HasPrefix(n, "flannel"), strings.HasPrefix(n, "cali"), strings.HasPrefix(n, "vethernet"),
		strings.Contains(n, "vpn"), strings.HasPrefix(n, "bridge"), strings.HasPrefix(n, "awdl"), strings.HasPrefix(n, "llw"):
		return "other"
	}
	return "lan"
}

func (i *Interface) add(p netip.Prefix) {
	if p.IsValid() && len(i.Addrs) < 64 {
		i.Addrs = append(i.Addrs, p)
	}
}

// prefixOf returns a with a prefix length, keeping nothing of the zone;
// bits < 0 gives a host prefix.
func prefixOf(a netip.Addr, n int) netip.Prefix {
	a = a.WithZone("")
	if n < 0 || n > a.BitLen() {
		n = a.BitLen()
	}
	return netip.PrefixFrom(a, n)
}

// ifaceName cleans an interface name: "veth1a2b@if7" is veth1a2b, a
// trailing colon goes.
func ifaceName(s string) string {
	s = strings.TrimSuffix(s, ":")
	if i := strings.IndexByte(s, '@'); i > 0 {
		s = s[:i]
	}
	return s
}

// briefStates are the operational states ip -br prints.
var briefStates = map[string]bool{"UP": true, "DOWN": true, "UNKNOWN": true, "LOWERLAYERDOWN": true, "DORMANT": true, "NOTPRESENT": true, "TESTING": true}

// parseBriefLine reads a line of ip -br addr, "eth0 UP 192.168.1.23/24
// fe80::1/64", split into its fields f.
func parseBriefLine(f []string) (Interface, bool) {
	if len(f) < 2 || !briefStates[f[1]] || strings.HasSuffix(f[0], ":") {
		return Interface{}, false
	}
	it := Interface{Name: ifaceName(f[0])}
	for _, t := range f[2:] {
		p, err := netip.ParsePrefix(t)
		if err != nil {
			return Interface{}, false
		}
		it.add(p)
	}
	return it, true
}

// ipAddrHeader reads "2: enp3s0: <BROADCAST,…> mtu 1500 …" and returns
// the interface's name. f are the line's fields.
func ipAddrHeader(line string, f []string) (string, bool) {
	if line == "" || line[0] < '0' || line[0] > '9' || !strings.Contains(line, "<") {
		return "", false
	}
	if len(f) < 3 || !strings.HasSuffix(f[0], ":") || !isDigits(strings.TrimSuffix(f[0], ":")) || !strings.HasPrefix(f[2], "<") {
		return "", false
	}
	return ifaceName(f[1]), true
}

// ifconfigHeader reads "eth0: flags=4163<UP,…>  mtu 1500" (Linux, macOS)
// or "eth0      Link encap:Ethernet  HWaddr …" (old net-tools). f are
// the line's fields.
func ifconfigHeader(line string, f []string) (string, bool) {
	if line == "" || line[0] == ' ' || line[0] == '\t' || !strings.Contains(line, "flags=") && !strings.Contains(line, "Link encap:") {
		return "", false
	}
	switch {
	case len(f) >= 2 && strings.HasSuffix(f[0], ":") && strings.HasPrefix(f[1], "flags="):
		return ifaceName(f[0]), true
	case len(f) >= 3 && f[1] == "Link" && strings.HasPrefix(f[2], "encap:"):
		return ifaceName(f[0]), true
	}
	return "", false
}

// parseInetLine reads an address line under ip addr or ifconfig:
//
//	inet 192.168.1.23/24 brd 192.168.1.255 scope global eth0     (ip addr)
//	inet 192.168.1.23  netmask 255.255.255.0  broadcast …        (Linux ifconfig)
//	inet 192.168.1.20 netmask 0xffffff00 broadcast …             (macOS ifconfig)
//	inet6 fe80::1%lo0 prefixlen 64 scopeid 0x1                   (macOS)
//	inet addr:192.168.1.2  Bcast:…  Mask:255.255.255.0           (old net-tools)
//	inet6 addr: fe80::1/64 Scope:Link                            (old net-tools)
//
// f are the line's fields.
func parseInetLine(f []string) (netip.Prefix, bool) {
	if len(f) < 2 || f[0] != "inet" && f[0] != "inet6" {
		return netip.Prefix{}, false
	}
	v := f[1]
	rest := f[2:]
	if v == "addr:" && len(f) > 2 {
		v, rest = f[2], f[3:]
	}
	v = strings.TrimPrefix(v, "addr:")
	if p, err := netip.ParsePrefix(v); err == nil {
		return p, true
	}
	if a, n, ok := strings.Cut(v, "/"); ok {
		if addr, err := netip.ParseAddr(a); err == nil {
			if bitsN, err := strconv.Atoi(n); err == nil {
				return prefixOf(addr, bitsN), true
			}
		}
	}
	a, err := netip.ParseAddr(v)
	if err != nil {
		return netip.Prefix{}, false
	}
	n := -1
	for i, t := range rest {
		switch {
		case (t == "netmask" || t == "prefixlen") && i+1 < len(rest):
			n = maskBits(rest[i+1])
		case strings.HasPrefix(t, "Mask:"):
			n = maskBits(t[5:])
		}
	}
	return prefixOf(a, n), true
}

// maskBits reads a prefix length, a dotted netmask or a hexadecimal one
// (0xffffff00); -1 if it is none of them.
func maskBits(s string) int {
	if isDigits(s) {
		n, err := strconv.Atoi(s)
		if err != nil || n > 128 {
			return -1
		}
		return n
	}
	var v uint32
	if h, ok := strings.CutPrefix(s, "0x"); ok {
		x, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			return -1
		}
		v = uint32(x)
	} else {
		m, err := netip.ParseAddr(s)
		if err != nil || !m.Is4() {
			return -1
		}
		b := m.As4()
		v = uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	}
	n := bits.LeadingZeros32(^v)
	if v<<n != 0 {
		return -1
	}
	return n
}

// ipconfigAdapter reads "Ethernet adapter Ethernet:" and returns the
// adapter's name.
func ipconfigAdapter(line string) (string, bool) {
	if !strings.Contains(line, " adapter ") {
		return "", false
	}
	t := strings.TrimSpace(line)
	if !strings.HasSuffix(t, ":") || line[0] == ' ' {
		return "", false
	}
	i := strings.Index(t, " adapter ")
	if i < 0 {
		return "", false
	}
	return strings.TrimSuffix(t[i+len(" adapter "):], ":"), true
}

// ipconfigField reads "   IPv4 Address. . . . . . . . . . . : 192.168.1.42"
// into its key and value; a continuation line (a second gateway) has an
// empty key.
func ipconfigField(line string) (key, value string, ok bool) {
	if line == "" || line[0] != ' ' {
		return "", "", false
	}
	k, v, found := strings.Cut(line, " : ")
	if !found {
		t := strings.TrimSpace(line)
		if _, err := netip.ParseAddr(t); err == nil {
			return "", t, true
		}
		return "", "", false
	}
	k = strings.TrimRight(strings.TrimSpace(k), ". ")
	return k, strings.TrimSpace(v), true
}

// ipconfigAddr reads a value such as "192.168.1.42(Preferred)" or
// "fe80::1c2b%12".
func ipconfigAddr(v string) (netip.Addr, bool) {
	if i := strings.IndexByte(v, '('); i > 0 {
		v = v[:i]
	}
	a, err := netip.ParseAddr(strings.TrimSpace(v))
	return a, err == nil
}
