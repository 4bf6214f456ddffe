package plan

import (
	"errors"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/subnet"
	"go4.org/netipx"
)

// Entry is one line of a pasted list: a subnet, a single address, or a range.
type Entry struct {
	Line int    // from 1
	Name string // text before "=", trimmed; may be empty
	Text string // the value as written, trimmed
	// Subnet is the value as a subnet; a bare address becomes /32 or /128.
	// It is the zero Subnet when the value is a range.
	Subnet subnet.Subnet
	// Range is the value when written as first-last, else the zero IPRange.
	Range netipx.IPRange
}

// IsRange reports whether e was written as a range.
func (e Entry) IsRange() bool { return e.Range.IsValid() }

// Prefixes returns the addresses of e as the fewest prefixes: the masked
// subnet, or the CIDRs of the range.
func (e Entry) Prefixes() []netip.Prefix {
	if e.IsRange() {
		return e.Range.Prefixes()
	}
	if e.Subnet.IsValid() {
		return []netip.Prefix{e.Subnet.Prefix()}
	}
	return nil
}

// Named returns e as a Named network; a range gives its first CIDR only, so
// use Prefixes for ranges.
func (e Entry) Named() Named {
	ps := e.Prefixes()
	if len(ps) == 0 {
		return Named{Name: e.Name}
	}
	return Named{Name: e.Name, Prefix: ps[0]}
}

// LineError is a line of a pasted list that could not be read.
type LineError struct {
	Line int    // from 1
	Text string // the line as written
	Err  error
}

// Error returns "line N: " and the cause.
func (e LineError) Error() string { return "line " + strconv.Itoa(e.Line) + ": " + e.Err.Error() }

// Unwrap returns the cause, often a *subnet.Error.
func (e LineError) Unwrap() error { return e.Err }

// ParseList reads pasted text, one entry per line:
//
//	# comments start with # and run to the end of the line
//	home LAN = 192.168.1.0/24
//	10.8.0.0 255.255.255.0     any form subnet.Parse accepts
//	203.0.113.7                a bare address is a single host (/32, /128)
//	10.0.0.5 - 10.0.0.20       a range, first-last
//
// Blank lines are ignored. Every line that cannot be read gives a LineError,
// and reading goes on, so the UI can mark each bad line.
func ParseList(text string) ([]Entry, []LineError) {
	var entries []Entry
	var errs []LineError
	eachLine(text, func(n int, line, value string) {
		e := Entry{Line: n}
		if name, rest, named := strings.Cut(value, "="); named {
			e.Name, value = strings.TrimSpace(name), strings.TrimSpace(rest)
			var err error
			switch {
			case e.Name == "":
				err = errors.New("nothing before \"=\"; write a name, as in home LAN = 192.168.1.0/24")
			case value == "":
				err = errors.New(strconv.Quote(e.Name) + " has no value after \"=\"")
			case strings.IndexByte(value, '=') >= 0:
				err = errors.New("more than one \"=\"; write name = value")
			}
			if err != nil {
				errs = append(errs, LineError{n, line, err})
				return
			}
		}
		e.Text = value
		if err := e.parseValue(value); err != nil {
			errs = append(errs, LineError{n, line, err})
			return
		}
		entries = append(entries, e)
	})
	return entries, errs
}

// ParseRequests reads the subnets a VLSM plan needs, one per line, in the
// grammar of ParseList:
//
//	# comments start with # and run to the end of the line
//	office = 50       a name and a number of hosts
//	lab = 12 hosts    "hosts" (or "host") after the number is allowed
//	20                no name: "subnet N", N counting from 1
//
// Blank lines are ignored. lines[i] is the line, from 1, that reqs[i] was
// read from. Every line that cannot be read gives a LineError, and reading
// goes on, so the UI can mark each bad line.
func ParseRequests(text string) (reqs []Request, lines []int, errs []LineError) {
	eachLine(text, func(n int, line, value string) {
		name := "subnet " + strconv.Itoa(len(reqs)+1)
		if before, after, named := strings.Cut(value, "="); named {
			name, value = strings.TrimSpace(before), strings.TrimSpace(after)
			if name == "" {
				errs = append(errs, LineError{n, line, errors.New("nothing before \"=\"; write a name, as in office = 50")})
				return
			}
		}
		count := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(value, "hosts"), "host"))
		hosts, err := strconv.ParseUint(count, 10, 64)
		switch {
		case err != nil:
			errs = append(errs, LineError{n, line, errors.New(strconv.Quote(value) + " is not a number of hosts; write name = hosts, as in office = 50")})
			return
		case hosts == 0:
			errs = append(errs, LineError{n, line, errors.New(strconv.Quote(name) + " asks for 0 hosts; ask for at least 1")})
			return
		}
		reqs = append(reqs, Request{Name: name, Hosts: hosts})
		lines = append(lines, n)
	})
	return reqs, lines, errs
}

// eachLine calls fn for every line of text that holds more than a comment,
// with its number from 1, the line as written (without a trailing "\r")
// and its value: the line without the comment, trimmed.
func eachLine(text string, fn func(n int, line, value string)) {
	for i, raw := range strings.Split(text, "\n") {
		line := strings.TrimSuffix(raw, "\r")
		value, _, _ := strings.Cut(line, "#")
		if value = strings.TrimSpace(value); value != "" {
			fn(i+1, line, value)
		}
	}
}

func (e *Entry) parseValue(value string) error {
	if i := strings.IndexByte(value, '-'); i >= 0 {
		first, err := netip.ParseAddr(strings.TrimSpace(value[:i]))
		if err != nil {
			return errors.New("range " + strconv.Quote(value) + ": the first address is not valid; write first-last, as in 10.0.0.5-10.0.0.20")
		}
		last, err := netip.ParseAddr(strings.TrimSpace(value[i+1:]))
		if err != nil {
			return errors.New("range " + strconv.Quote(value) + ": the last address is not valid; write first-last, as in 10.0.0.5-10.0.0.20")
		}
		if first.Zone() != "" || last.Zone() != "" {
			return errors.New("range " + strconv.Quote(value) + ": zones are not allowed")
		}
		if _, err := RangePrefixes(first, last); err != nil {
			return err
		}
		e.Range = netipx.IPRangeFrom(first, last)
		return nil
	}
	if !strings.ContainsAny(value, "/ \t") {
		if a, err := netip.ParseAddr(value); err == nil && a.Zone() == "" {
			e.Subnet = subnet.FromPrefix(netip.PrefixFrom(a, a.BitLen()))
			return nil
		}
	}
	s, err := subnet.Parse(value)
	if err != nil {
		return err
	}
	e.Subnet = s
	return nil
}
