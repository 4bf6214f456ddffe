package port

import (
	"fmt"
	"strings"

	"github.com/netground/netground/core/field"
)

// EphemeralOverlap reports where an OS's default ephemeral range overlaps
// the registered (user) ports, 1024-49151. The zero EphemeralOverlap is an
// empty overlap.
type EphemeralOverlap struct {
	OS          OS
	First, Last uint16   // the overlapping ports; both 0 when there are none
	Ports       int      // how many ports in First-Last have an assigned service
	Services    []Record // the assigned records with a port in First-Last, in registry order
}

// IsEmpty reports whether the ephemeral range stays clear of the registered
// ports.
func (o EphemeralOverlap) IsEmpty() bool { return o.Last == 0 }

// EphemeralOverlap returns where the default ephemeral range of os overlaps
// the registered ports and which registered services sit there. A client's
// outgoing connection can take such a port as its source port, and a server
// starting later on it then fails with "address already in use".
func (r *Registry) EphemeralOverlap(os OS) EphemeralOverlap {
	first, last := Ephemeral(os)
	out := EphemeralOverlap{OS: os}
	first, last = max(first, UserPorts.First()), min(last, UserPorts.Last())
	if first > last || last == 0 {
		return out
	}
	out.First, out.Last = first, last
	var used [65536]bool
	for rec := range r.All() {
		if !rec.IsAssigned() || !rec.hasPort || rec.last < first || rec.first > last {
			continue
		}
		out.Services = append(out.Services, rec)
		for p := max(rec.first, first); ; p++ {
			if !used[p] {
				used[p] = true
				out.Ports++
			}
			if p == min(rec.last, last) {
				break
			}
		}
	}
	return out
}

// Explain says in plain words what the overlap means.
func (o EphemeralOverlap) Explain() string {
	first, last := Ephemeral(o.OS)
	if first == 0 && last == 0 {
		return fmt.Sprintf("%v: unknown ephemeral port range", o.OS)
	}
	if o.IsEmpty() {
		return fmt.Sprintf("%v picks ephemeral ports from %d-%d, clear of the registered ports 1024-49151.", o.OS, first, last)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%v picks ephemeral ports from %d-%d, set by %s. Ports %d-%d of that are registered ports, "+
		"where %s %s", o.OS, first, last, o.OS.EphemeralSetting(), o.First, o.Last, field.Count(o.Ports, "port carries", "ports carry"), field.Count(len(o.Services), "assigned service entry", "assigned service entries"))
	var names []string
	for _, rec := range o.Services {
		if len(names) == 3 {
			break
		}
		names = append(names, rec.Name()+" "+rec.PortString())
	}
	if len(names) > 0 {
		fmt.Fprintf(&b, " (for example %s)", strings.Join(names, ", "))
	}
	b.WriteString(". An outgoing connection may take one of them as its source port, and a server " +
		"starting later on that port then fails with \"address already in use\".")
	if o.OS == Linux {
		b.WriteString(" List the ports a server needs in net.ipv4.ip_local_reserved_ports to keep them out of the ephemeral pool.")
	}
	return b.String()
}
