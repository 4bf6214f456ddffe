package answer

import (
	"strconv"
	"strings"

	"github.com/netground/netground/core/port"
)

// PortsView is what the Ports & sockets widget shows for one query.
type PortsView struct {
	Err  string
	Mode string // "port", "socket", "url", "search" or "" for an empty query

	Port                      string // the port the query is about, "" for a name search
	Transport                 string // the transport the query names ("80/tcp"), "" for all
	Range, RangeExplain       string
	Service                   string // the best match's service name
	Host, Scheme, PortExplain string
	Notes                     []string
	Rows                      []ServiceRow
	Ephemeral                 []EphemeralRow
	RegistryMissing           bool // the registry has not loaded (yet)
	RegistryErr, NoMatches    string
}

type ServiceRow struct {
	Name, Port, Transport, Description, Reference, Match string
}

type EphemeralRow struct {
	OS, First, Last, Setting, Note string
	Contains                       bool
}

// DescribePorts answers a query. reg may be nil while the registry loads:
// ranges, sockets and URLs are answered without it.
func DescribePorts(query string, reg *port.Registry) PortsView {
	q := strings.TrimSpace(query)
	var v PortsView
	var p uint16
	var transport port.Transport
	hasPort := false
	switch {
	case q == "":
		return PortsView{}
	case strings.Contains(q, "://"):
		v.Mode = "url"
		e, err := port.ParseURL(q)
		if err != nil {
			return PortsView{Mode: "url", Err: err.Error()}
		}
		v.Scheme, v.Host = e.Scheme(), e.Socket().Host()
		v.PortExplain = e.Explain()
		v.Notes = e.Notes()
		p, hasPort = e.Port(), true
	case port.IsPortTransportLike(q):
		v.Mode = "port"
		n, t, err := port.ParsePortTransport(q)
		if err != nil {
			return PortsView{Mode: "port", Err: err.Error()}
		}
		p, transport, hasPort = n, t, true
		v.Transport = t.String()
	case isNumber(q):
		v.Mode = "port"
		n, err := port.ParsePort(q)
		if err != nil {
			return PortsView{Mode: "port", Err: err.Error()}
		}
		p, hasPort = n, true
	case strings.Contains(q, ":"):
		v.Mode = "socket"
		s, err := port.ParseSocket(q)
		if err != nil {
			return PortsView{Mode: "socket", Err: err.Error()}
		}
		v.Host = s.Host()
		if s.IsAllInterfaces() && v.Host == "" {
			v.Host = "(all interfaces)"
		}
		v.Notes = s.Notes()
		p, hasPort = s.Port(), true
	default:
		v.Mode = "search"
	}

	if hasPort {
		v.Port = strconv.Itoa(int(p))
		r := port.RangeOf(p)
		v.Range, v.RangeExplain = r.Name(), r.Explain()
	}
	for _, os := range port.OSes() {
		first, last := port.Ephemeral(os)
		row := EphemeralRow{OS: os.String(), First: strconv.Itoa(int(first)), Last: strconv.Itoa(int(last)), Setting: os.EphemeralSetting()}
		row.Contains = hasPort && first <= p && p <= last
		if reg != nil {
			if o := reg.EphemeralOverlap(os); !o.IsEmpty() {
				row.Note = o.Explain()
			}
		}
		v.Ephemeral = append(v.Ephemeral, row)
	}

	if reg == nil {
		v.RegistryMissing = true
		return v
	}
	var matches []port.Match
	if hasPort {
		for _, rec := range reg.Lookup(p, transport) {
			matches = append(matches, port.Match{Record: rec, Kind: port.MatchPort})
		}
	} else {
		matches = reg.Search(q, 50)
	}
	for _, m := range matches {
		rec := m.Record
		name := rec.Name()
		if !rec.IsAssigned() {
			name = "(" + strings.ToLower(rec.Description()) + ")"
		}
		match := m.Kind.String()
		if m.Alias != "" {
			match = "“" + m.Alias + "” is a common name for " + rec.Name()
		}
		v.Rows = append(v.Rows, ServiceRow{
			Name: name, Port: rec.PortString(), Transport: rec.Transport().String(),
			Description: rec.Description(), Reference: rec.Reference(), Match: match,
		})
	}
	if best, ok := port.Best(matches); ok {
		rec := best.Record
		v.Service = rec.Name()
		if !hasPort {
			if first, _, ok := rec.Ports(); ok {
				r := port.RangeOf(first)
				v.Port = rec.PortString()
				v.Range, v.RangeExplain = r.Name(), r.Explain()
			}
		}
	} else if len(v.Rows) > 0 && !hasPort {
		v.Notes = append(v.Notes, "No service is named “"+q+"”: the services below only start with it or mention it.")
	}
	if len(v.Rows) == 0 {
		if hasPort && transport != 0 {
			v.NoMatches = "IANA has assigned no service to port " + v.Port + " over " + strings.ToUpper(v.Transport) + "."
		} else if hasPort {
			v.NoMatches = "IANA has assigned no service to port " + v.Port + "."
		} else {
			v.NoMatches = "No service name, alias or description matches “" + q + "”."
		}
	}
	return v
}

// isNumber reports whether s is meant as a port number: digits, with an
// optional sign that ParsePort then rejects with its reason.
func isNumber(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
