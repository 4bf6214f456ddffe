package practice

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"

	"github.com/netground/netground/core/paste"
)

// errorLine is a template of an error line as a program prints it:
// %[1]s is an address, %[2]d a port, %[3]s both as Go writes them
// (192.0.2.1:80, [::1]:80). level is the first level that uses it.
type errorLine struct {
	format string
	errno  paste.Errno
	addr   func(r *rand.Rand) netip.Addr
	port   func(r *rand.Rand) int
	level  int
}

// Ports and addresses the lines name.
var (
	devPorts = []int{3000, 5000, 5173, 5432, 6379, 8000, 8080, 8443, 9000, 27017, 3306}
	lowPorts = []int{80, 443, 53, 25}
)

func devPort(r *rand.Rand) int { return pick(r, devPorts) }
func lowPort(r *rand.Rand) int { return pick(r, lowPorts) }
func sshPort(*rand.Rand) int   { return 22 }
func pgPort(*rand.Rand) int    { return 5432 }
func loopback(r *rand.Rand) netip.Addr {
	return pick(r, []netip.Addr{lo4, lo4, lo6})
}
func lanAddr(r *rand.Rand) netip.Addr {
	return pick(r, []netip.Addr{v4(192, 168, octet(r, 0, 3), octet(r, 2, 250)), v4(10, octet(r, 0, 9), octet(r, 0, 9), octet(r, 2, 250))})
}
func docAddr(r *rand.Rand) netip.Addr {
	return pick(r, []netip.Addr{v4(203, 0, 113, octet(r, 2, 250)), v4(198, 51, 100, octet(r, 2, 250))})
}
func anyAddr(*rand.Rand) netip.Addr { return any4 }

// hostPort writes an address and port as Go does: 192.0.2.1:80, [::1]:80.
func hostPort(a netip.Addr, p int) string { return netip.AddrPortFrom(a, uint16(p)).String() }

// errorLines are the lines the topic asks about, in the forms of Go,
// Node.js, Python, curl, ssh, PostgreSQL's psql and Windows.
var errorLines = []errorLine{
	{"listen tcp :%[2]d: bind: address already in use", paste.AddrInUse, anyAddr, devPort, 1},
	{"Error: listen EADDRINUSE: address already in use :::%[2]d", paste.AddrInUse, anyAddr, devPort, 1},
	{"Error: connect ECONNREFUSED %[1]s:%[2]d", paste.ConnRefused, loopback, devPort, 1},
	{"curl: (7) Failed to connect to %[1]s port %[2]d after 0 ms: Couldn't connect to server", paste.ConnRefused, lanAddr, devPort, 1},
	{"Error: listen EACCES: permission denied %[3]s", paste.Access, anyAddr, lowPort, 1},
	{"listen tcp :%[2]d: bind: permission denied", paste.Access, anyAddr, lowPort, 1},
	{"dial tcp %[3]s: connect: connection timed out", paste.TimedOut, docAddr, devPort, 1},
	{"ssh: connect to host %[1]s port %[2]d: Connection timed out", paste.TimedOut, docAddr, sshPort, 1},
	{"ssh: connect to host %[1]s port %[2]d: No route to host", paste.HostUnreach, lanAddr, sshPort, 2},
	{"dial tcp %[3]s: connect: no route to host", paste.HostUnreach, lanAddr, devPort, 2},
	{"listen tcp %[3]s: bind: cannot assign requested address", paste.AddrNotAvail, lanAddr, devPort, 2},
	{`psql: error: connection to server at "%[1]s", port %[2]d failed: Connection refused`, paste.ConnRefused, lanAddr, pgPort, 2},
	{"dial tcp %[3]s: connect: network is unreachable", paste.NetUnreach, docAddr, devPort, 2},
	{"OSError: [Errno 98] Address already in use", paste.AddrInUse, anyAddr, devPort, 2},
	{"curl: (52) Empty reply from server", paste.EmptyReply, lanAddr, devPort, 3},
	{"read tcp %[3]s: read: connection reset by peer", paste.ConnReset, lanAddr, devPort, 3},
	{"ConnectionRefusedError: [WinError 10061] No connection could be made because the target machine actively refused it", paste.ConnRefused, loopback, devPort, 3},
	{"OSError: [WinError 10048] Only one usage of each socket address (protocol/network address/port) is normally permitted", paste.AddrInUse, anyAddr, devPort, 3},
	{"PermissionError: [WinError 10013] An attempt was made to access a socket in a way forbidden by its access permissions", paste.Access, anyAddr, lowPort, 3},
	{"bind: Can't assign requested address", paste.AddrNotAvail, lanAddr, devPort, 3},
}

// errorLineText fills a template with an address and port drawn from r.
func errorLineText(r *rand.Rand, e errorLine) string {
	a, p := e.addr(r), e.port(r)
	if !strings.Contains(e.format, "%") {
		return e.format
	}
	return fmt.Sprintf(e.format, a.String(), p, hostPort(a, p))
}

// errnoFacts is what the topic needs of each error: its likeliest cause,
// its fix and its title, from paste.Diagnose of a line that reports it.
type errnoFacts struct {
	errno        paste.Errno
	title        string
	cause, fix   string
	otherCauses  []string
	verdictInLab string
}

// errnoCatalogue diagnoses one plain line per error, for the wrong choices.
func errnoCatalogue() []errnoFacts {
	lines := []string{
		"bind: address already in use", "connect: connection refused", "connect: connection timed out",
		"connect: no route to host", "connect: network is unreachable", "bind: cannot assign requested address",
		"listen tcp :80: bind: permission denied", "curl: (52) Empty reply from server", "read: connection reset by peer",
	}
	var out []errnoFacts
	for _, l := range lines {
		d, ok := paste.Diagnose(l)
		if !ok {
			panic("practice: no diagnosis of " + l)
		}
		out = append(out, factsOf(d))
	}
	return out
}

func factsOf(d paste.Diagnosis) errnoFacts {
	return errnoFacts{errno: d.Errno, title: d.Title, cause: d.Causes[0], fix: d.Fix, otherCauses: d.Causes[1:], verdictInLab: d.Verdict}
}

func genErrors(r *rand.Rand, level int) Question {
	var pool []errorLine
	for _, e := range errorLines {
		if e.level <= level {
			pool = append(pool, e)
		}
	}
	e := pick(r, pool)
	line := errorLineText(r, e)
	d, ok := paste.Diagnose(line)
	if !ok || d.Errno != e.errno {
		panic(fmt.Sprintf("practice: %q diagnosed as %v; want %v", line, d.Errno, e.errno))
	}
	right := factsOf(d)
	askFix := level > 1 && r.IntN(2) == 0

	// Three wrong choices: the cause (or fix) of other errors, never one
	// that is also a cause of this one.
	var others []errnoFacts
	for _, f := range errnoCatalogue() {
		if f.errno == right.errno || f.errno == paste.EmptyReply && right.errno == paste.ConnReset || f.errno == paste.ConnReset && right.errno == paste.EmptyReply {
			continue
		}
		if slices.Contains(right.otherCauses, f.cause) || f.cause == right.cause || f.fix == right.fix {
			continue
		}
		others = append(others, f)
	}
	r.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
	others = others[:3]
	at := r.IntN(4)
	options := slices.Insert(others, at, right)

	var choices, why []string
	for _, o := range options {
		text := o.cause
		if askFix {
			text = o.fix
		}
		choices = append(choices, sentenceCase(text))
		if o.errno == right.errno {
			why = append(why, "")
			continue
		}
		if askFix {
			why = append(why, fmt.Sprintf("that fixes %s (%s); this line reports %s (%s)", o.title, o.errno, right.title, right.errno))
		} else {
			why = append(why, fmt.Sprintf("that is the usual cause of %s (%s); this line reports %s (%s)", o.title, o.errno, right.title, right.errno))
		}
	}
	question := "A program printed the line below. What is the likeliest cause?"
	if askFix {
		question = "A program printed the line below. Which fix usually helps?"
	}
	q := choiceQ(question, choices, at, why)
	q.Given = []string{line}
	q.Steps = []string{
		fmt.Sprintf("The line reports %s: %s.", right.errno, right.title),
		d.Explanation,
		"The likeliest cause: " + right.cause + ".",
		"The usual fix: " + right.fix + ".",
		"It rests on " + strings.Join(d.Refs, "; ") + ".",
	}
	q.verify = func() error {
		again, ok := paste.Diagnose(line)
		if !ok || again.Errno != e.errno || factsOf(again).cause != right.cause || again.Fix != right.fix {
			return fmt.Errorf("%q diagnosed again as %v", line, again.Errno)
		}
		return nil
	}
	return q
}

// sentenceCase starts s with a capital letter.
func sentenceCase(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
