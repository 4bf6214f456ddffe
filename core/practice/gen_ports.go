package practice

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/netground/netground/core/port"
)

// commonSchemes are the URL schemes asked about at level 1; later levels
// draw from every scheme with a default port.
var commonSchemes = []string{"http", "https", "ssh", "ftp", "postgres", "mysql", "redis", "smtp", "imap", "ldap", "mongodb", "rdp"}

// schemesOnPort returns the schemes whose default port is p.
func schemesOnPort(p uint16) []port.Scheme {
	var out []port.Scheme
	for _, s := range port.Schemes() {
		if s.Port() == p {
			out = append(out, s)
		}
	}
	return out
}

// portNear explains a port that is another scheme's default.
func portNear(scheme string) func(int) string {
	return func(n int) string {
		if n < 0 || n > 65535 {
			return ""
		}
		var names []string
		for _, s := range schemesOnPort(uint16(n)) {
			if s.Name() != scheme {
				names = append(names, s.Name())
			}
		}
		if len(names) > 0 {
			return fmt.Sprintf("%d is the default port of %s, not of %s", n, strings.Join(names, " and "), scheme)
		}
		return ""
	}
}

func genPorts(r *rand.Rand, level int) Question {
	switch level {
	case 1:
		if r.IntN(3) == 0 {
			return portRange(r, level)
		}
		return portURL(r, pick(r, commonSchemes), false)
	case 2:
		switch r.IntN(4) {
		case 0:
			return portRange(r, level)
		case 1:
			return portURL(r, pick(r, port.Schemes()).Name(), true)
		}
		return portService(r, commonSchemes)
	}
	switch r.IntN(4) {
	case 0:
		return portEphemeral(r)
	case 1:
		return portURL(r, pick(r, port.Schemes()).Name(), r.IntN(2) == 0)
	}
	var all []string
	for _, s := range port.Schemes() {
		all = append(all, s.Name())
	}
	return portService(r, all)
}

var urlHosts = []string{"example.com", "db.internal", "192.0.2.10", "[2001:db8::5]", "localhost", "[::1]"}

func portURL(r *rand.Rand, scheme string, explicit bool) Question {
	host := pick(r, urlHosts)
	u := scheme + "://" + host
	if explicit {
		u += ":" + strconv.Itoa(pick(r, []int{8080, 8443, 2222, 6543, 10022, 3307, 16379, 9000}))
	}
	if strings.HasPrefix(scheme, "postgres") || strings.HasPrefix(scheme, "mysql") || strings.HasPrefix(scheme, "mongodb") {
		u = scheme + "://app@" + u[len(scheme)+3:] + "/shop"
	} else {
		u += "/"
	}
	e, err := port.ParseURL(u)
	if err != nil {
		panic("practice: " + err.Error())
	}
	sc, _ := port.LookupScheme(scheme)
	near := portNear(scheme)
	q := Question{
		Kind:   FreeText,
		Text:   "Which port does a client connect to for " + u + "?",
		Format: "a port number, like 443",
		Answer: strconv.Itoa(int(e.Port())),
		check: checkPort(e.Port(), func(n int) string {
			if !e.PortIsDefault() && n == int(sc.Port()) {
				return fmt.Sprintf("%d is the default port of %s, but this URL names its own port", n, scheme)
			}
			return near(n)
		}),
		Steps: []string{e.Explain() + "."},
	}
	if note := sc.Note(); note != "" {
		q.Steps = append(q.Steps, note)
	}
	q.verify = func() error {
		want := sc.Port()
		if i := strings.LastIndex(u, ":"); explicit && i > len(scheme) {
			end := strings.IndexAny(u[i+1:], "/")
			n, _ := strconv.Atoi(u[i+1 : i+1+end])
			want = uint16(n)
		}
		if want != e.Port() {
			return fmt.Errorf("%s: model %d, port %d", u, want, e.Port())
		}
		return nil
	}
	return q
}

func portService(r *rand.Rand, names []string) Question {
	s, _ := port.LookupScheme(pick(r, names))
	p := s.Port()
	var accept []string
	for _, o := range schemesOnPort(p) {
		accept = append(accept, o.Name())
		if o.Service() != "" {
			accept = append(accept, o.Service())
		}
	}
	near := map[string]string{}
	for _, o := range port.Schemes() {
		if o.Port() != p {
			near[o.Name()] = fmt.Sprintf("%s uses port %d by default, not %d", o.Name(), o.Port(), p)
		}
	}
	q := Question{
		Kind:   FreeText,
		Text:   fmt.Sprintf("Which URL scheme uses port %d (%s) when the URL gives no port?", p, s.Transport()),
		Format: "a scheme or service name, like https",
		Answer: s.Name(),
		check:  checkNames(accept, near),
		Steps: []string{
			fmt.Sprintf("Port %d is the default port of %s.", p, joinOr(schemesOnPort(p))),
		},
	}
	if s.Service() != "" {
		q.Steps = append(q.Steps, fmt.Sprintf("The IANA registry names the service on port %d %q.", p, s.Service()))
	}
	if note := s.Note(); note != "" {
		q.Steps = append(q.Steps, note)
	}
	return q
}

func joinOr(ss []port.Scheme) string {
	var names []string
	for _, s := range ss {
		names = append(names, s.Name())
	}
	return strings.Join(names, " and ")
}

func portRange(r *rand.Rand, level int) Question {
	var p uint16
	switch r.IntN(4) {
	case 0:
		p = uint16(octet(r, 1, 1023))
	case 1:
		p = uint16(octet(r, 1024, 49151))
	case 2:
		p = uint16(octet(r, 49152, 65535))
	default:
		p = uint16(pick(r, []int{1023, 1024, 49151, 49152, 65535, 80, 8080, 443, 5432}))
		if level == 1 {
			p = uint16(pick(r, []int{80, 443, 22, 8080, 3000, 5432, 60000}))
		}
	}
	ranges := []port.Range{port.SystemPorts, port.UserPorts, port.DynamicPorts}
	var choices, why []string
	right := 0
	got := port.RangeOf(p)
	for i, rg := range ranges {
		choices = append(choices, fmt.Sprintf("%s (%d–%d)", rg.Name(), rg.First(), rg.Last()))
		if rg == got {
			right = i
		}
		why = append(why, fmt.Sprintf("%d is not between %d and %d", p, rg.First(), rg.Last()))
	}
	q := choiceQ(fmt.Sprintf("Which range of RFC 6335 is port %d in?", p), choices, right, why)
	q.Steps = []string{
		"RFC 6335 section 6: system ports 1–1023, user ports 1024–49151, dynamic ports 49152–65535.",
		fmt.Sprintf("%d is in %s. %s", p, got.Name(), got.Explain()),
	}
	return q
}

func portEphemeral(r *rand.Rand) Question {
	os := pick(r, port.OSes())
	first, last := port.Ephemeral(os)
	p := uint16(pick(r, []int{octet(r, 32768, 49151), octet(r, 49152, 60999), octet(r, 61000, 65535), octet(r, 10000, 32767)}))
	in := first <= p && p <= last
	choices := []string{"yes", "no"}
	right := 1
	if in {
		right = 0
	}
	why := []string{
		fmt.Sprintf("%s's default ephemeral range is %d–%d; %d is outside it", os, first, last, p),
		fmt.Sprintf("%s's default ephemeral range is %d–%d; %d is inside it", os, first, last, p),
	}
	q := choiceQ(fmt.Sprintf("Can %s pick port %d as the source port of an outgoing connection, with its default settings?", os, p), choices, right, why)
	q.Steps = []string{
		fmt.Sprintf("%s picks source (ephemeral) ports from %d–%d by default (%s).", os, first, last, os.EphemeralSetting()),
		fmt.Sprintf("%d is %s that range.", p, map[bool]string{true: "inside", false: "outside"}[in]),
	}
	return q
}
