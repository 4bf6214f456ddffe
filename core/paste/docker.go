package paste

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/bind"
)

// Container is a row of docker ps: a running container and its ports.
type Container struct {
	ID    string `json:"id"`
	Image string `json:"image,omitempty"`
	Name  string `json:"name"`
	// Published are the ports published on the host, one per host
	// address and port, ranges expanded.
	Published []Published `json:"published,omitempty"`
	// Exposed are ports the image exposes without publishing them.
	Exposed []Exposed `json:"exposed,omitempty"`
}

// Published is one published port: HostAddr:HostPort on the host goes to
// Port in the container. HostAddr is 0.0.0.0 or :: for every address.
type Published struct {
	Proto    bind.Proto `json:"proto"`
	HostAddr netip.Addr `json:"hostAddr"`
	HostPort uint16     `json:"hostPort"`
	Port     uint16     `json:"port"`
}

// Exposed is a port a container exposes but does not publish.
type Exposed struct {
	Proto bind.Proto `json:"proto"`
	Port  uint16     `json:"port"`
}

// maxPortRange is how many ports of one published range are kept.
const maxPortRange = 64

// parseDockerLine reads a row of docker ps (or podman ps): the ID first,
// the names last, the PORTS column just before them. f are the line's
// fields.
func parseDockerLine(f []string) (Container, bool) {
	if len(f) < 3 || !isHex(f[0]) || len(f[0]) < 12 {
		return Container{}, false
	}
	c := Container{ID: f[0], Image: f[1]}
	name := f[len(f)-1]
	if i := strings.IndexByte(name, ','); i > 0 {
		name = name[:i]
	}
	c.Name = name
	end := len(f) - 1
	start := end
	for start > 2 && isPortSpec(strings.TrimSuffix(f[start-1], ",")) {
		start--
	}
	for _, spec := range f[start:end] {
		pub, exp, ok := parsePortSpec(strings.TrimSuffix(spec, ","))
		if !ok {
			continue
		}
		c.Published = append(c.Published, pub...)
		c.Exposed = append(c.Exposed, exp...)
	}
	return c, true
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return s != ""
}

// isPortSpec reports whether s looks like an entry of the PORTS column.
func isPortSpec(s string) bool {
	return strings.HasSuffix(s, "/tcp") || strings.HasSuffix(s, "/udp") || strings.HasSuffix(s, "/sctp")
}

// parsePortSpec reads "0.0.0.0:8080->80/tcp", ":::8080->80/tcp",
// "[::]:8080->80/tcp", "127.0.0.1:5432->5432/tcp",
// "0.0.0.0:8000-8005->8000-8005/tcp", "5432/tcp" or "8000-8005/tcp".
func parsePortSpec(s string) ([]Published, []Exposed, bool) {
	spec, protoText, ok := strings.Cut(s, "/")
	if !ok {
		return nil, nil, false
	}
	var proto bind.Proto
	switch protoText {
	case "tcp":
	case "udp":
		proto = bind.UDP
	default:
		return nil, nil, false
	}
	left, right, published := strings.Cut(spec, "->")
	if !published {
		lo, hi, ok := portRange(spec)
		if !ok {
			return nil, nil, false
		}
		var out []Exposed
		for p := int(lo); p <= int(hi) && len(out) < maxPortRange; p++ {
			out = append(out, Exposed{Proto: proto, Port: uint16(p)})
		}
		return nil, out, true
	}
	clo, chi, ok := portRange(right)
	if !ok {
		return nil, nil, false
	}
	var host netip.Addr
	var hostPorts string
	switch {
	case strings.HasPrefix(left, "["):
		end := strings.Index(left, "]:")
		if end < 0 {
			return nil, nil, false
		}
		a, err := netip.ParseAddr(left[1:end])
		if err != nil {
			return nil, nil, false
		}
		host, hostPorts = a, left[end+2:]
	case strings.HasPrefix(left, ":::"):
		host, hostPorts = any6, left[3:]
	default:
		j := strings.LastIndexByte(left, ':')
		if j < 0 {
			host, hostPorts = any4, left
			break
		}
		a, err := netip.ParseAddr(left[:j])
		if err != nil {
			return nil, nil, false
		}
		host, hostPorts = a, left[j+1:]
	}
	hlo, hhi, ok := portRange(hostPorts)
	if !ok || int(hhi)-int(hlo) != int(chi)-int(clo) {
		return nil, nil, false
	}
	var out []Published
	for i := 0; i <= int(hhi)-int(hlo) && i < maxPortRange; i++ {
		out = append(out, Published{Proto: proto, HostAddr: host, HostPort: hlo + uint16(i), Port: clo + uint16(i)})
	}
	return out, nil, true
}

// portRange reads "80" or "8000-8005".
func portRange(s string) (uint16, uint16, bool) {
	a, b, isRange := strings.Cut(s, "-")
	lo, err := strconv.ParseUint(a, 10, 16)
	if err != nil {
		return 0, 0, false
	}
	hi := lo
	if isRange {
		if hi, err = strconv.ParseUint(b, 10, 16); err != nil || hi < lo {
			return 0, 0, false
		}
	}
	return uint16(lo), uint16(hi), true
}
