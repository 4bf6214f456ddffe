package practice

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"

	"github.com/netground/netground/core/addr"
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func v4(a, b, c, d int) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(a), byte(b), byte(c), byte(d)})
}

// octet returns a random octet from lo to hi.
func octet(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// sampleAddr draws an address from one of the blocks learners meet most.
func sampleAddr(r *rand.Rand, level int) netip.Addr {
	pools := []func() netip.Addr{
		func() netip.Addr { return v4(10, octet(r, 0, 255), octet(r, 0, 255), octet(r, 1, 254)) },
		func() netip.Addr { return v4(172, octet(r, 16, 31), octet(r, 0, 255), octet(r, 1, 254)) },
		func() netip.Addr { return v4(192, 168, octet(r, 0, 255), octet(r, 1, 254)) },
		func() netip.Addr { return v4(127, octet(r, 0, 255), octet(r, 0, 255), octet(r, 1, 254)) },
		func() netip.Addr { return v4(169, 254, octet(r, 1, 254), octet(r, 1, 254)) },
		func() netip.Addr { return publicV4(r) },
		func() netip.Addr { return publicV4(r) },
	}
	if level >= 2 {
		pools = append(pools,
			func() netip.Addr { return v4(100, octet(r, 64, 127), octet(r, 0, 255), octet(r, 1, 254)) },
			func() netip.Addr { return v4(172, pick(r, []int{15, 32}), octet(r, 0, 255), octet(r, 1, 254)) },
			func() netip.Addr {
				return pick(r, []netip.Addr{v4(192, 0, 2, 0), v4(198, 51, 100, 0), v4(203, 0, 113, 0)}).Next()
			},
			func() netip.Addr { return v4(198, octet(r, 18, 19), octet(r, 0, 255), octet(r, 1, 254)) },
			func() netip.Addr { return v4(octet(r, 224, 239), octet(r, 0, 255), octet(r, 0, 255), octet(r, 1, 254)) },
			func() netip.Addr {
				return netip.MustParseAddr(fmt.Sprintf("fd%02x:%x:%x::%x", r.IntN(256), r.IntN(0x10000), r.IntN(0x10000), 1+r.IntN(0xfffe)))
			},
			func() netip.Addr {
				return netip.MustParseAddr(fmt.Sprintf("fe80::%x:%x", r.IntN(0x10000), 1+r.IntN(0xfffe)))
			},
			func() netip.Addr {
				return netip.MustParseAddr(fmt.Sprintf("2001:db8:%x::%x", r.IntN(0x10000), 1+r.IntN(0xfffe)))
			},
			func() netip.Addr {
				return netip.MustParseAddr(fmt.Sprintf("2a0%x:%x:%x::%x", 1+r.IntN(9), r.IntN(0x10000), r.IntN(0x10000), 1+r.IntN(0xfffe)))
			},
			func() netip.Addr { return netip.IPv6Loopback() },
		)
	}
	if level >= 3 {
		pools = append(pools,
			func() netip.Addr { return v4(octet(r, 240, 254), octet(r, 0, 255), octet(r, 0, 255), octet(r, 1, 254)) },
			func() netip.Addr { return v4(192, 0, 0, pick(r, []int{9, 10, 170, 171, 8})) },
			func() netip.Addr {
				return netip.MustParseAddr(fmt.Sprintf("64:ff9b::%d.%d.%d.%d", pick(r, []int{10, 192, 8, 93}), r.IntN(256), r.IntN(256), 1+r.IntN(254)))
			},
			func() netip.Addr {
				return netip.MustParseAddr(fmt.Sprintf("::ffff:%d.%d.%d.%d", pick(r, []int{10, 192, 8, 93}), r.IntN(256), r.IntN(256), 1+r.IntN(254)))
			},
			func() netip.Addr {
				return netip.MustParseAddr(fmt.Sprintf("ff0%x::%x", pick(r, []int{1, 2, 5, 8, 0xe}), 1+r.IntN(0xfff)))
			},
		)
	}
	return pick(r, pools)()
}

// publicV4 draws an ordinary public IPv4 address.
func publicV4(r *rand.Rand) netip.Addr {
	for {
		a := v4(octet(r, 1, 223), octet(r, 0, 255), octet(r, 0, 255), octet(r, 1, 254))
		if addr.KindOf(a) == addr.KindPublic {
			return a
		}
	}
}

func genAddr(r *rand.Rand, level int) Question {
	switch {
	case level == 1 && r.IntN(2) == 0:
		return addrPrivate(r)
	case level <= 2 && r.IntN(3) > 0:
		return addrReach(r, level)
	case level == 2:
		return addrRow(r, level)
	}
	switch r.IntN(4) {
	case 0:
		return addrRow(r, level)
	case 1:
		return addrEmbedded(r)
	default:
		return addrCanonical(r)
	}
}

func addrPrivate(r *rand.Rand) Question {
	a := sampleAddr(r, 1)
	rows := addr.Classify(a)
	private := addr.KindOf(a) == addr.KindPrivateUse
	choices := []string{"yes, it is private (RFC 1918)", "no"}
	right := 1
	if private {
		right = 0
	}
	what := "an ordinary public address"
	if len(rows) > 0 {
		what = "in " + rows[0].Block().String() + ", " + rows[0].Name()
	}
	why := []string{a.String() + " is " + what + ", not in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16",
		a.String() + " is " + what + ": private, one of the three RFC 1918 blocks"}
	q := choiceQ("Is "+a.String()+" a private address?", choices, right, why)
	q.Steps = []string{
		"The private (RFC 1918) blocks are 10.0.0.0/8, 172.16.0.0/12 (172.16.0.0 to 172.31.255.255) and 192.168.0.0/16.",
		a.String() + " is " + what + ".",
	}
	return q
}

func addrReach(r *rand.Rand, level int) Question {
	a := sampleAddr(r, level)
	v := addr.Reachability(a)
	choices := []string{"yes", "no", "it depends"}
	right := map[addr.Answer]int{addr.Yes: 0, addr.No: 1, addr.Depends: 2}[v.Answer]
	why := make([]string, 3)
	for i := range why {
		why[i] = "the registry's answer is " + v.Summary
	}
	q := choiceQ("Can a machine on the internet send a packet to "+a.String()+"?", choices, right, why)
	q.Steps = []string{v.Summary, v.Explanation}
	if v.Row.IsValid() {
		q.Steps = append(q.Steps, fmt.Sprintf("Registry row: %s (%s), globally reachable: %s.", v.Row.Block(), v.Row.Name(), v.Row.GloballyReachable()))
	}
	return q
}

// noRow is the answer for an address in no special-purpose block.
const noRow = "none: an ordinary public address"

func addrRow(r *rand.Rand, level int) Question {
	var a netip.Addr
	for {
		a = sampleAddr(r, level)
		if a.Is4() || level >= 3 || r.IntN(2) == 0 {
			break
		}
	}
	right := noRow
	if rows := addr.Classify(a); len(rows) > 0 {
		right = rows[0].Name()
	}
	var pool []string
	for _, row := range addr.Rows() {
		if row.Block().Addr().Is4() == a.Is4() && row.Registry() != addr.IPv4MulticastRegistry && row.Registry() != addr.IPv6MulticastRegistry &&
			row.Terminated() == "" && row.Name() != right && !slices.Contains(pool, row.Name()) {
			pool = append(pool, row.Name())
		}
	}
	choices := []string{right}
	if right != noRow {
		choices = append(choices, noRow)
	}
	for len(choices) < 4 && len(pool) > 0 {
		i := r.IntN(len(pool))
		choices = append(choices, pool[i])
		pool = slices.Delete(pool, i, i+1)
	}
	r.Shuffle(len(choices), func(i, j int) { choices[i], choices[j] = choices[j], choices[i] })
	idx := slices.Index(choices, right)
	why := make([]string, len(choices))
	for i := range why {
		why[i] = a.String() + " is in the row " + strconvQuote(right)
	}
	q := choiceQ("Which row of the IANA special-purpose address registries holds "+a.String()+"?", choices, idx, why)
	if rows := addr.Classify(a); len(rows) > 0 {
		q.Steps = append(q.Steps, "The most specific block that contains "+a.String()+" is "+rows[0].Block().String()+": "+rows[0].Name()+" ("+rows[0].RFC()+").")
		for _, row := range rows[1:] {
			q.Steps = append(q.Steps, "It is also inside the larger block "+row.Block().String()+" ("+row.Name()+"), but the most specific row decides.")
		}
	} else {
		q.Steps = append(q.Steps, a.String()+" is in no special-purpose block: an ordinary unicast address.")
	}
	q.Steps = append(q.Steps, addr.Reachability(a).Summary)
	return q
}

func strconvQuote(s string) string { return "“" + s + "”" }

// randomV6 draws an IPv6 address with a run of zero groups and some groups
// that print with leading zeros when expanded.
func randomV6(r *rand.Rand) netip.Addr {
	var g [8]uint16
	g[0], g[1] = 0x2001, 0x0db8
	for i := 2; i < 8; i++ {
		switch r.IntN(4) {
		case 0:
			g[i] = 0
		case 1:
			g[i] = uint16(r.IntN(0x100))
		default:
			g[i] = uint16(r.IntN(0x10000))
		}
	}
	start, n := 2+r.IntN(4), 1+r.IntN(3)
	for i := start; i < min(8, start+n); i++ {
		g[i] = 0
	}
	var b [16]byte
	for i, x := range g {
		b[2*i], b[2*i+1] = byte(x>>8), byte(x)
	}
	return netip.AddrFrom16(b)
}

func addrCanonical(r *rand.Rand) Question {
	a := randomV6(r)
	f := addr.FormsOf(a)
	shown := f.Expanded()
	if r.IntN(2) == 0 {
		shown = strings.ToUpper(shown)
	}
	q := Question{
		Kind:   FreeText,
		Text:   "Write " + shown + " in its canonical form (RFC 5952).",
		Format: "an IPv6 address, like 2001:db8::1",
		Answer: f.Canonical(),
		check:  checkCanonical(a),
		Steps: []string{
			"Lowercase every hex digit (RFC 5952 section 4.3).",
			"Drop the leading zeros of each group: 0db8 becomes db8, 0000 becomes 0 (section 4.1).",
			"Replace the longest run of two or more zero groups with :: — the first run if two are as long; a single 0 group stays 0 (section 4.2).",
			"Result: " + f.Canonical(),
		},
		Work: []string{"expanded   " + f.Expanded(), "canonical  " + f.Canonical()},
	}
	q.verify = func() error {
		if got := a.String(); got != q.Answer {
			return fmt.Errorf("netip writes %s, addr.FormsOf %s", got, q.Answer)
		}
		return nil
	}
	return q
}

func addrEmbedded(r *rand.Rand) Question {
	v := v4(pick(r, []int{8, 93, 151, 192}), r.IntN(256), r.IntN(256), 1+r.IntN(254))
	b := v.As4()
	var a netip.Addr
	switch r.IntN(3) {
	case 0:
		a = netip.MustParseAddr(fmt.Sprintf("64:ff9b::%02x%02x:%02x%02x", b[0], b[1], b[2], b[3]))
	case 1:
		a = netip.MustParseAddr(fmt.Sprintf("::ffff:%02x%02x:%02x%02x", b[0], b[1], b[2], b[3]))
	default:
		a = netip.MustParseAddr(fmt.Sprintf("2002:%02x%02x:%02x%02x::%x", b[0], b[1], b[2], b[3], 1+r.IntN(0xff)))
	}
	e := addr.Embedded(a)
	hex := fmt.Sprintf("%02x %02x %02x %02x", b[0], b[1], b[2], b[3])
	q := Question{
		Kind:   FreeText,
		Text:   "Which IPv4 address is embedded in the IPv6 address " + hexGroups(a) + "?",
		Format: "an IPv4 address, like 192.0.2.1",
		Answer: e.IPv4.String(),
		check: checkAddr(e.IPv4, func(x netip.Addr) string {
			if x.Is4() {
				xb := x.As4()
				if xb[0] == b[3] && xb[1] == b[2] && xb[2] == b[1] && xb[3] == b[0] {
					return "the bytes are in the wrong order: read them left to right"
				}
			}
			return ""
		}),
		Steps: []string{
			"The prefix " + e.Prefix.String() + " is " + e.Mechanism.String() + ": " + e.Mechanism.Describe(),
			"The IPv4 address sits in the bits " + map[bool]string{true: "16 to 47 (right after 2002:)", false: "of the last 32 bits"}[e.Mechanism == addr.Mech6to4] + ", written as hex: " + hex + ".",
			"Each pair of hex digits is one octet in decimal: " + e.IPv4.String() + ".",
		},
	}
	q.verify = func() error {
		if e.IPv4 != v {
			return fmt.Errorf("embedded %s, built from %s", e.IPv4, v)
		}
		return nil
	}
	return q
}

// hexGroups writes a in canonical form but with an embedded IPv4 address in
// hex, so the learner has to convert it.
func hexGroups(a netip.Addr) string {
	b := a.As16()
	s := netip.AddrFrom16(b).StringExpanded()
	canon := netip.MustParseAddr(s)
	out := canon.String()
	if strings.Contains(out, ".") {
		i := strings.LastIndex(out, ":")
		out = out[:i+1] + fmt.Sprintf("%x:%x", uint16(b[12])<<8|uint16(b[13]), uint16(b[14])<<8|uint16(b[15]))
	}
	return out
}

// verdictChoice is one choice of a question whose answer is an engine's
// verdict.
type verdictChoice[V comparable] struct {
	verdict V
	text    string
}

// outcomeChoices returns the texts of cs, the index of the one whose verdict
// is got, and why for each: the one reason the engine gave. A verdict no
// choice offers is a generator's bug, and panics.
func outcomeChoices[V interface {
	comparable
	String() string
}](cs []verdictChoice[V], got V, reason string) (choices []string, right int, why []string) {
	right = -1
	for i, c := range cs {
		choices = append(choices, c.text)
		if c.verdict == got {
			right = i
		}
		why = append(why, reason)
	}
	if right < 0 {
		panic("practice: no choice for the verdict " + got.String())
	}
	return choices, right, why
}

// choiceQ builds a multiple-choice question.
func choiceQ(text string, choices []string, right int, why []string) Question {
	return Question{
		Kind:    Choice,
		Text:    text,
		Choices: choices,
		Answer:  choices[right],
		check:   checkChoice(choices, right, why),
	}
}
