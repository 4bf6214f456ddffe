package port

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// DefaultSearchLimit is the number of matches Search returns when its limit
// is 0 or less.
const DefaultSearchLimit = 20

// MatchKind says why Search found a record. Smaller kinds rank first.
type MatchKind uint8

// The kinds of match, from strongest to weakest.
const (
	MatchPort        MatchKind = iota + 1 // the query is a port number inside the record's port or range
	MatchAlias                            // the query is a common name for the record's service, such as "postgres"
	MatchName                             // the query is the service name
	MatchPrefix                           // the service name starts with the query
	MatchDescription                      // the description contains the query
)

// String returns "port", "alias", "name", "prefix" or "description".
func (k MatchKind) String() string {
	switch k {
	case MatchPort:
		return "port"
	case MatchAlias:
		return "alias"
	case MatchName:
		return "name"
	case MatchPrefix:
		return "prefix"
	case MatchDescription:
		return "description"
	}
	return "MatchKind(" + strconv.Itoa(int(k)) + ")"
}

// Match is one result of Search.
type Match struct {
	Record Record
	Kind   MatchKind
	// Alias is the common name the query matched when Kind is MatchAlias,
	// for example "postgres" for the registry's "postgresql".
	Alias string
}

// Alias is a name people commonly use for a service that the registry names
// differently.
type Alias struct {
	Name    string // what people type, lowercase: "postgres"
	Service string // the registry's service name: "postgresql"
}

// aliases lists only names that differ from the registry's. Common usage that
// the registry already spells the same way (http, https, ssh, redis) needs no
// alias.
var aliases = [...]Alias{
	{"dhcp", "bootps"},
	{"dhcp", "bootpc"},
	{"dns", "domain"},
	{"ircs", "ircs-u"},
	{"memcached", "memcache"},
	{"mongo", "mongodb"},
	{"mqtts", "secure-mqtt"},
	{"mssql", "ms-sql-s"},
	{"postgres", "postgresql"},
	{"rdp", "ms-wbt-server"},
	{"smb", "microsoft-ds"},
	{"smtps", "submissions"},
	{"sqlserver", "ms-sql-s"},
	{"vnc", "rfb"},
	{"whois", "nicname"},
	{"xmpp", "xmpp-client"},
}

// Aliases returns the common names that Search resolves to a differently
// spelled registry service name, sorted by name.
func Aliases() []Alias { return slices.Clone(aliases[:]) }

// Search finds records for what a person types: a port number ("5432"), a
// port with its transport ("53/udp", "tcp/80"), a service name or common
// alias ("postgres"), the start of a service name ("postg"), or words from a
// description ("secure shell"). Names are compared without regard to ASCII
// case. Results are ranked by MatchKind; within a kind, prefix matches put
// well-known ports (below 1024) first, then shorter names, and description
// matches go in port order. A record appears once, under its strongest kind.
// If limit is 0 or less, DefaultSearchLimit is used.
func (r *Registry) Search(query string, limit int) []Match {
	if limit <= 0 {
		limit = DefaultSearchLimit
	}
	q := asciiLower(strings.TrimSpace(query))
	if q == "" {
		return nil
	}
	var out []Match
	var picked []int32 // registry index of each match in out
	full := func() bool { return len(out) >= limit }
	add := func(i int32, kind MatchKind, alias string) {
		if !full() && !slices.Contains(picked, i) {
			out = append(out, Match{Record: r.records[i], Kind: kind, Alias: alias})
			picked = append(picked, i)
		}
	}

	if IsPortTransportLike(q) {
		if p, t, err := ParsePortTransport(q); err == nil {
			for _, rec := range r.Lookup(p, t) {
				if !full() {
					out = append(out, Match{Record: rec, Kind: MatchPort})
				}
			}
			return out
		}
	}
	// Names can start with a digit too ("3com-tsmux"); only a valid port is
	// taken as a number.
	if '0' <= q[0] && q[0] <= '9' {
		if p, err := ParsePort(q); err == nil {
			for _, rec := range r.Lookup(p, 0) {
				if !full() {
					out = append(out, Match{Record: rec, Kind: MatchPort})
				}
			}
			return out
		}
	}
	for _, a := range aliases {
		if a.Name == q {
			for _, i := range r.nameRange(a.Service, false) {
				add(i, MatchAlias, a.Name)
			}
		}
	}
	exact := r.nameRange(q, false)
	for _, i := range exact {
		add(i, MatchName, "")
	}
	prefixed := slices.Clone(r.nameRange(q, true)[len(exact):])
	slices.SortStableFunc(prefixed, func(a, b int32) int {
		return cmp.Or(
			cmp.Compare(systemRank(r.records[a]), systemRank(r.records[b])),
			cmp.Compare(len(r.keys[a].name), len(r.keys[b].name)))
	})
	for _, i := range prefixed {
		if full() {
			return out
		}
		add(i, MatchPrefix, "")
	}
	for i := range r.records {
		if full() {
			break
		}
		k := r.keys[i]
		if strings.Contains(k.description, q) && !strings.HasPrefix(k.name, q) {
			add(int32(i), MatchDescription, "")
		}
	}
	return out
}

// systemRank is 0 for a record on a well-known (system) port, below 1024,
// and 1 for any other, so that the services people mean most often rank first.
func systemRank(rec Record) int {
	if first, _, ok := rec.Ports(); ok && first < 1024 {
		return 0
	}
	return 1
}

// Best returns the match in matches, as Search ranks them, that answers the
// query by itself: the first assigned one when it is for a port, an alias or
// the exact service name, or the one service whose name starts with the query
// when no other name does. It returns false when the names only start with the
// query in several ways or merely mention it: "game" names no service, and
// gamegen1 is no better an answer than gamelobby.
func Best(matches []Match) (Match, bool) {
	i := slices.IndexFunc(matches, func(m Match) bool { return m.Record.IsAssigned() })
	if i < 0 {
		return Match{}, false
	}
	best := matches[i]
	switch best.Kind {
	case MatchPort, MatchAlias, MatchName:
		return best, true
	case MatchPrefix:
		for _, m := range matches[i+1:] {
			if m.Kind == MatchPrefix && m.Record.Name() != best.Record.Name() {
				return Match{}, false
			}
		}
		return best, true
	}
	return Match{}, false
}
