package paste

import (
	"math/bits"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/k8s"
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

// adapterKinds are the words before an adapter's name in ipconfig's
// headers, in English, German, French and Spanish Windows: "Ethernet
// adapter Ethernet:", "Ethernet-Adapter Ethernet:", "Carte Ethernet
// Ethernet :", "Adaptador de Ethernet Ethernet:". Longer kinds come first.
var adapterKinds = []string{
	"Ethernet adapter ", "Wireless LAN adapter ", "Tunnel adapter ", "PPP adapter ", "Unknown adapter ",
	"Drahtlos-LAN-Adapter ", "Ethernet-Adapter ", "Tunneladapter ", "PPP-Adapter ", "Unbekannter Adapter ",
	"Carte réseau sans fil ", "Carte Ethernet ", "Carte Tunnel ", "Carte PPP ", "Carte inconnue ",
	"Adaptador de LAN inalámbrica ", "Adaptador de Ethernet ", "Adaptador de túnel ", "Adaptador PPP ", "Adaptador desconocido ",
}

// ipconfigAdapter reads an adapter's header, "Ethernet adapter Ethernet:"
// or its German, French or Spanish form, and returns the adapter's name.
func ipconfigAdapter(line string) (string, bool) {
	if line == "" || line[0] == ' ' || line[0] == '\t' {
		return "", false
	}
	t := strings.TrimSpace(line)
	if !strings.HasSuffix(t, ":") {
		return "", false
	}
	t = strings.TrimSpace(strings.TrimSuffix(t, ":"))
	for _, k := range adapterKinds {
		if name, ok := strings.CutPrefix(t, k); ok && name != "" {
			return name, true
		}
	}
	// Other kinds in English: "Mobile Broadband adapter Cellular:".
	if i := strings.Index(t, " adapter "); i > 0 {
		return t[i+len(" adapter "):], true
	}
	return "", false
}

// ipconfigField reads "   IPv4 Address. . . . . . . . . . . : 192.168.1.42"
// (French writes ". . .: 192.168.1.42") into its key and value; a
// continuation line (a second gateway) has an empty key. The key ends at
// the first colon after a space or a dot of the leader, so that keys such
// as Spanish "Vínculo: dirección IPv6 local" and IPv6 values keep theirs,
// or, in a key too long for a leader, at the first colon and space.
func ipconfigField(line string) (key, value string, ok bool) {
	if line == "" || line[0] != ' ' {
		return "", "", false
	}
	cut := -1
	for i := 1; i < len(line); i++ {
		if line[i] == ':' && (line[i-1] == ' ' || line[i-1] == '.') {
			cut = i
			break
		}
	}
	if cut < 0 {
		// A key too long for the leader: "Dirección IPv4 de configuración
		// automática: 169.254.12.34".
		cut = strings.Index(line, ": ")
	}
	if cut < 0 {
		t := strings.TrimSpace(line)
		if _, err := netip.ParseAddr(t); err == nil {
			return "", t, true
		}
		return "", "", false
	}
	k := strings.TrimRight(strings.TrimSpace(line[:cut]), ". ")
	return k, strings.TrimSpace(line[cut+1:]), true
}

// ipconfigKey is what an ipconfig field holds.
type ipconfigKey uint8

const (
	keyOther ipconfigKey = iota
	keyIPv4
	keyIPv6
	keyMask
	keyGateway
)

// ipconfigKeyOf says what field key k names, in English, German, French
// or Spanish: "Subnet Mask", "Subnetzmaske", "Masque de sous-réseau",
// "Máscara de subred"; addresses of DNS, DHCP and WINS servers are none of
// the machine's.
func ipconfigKeyOf(k string) ipconfigKey {
	low := strings.ToLower(k)
	switch {
	case strings.Contains(low, "dns") || strings.Contains(low, "dhcp") || strings.Contains(low, "wins"):
		return keyOther
	case strings.Contains(low, "subnet mask"), strings.Contains(low, "subnetzmaske"),
		strings.Contains(low, "masque de sous-réseau"), strings.Contains(low, "máscara de subred"):
		return keyMask
	case strings.Contains(low, "default gateway"), strings.Contains(low, "standardgateway"),
		strings.Contains(low, "passerelle par défaut"), strings.Contains(low, "puerta de enlace"):
		return keyGateway
	case strings.Contains(low, "ipv4"), low == "ip address", low == "ip-adresse", low == "adresse ip", low == "dirección ip",
		strings.Contains(low, "autoconfiguration ip"):
		return keyIPv4
	case strings.Contains(low, "ipv6"):
		return keyIPv6
	}
	return keyOther
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

// vpnNames are parts of the names VPN clients give their interfaces and
// adapters, in lower case.
var vpnNames = []string{"vpn", "wireguard", "wintun", "tailscale", "zerotier", "nordlynx", "anyconnect", "globalprotect", "pangp", "fortinet", "forticlient"}

// IsVPN reports whether the interface is a VPN client's: tun0, tap0, wg0,
// utun3, ppp0, tailscale0, zt…, or an adapter named after OpenVPN,
// WireGuard and the like.
func (i Interface) IsVPN() bool {
	n := strings.ToLower(i.Name)
	for _, p := range []string{"tun", "tap", "wg", "utun", "ppp", "tailscale", "zt"} {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	for _, v := range vpnNames {
		if strings.Contains(n, v) {
			return true
		}
	}
	return false
}

// vpnNetworks returns the networks of the VPN interfaces' IPv4 and global
// IPv6 addresses, once each, named after the interface.
func vpnNetworks(its []Interface) []k8s.Network {
	var out []k8s.Network
	seen := map[netip.Prefix]bool{}
	for _, it := range its {
		if !it.IsVPN() {
			continue
		}
		for _, p := range it.Addrs {
			a := p.Addr()
			if a.IsLoopback() || a.IsLinkLocalUnicast() || a.IsUnspecified() || a.IsMulticast() {
				continue
			}
			p = p.Masked()
			if seen[p] || len(out) == k8s.MaxNetworks {
				continue
			}
			seen[p] = true
			name := it.Name
			if len(name) > k8s.MaxNameLen {
				// Shorten counts characters; a quarter of the limit holds
				// them in bytes, with the mark of the cut.
				name = field.Shorten(name, k8s.MaxNameLen/4-1)
			}
			out = append(out, k8s.Network{Name: name, Prefix: p})
		}
	}
	return out
}
