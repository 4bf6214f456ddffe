package practice

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"unicode"

	"github.com/netground/netground/core/addr"
	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/subnet"
)

// maxAnswerBytes is the longest answer the checkers read; anything longer is
// wrong without being parsed.
const maxAnswerBytes = 512

func correct(note string) Feedback {
	m := "correct"
	if note != "" {
		m += ": " + note
	}
	return Feedback{Correct: true, Message: m}
}

func wrongf(format string, args ...any) Feedback {
	return Feedback{Message: "wrong: " + fmt.Sprintf(format, args...)}
}

// tooLong guards every checker against huge pasted text.
func tooLong(s string) bool { return len(s) > maxAnswerBytes }

// shown returns an answer quoted for a message, cut to a readable length.
func shown(s string) string {
	return field.Quote(strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD")), 40)
}

// addrNear explains why an address is a tempting wrong answer, or "".
type addrNear func(a netip.Addr) string

// checkAddr accepts any way of writing want that addr.Parse reads:
// ::1 and 0:0:0:0:0:0:0:1, upper or lower case, surrounding spaces.
func checkAddr(want netip.Addr, near addrNear) func(string) Feedback {
	return func(s string) Feedback {
		if tooLong(s) {
			return wrongf("that is far too long for an address")
		}
		a, err := addr.Parse(s)
		if err != nil {
			if p, err2 := netip.ParsePrefix(strings.TrimSpace(s)); err2 == nil {
				a = p.Addr()
				if a == want {
					return wrongf("right address, but type it without the prefix length /%d", p.Bits())
				}
				return wrongf("type an address alone, without a prefix length")
			}
			return wrongf("%s is not an address (%s)", shown(s), parseReason(err))
		}
		a = a.WithZone("")
		if a == want {
			return correct("")
		}
		if a.Is4() != want.Is4() {
			fam := "IPv6"
			if want.Is4() {
				fam = "IPv4"
			}
			return wrongf("the answer is an %s address", fam)
		}
		if near != nil {
			if why := near(a); why != "" {
				return wrongf("%s", why)
			}
		}
		return wrongf("%s is not the address asked for", a)
	}
}

func parseReason(err error) string {
	if pe, ok := err.(*addr.ParseError); ok {
		if pe.Hint != "" {
			return pe.Reason + "; " + pe.Hint
		}
		return pe.Reason
	}
	return err.Error()
}

// checkPrefix accepts a network in every form subnet.Parse reads:
// 10.0.0.0/8, 10.0.0.0 255.0.0.0, 10.0.0.0/255.0.0.0, and (with a note) a
// wildcard mask.
func checkPrefix(want netip.Prefix) func(string) Feedback {
	return func(s string) Feedback {
		if tooLong(s) {
			return wrongf("that is far too long for a subnet")
		}
		sub, form, err := subnet.ParseForm(s)
		if err != nil {
			if a, err2 := addr.Parse(s); err2 == nil {
				if a == want.Addr() {
					return wrongf("right network address, but give the prefix length too, as in %s", want)
				}
				return wrongf("give a network with its prefix length, as in %s", exampleNet(want))
			}
			var se *subnet.Error
			if e, ok := err.(*subnet.Error); ok {
				se = e
				return wrongf("%s is not a subnet (%s)", shown(s), se.Reason)
			}
			return wrongf("%s is not a subnet", shown(s))
		}
		got := sub.Prefix()
		switch {
		case got == want && sub.HasHostBits():
			return wrongf("right subnet, but write its network address: %s has host bits set", sub)
		case got == want && form == subnet.FormWildcard:
			return correct("read " + strings.TrimSpace(s) + " as a wildcard mask; as a netmask that is " + want.String())
		case got == want:
			return correct("")
		case got.Addr().Is4() != want.Addr().Is4():
			return wrongf("the answer is an %s subnet", family(want.Addr()))
		case got.Bits() != want.Bits() && sub.Host() == want.Addr():
			return wrongf("right network address, wrong prefix length: /%d, not /%d", want.Bits(), got.Bits())
		case got.Bits() != want.Bits() && got.Contains(want.Addr()):
			return wrongf("wrong prefix length: a /%d, not a /%d", want.Bits(), got.Bits())
		case got.Bits() == want.Bits():
			return wrongf("right prefix length, wrong network: %s is another /%d", got, got.Bits())
		}
		return wrongf("%s is not the subnet asked for", got)
	}
}

func family(a netip.Addr) string {
	if a.Is4() {
		return "IPv4"
	}
	return "IPv6"
}

func exampleNet(p netip.Prefix) string {
	if p.Addr().Is4() {
		return "10.0.0.0/8"
	}
	return "2001:db8::/32"
}

// countNear explains why a number is a tempting wrong answer, or "".
type countNear func(c subnet.Count) string

// parseCount reads a count as people write it: 16777216, 16,777,216,
// 16 777 216, 16_777_216, 2^24 or 2**24.
func parseCount(s string) (subnet.Count, bool) {
	s = strings.TrimSpace(s)
	if base, exp, ok := strings.Cut(strings.ReplaceAll(s, "**", "^"), "^"); ok {
		if strings.TrimSpace(base) != "2" {
			return subnet.Count{}, false
		}
		n, err := strconv.Atoi(strings.TrimSpace(exp))
		if err != nil || n < 0 || n > 128 {
			return subnet.Count{}, false
		}
		return subnet.Pow2(n), true
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case (r == ',' || r == '_' || r == '\'' || r == '.' || unicode.IsSpace(r)) && i > 0:
			// thousands separators, including the non-breaking and thin spaces
		default:
			return subnet.Count{}, false
		}
	}
	digits := b.String()
	if digits == "" {
		return subnet.Count{}, false
	}
	if trimmed := strings.TrimLeft(digits, "0"); trimmed != digits {
		if trimmed == "" {
			trimmed = "0"
		}
		digits = trimmed
	}
	c, err := subnet.ParseCount(digits)
	return c, err == nil
}

// checkCount accepts a number in any of the forms parseCount reads.
func checkCount(want subnet.Count, near countNear) func(string) Feedback {
	return func(s string) Feedback {
		if tooLong(s) {
			return wrongf("that is far too long for a number")
		}
		c, ok := parseCount(s)
		if !ok {
			return wrongf("%s is not a number; type digits, such as 1024, 1,024 or 2^10", shown(s))
		}
		if c == want {
			return correct("")
		}
		if near != nil {
			if why := near(c); why != "" {
				return wrongf("%s", why)
			}
		}
		if c.Cmp(want) < 0 {
			return wrongf("%s is too few", c)
		}
		return wrongf("%s is too many", c)
	}
}

// checkLength accepts a prefix length written 24 or /24.
func checkLength(want int, near func(n int) string) func(string) Feedback {
	return func(s string) Feedback {
		if tooLong(s) {
			return wrongf("that is far too long for a prefix length")
		}
		t := strings.TrimPrefix(strings.TrimSpace(s), "/")
		n, err := strconv.Atoi(strings.TrimSpace(t))
		if err != nil {
			if _, err := addr.Parse(s); err == nil {
				return wrongf("that is a mask; give its prefix length, a number such as /24")
			}
			return wrongf("%s is not a prefix length; type a number such as /24", shown(s))
		}
		if n == want {
			return correct("")
		}
		if near != nil {
			if why := near(n); why != "" {
				return wrongf("%s", why)
			}
		}
		if n < 0 || n > 128 {
			return wrongf("/%d is not a prefix length", n)
		}
		return wrongf("/%d is not the prefix length asked for", n)
	}
}

// checkPort accepts a port number, with or without a leading colon.
func checkPort(want uint16, near func(p int) string) func(string) Feedback {
	return func(s string) Feedback {
		if tooLong(s) {
			return wrongf("that is far too long for a port")
		}
		t := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), ":"))
		n, err := strconv.Atoi(t)
		if err != nil {
			return wrongf("%s is not a port number; type a number from 0 to 65535", shown(s))
		}
		if n == int(want) {
			return correct("")
		}
		if n < 0 || n > 65535 {
			return wrongf("%d is not a port: ports go from 0 to 65535", n)
		}
		if near != nil {
			if why := near(n); why != "" {
				return wrongf("%s", why)
			}
		}
		return wrongf("%d is not the port asked for", n)
	}
}

// checkRange accepts two addresses, the first and the last, separated by a
// dash, an en dash, "to", "..", a comma or spaces.
func checkRange(first, last netip.Addr, near addrNear) func(string) Feedback {
	return func(s string) Feedback {
		if tooLong(s) {
			return wrongf("that is far too long for a range")
		}
		t := strings.TrimSpace(s)
		for _, sep := range []string{"–", "—", "..", " to ", " TO ", " To ", ","} {
			t = strings.ReplaceAll(t, sep, " ")
		}
		if first.Is4() {
			t = strings.ReplaceAll(t, "-", " ")
		}
		parts := strings.Fields(t)
		if len(parts) != 2 {
			return wrongf("type two addresses, the first and the last, as in %s – %s", first, last)
		}
		a, err1 := addr.Parse(parts[0])
		b, err2 := addr.Parse(parts[1])
		switch {
		case err1 != nil:
			return wrongf("%s is not an address (%s)", shown(parts[0]), parseReason(err1))
		case err2 != nil:
			return wrongf("%s is not an address (%s)", shown(parts[1]), parseReason(err2))
		case a == first && b == last:
			return correct("")
		case a == last && b == first:
			return wrongf("right addresses, but the first comes first: %s – %s", first, last)
		case a == first:
			return wrongf("right first address, wrong last: %s", nearOr(near, b, "not the last usable address"))
		case b == last:
			return wrongf("right last address, wrong first: %s", nearOr(near, a, "not the first usable address"))
		}
		return wrongf("both ends are wrong: %s; %s", nearOr(near, a, a.String()+" is not the first usable address"), nearOr(near, b, b.String()+" is not the last usable address"))
	}
}

func nearOr(near addrNear, a netip.Addr, fallback string) string {
	if near != nil {
		if why := near(a); why != "" {
			return why
		}
	}
	return fallback
}

// checkAddrPort accepts an address and port: 203.0.113.7:50000 or
// [2001:db8::1]:443.
func checkAddrPort(want netip.AddrPort, near func(ap netip.AddrPort) string) func(string) Feedback {
	return func(s string) Feedback {
		if tooLong(s) {
			return wrongf("that is far too long for an address and port")
		}
		ap, err := netip.ParseAddrPort(strings.TrimSpace(s))
		if err != nil {
			if a, err := addr.Parse(s); err == nil {
				if a == want.Addr() {
					return wrongf("right address; now add the port, as in %s:%d", a, 12345)
				}
				return wrongf("give an address and a port, as in 192.0.2.1:12345")
			}
			return wrongf("%s is not an address and port; write it as 192.0.2.1:12345", shown(s))
		}
		ap = netip.AddrPortFrom(ap.Addr().WithZone(""), ap.Port())
		if ap == want {
			return correct("")
		}
		if near != nil {
			if why := near(ap); why != "" {
				return wrongf("%s", why)
			}
		}
		switch {
		case ap.Addr() == want.Addr():
			return wrongf("right address, wrong port: %d", ap.Port())
		case ap.Port() == want.Port():
			return wrongf("right port, wrong address: %s", ap.Addr())
		}
		return wrongf("%s is not the endpoint asked for", ap)
	}
}

// normWord lowercases and collapses spaces, for names typed by hand.
func normWord(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// checkNames accepts any of the names, without regard to case or spaces
// around them. near explains a tempting wrong name, keyed by normWord.
func checkNames(accept []string, near map[string]string) func(string) Feedback {
	return func(s string) Feedback {
		if tooLong(s) {
			return wrongf("that is far too long for a name")
		}
		w := normWord(strings.TrimSuffix(strings.TrimSpace(s), "://"))
		for _, a := range accept {
			if w == normWord(a) {
				return correct("")
			}
		}
		if why, ok := near[w]; ok {
			return wrongf("%s", why)
		}
		return wrongf("%s is not the name asked for", shown(s))
	}
}

// checkChoice accepts the right choice by its number (from 1) or its text.
// why[i] says why choice i is wrong. Text that names no choice, such as
// "10.0.0.1" for a question with two, is not an answer: the verdict is
// Invalid and asks again.
func checkChoice(choices []string, right int, why []string) func(string) Feedback {
	return func(s string) Feedback {
		if tooLong(s) {
			return notAChoice("that is far too long for a choice", len(choices))
		}
		t := strings.TrimSpace(s)
		pick := -1
		if n, err := strconv.Atoi(strings.Trim(t, "().")); err == nil {
			if n < 1 || n > len(choices) {
				return notAChoice(fmt.Sprintf("there is no choice %d", n), len(choices))
			}
			pick = n - 1
		} else {
			w := normWord(t)
			for i, c := range choices {
				if w == normWord(c) {
					pick = i
					break
				}
			}
		}
		if pick < 0 {
			return notAChoice(shown(s)+" is not one of the choices", len(choices))
		}
		if pick == right {
			return correct("")
		}
		if pick < len(why) && why[pick] != "" {
			return wrongf("%s", why[pick])
		}
		return wrongf("not %q", choices[pick])
	}
}

// notAChoice is the verdict on text that names none of n choices: not
// counted, and asked again.
func notAChoice(what string, n int) Feedback {
	return Feedback{Invalid: true, Message: fmt.Sprintf("not counted: %s; pick one by its number, 1 to %d, or type its text", what, n)}
}

// checkCanonical accepts exactly the RFC 5952 form of a and explains what
// differs in another spelling of the same address.
func checkCanonical(a netip.Addr) func(string) Feedback {
	want := addr.FormsOf(a).Canonical()
	return func(s string) Feedback {
		if tooLong(s) {
			return wrongf("that is far too long for an address")
		}
		t := strings.TrimSpace(s)
		if t == want {
			return correct("")
		}
		got, err := addr.Parse(t)
		if err != nil {
			return wrongf("%s is not an address (%s)", shown(s), parseReason(err))
		}
		if got != a {
			return wrongf("%s is another address: the canonical form must name the same address", got)
		}
		if strings.ToLower(t) == want {
			return wrongf("right address, but RFC 5952 (section 4.3) writes hex digits in lowercase: %s", want)
		}
		groups := strings.FieldsFunc(strings.ToLower(t), func(r rune) bool { return r == ':' })
		for _, g := range groups {
			if len(g) > 1 && g[0] == '0' && !strings.Contains(g, ".") {
				return wrongf("right address, but drop the leading zeros of each group (RFC 5952 section 4.1): %s", want)
			}
		}
		if !strings.Contains(t, "::") && strings.Contains(want, "::") {
			return wrongf("right address, but shorten the longest run of zero groups to :: (RFC 5952 section 4.2.1): %s", want)
		}
		if strings.Contains(t, "::") && !strings.Contains(want, "::") {
			return wrongf("right address, but :: must not stand for a single zero group (RFC 5952 section 4.2.2): %s", want)
		}
		return wrongf("right address, but :: must shorten the longest run of zero groups, the first one if two are as long (RFC 5952 section 4.2.3): %s", want)
	}
}

// Score counts the questions answered and those answered right, where
// answers[i] is "" for a question not answered yet and feedback[i] is the
// check of answers[i].
func Score(answers []string, feedback []Feedback) (answered, right int) {
	for i, a := range answers {
		if a != "" {
			answered++
			if i < len(feedback) && feedback[i].Correct {
				right++
			}
		}
	}
	return answered, right
}
