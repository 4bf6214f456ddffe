package scenario

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/netground/netground/core/field"
)

// Limits on query state. A value beyond its limit is reported as a [Problem] and ignored
// (the plan list is cut at the last line that fits instead).
const (
	// MaxValueBytes is the longest value of any query parameter except the plan list.
	MaxValueBytes = 4096
	// MaxListBytes is the longest plan list (the list parameter), in bytes.
	MaxListBytes = 256 << 10
	// MaxListLines is the largest number of lines in a plan list.
	MaxListLines = 10_000
	// MaxRawQueryBytes is the longest raw query [SplitQuery] reads; a plan list at its
	// limit, fully percent-encoded, still fits.
	MaxRawQueryBytes = 3*MaxListBytes + 64<<10
	// MaxParams is the largest number of parameters [SplitQuery] reads.
	MaxParams = 64
)

// QueryVersion is the newest version of the query parameters this package reads. A query
// without a v parameter is version 1.
const QueryVersion = 1

// maxShownValue is how many characters of a value a Problem keeps for display.
const maxShownValue = 60

// maxUnknownProblems is how many unknown parameters are reported one by one.
const maxUnknownProblems = 8

// Problem is something in a link that was ignored or adjusted while reading it. The zero
// value is not a problem anyone reports.
type Problem struct {
	// Param is the parameter's name; empty when the problem concerns the whole query.
	Param string
	// Value is the value that was ignored, cut to a length fit for display.
	Value string
	// Reason says in plain words what was wrong and what was done instead.
	Reason string
}

// String returns the problem as one sentence for the page, for example
// `cloud=foo ignored: not one of none, aws, azure, gcp; using none`.
func (p Problem) String() string {
	switch {
	case p.Param == "" && p.Value != "":
		return "=" + p.Value + ": " + p.Reason
	case p.Param == "":
		return p.Reason
	case p.Value == "":
		return p.Param + ": " + p.Reason
	default:
		return p.Param + "=" + p.Value + ": " + p.Reason
	}
}

// NewProblem returns the Problem with param and value as valid UTF-8 cut to a length fit for
// display (60 characters, marking a cut with "…"), for readers of links outside this package.
func NewProblem(param, value, reason string) Problem {
	return Problem{Param: shorten(param), Value: shorten(value), Reason: reason}
}

// shorten returns s as valid UTF-8 of at most maxShownValue characters, marking a cut with "…".
func shorten(s string) string {
	return field.Shorten(strings.ToValidUTF8(s, "\uFFFD"), maxShownValue)
}

// IsViewParam reports whether name is a parameter of the page rather than of the widget's
// state (readonly for embeds, and v, the version). Parse functions skip such parameters
// without reporting them.
func IsViewParam(name string) bool {
	return name == "readonly" || name == "v"
}

// SplitQuery parses a raw URL query (without the "?") into values, like [url.ParseQuery], but
// never gives up: a pair with broken percent-encoding or a ";" is reported and skipped, and
// the rest is read. A query longer than [MaxRawQueryBytes] is ignored as a whole, and
// parameters after the first [MaxParams] are ignored.
func SplitQuery(raw string) (url.Values, []Problem) {
	q := url.Values{}
	if len(raw) > MaxRawQueryBytes {
		return q, []Problem{{Reason: fmt.Sprintf("the link's parameters are %d bytes, more than the limit of %d; all ignored", len(raw), MaxRawQueryBytes)}}
	}
	var problems []Problem
	pairs := 0
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		if pairs == MaxParams {
			problems = append(problems, Problem{Reason: fmt.Sprintf("the link has more than %d parameters; the rest are ignored", MaxParams)})
			break
		}
		pairs++
		rawKey, rawValue, _ := strings.Cut(pair, "=")
		if strings.Contains(pair, ";") {
			problems = append(problems, NewProblem(rawKey, rawValue, `contains ";", which links do not use; ignored`))
			continue
		}
		key, err1 := url.QueryUnescape(rawKey)
		value, err2 := url.QueryUnescape(rawValue)
		if err1 != nil || err2 != nil {
			problems = append(problems, NewProblem(rawKey, rawValue, "broken %-escape; ignored"))
			continue
		}
		q[key] = append(q[key], value)
	}
	return q, problems
}

// queryReader reads the parameters of one widget, collecting problems in a stable order.
type queryReader struct {
	q        url.Values
	known    []string
	problems []Problem
}

func newQueryReader(q url.Values) *queryReader {
	r := &queryReader{q: q}
	r.version()
	return r
}

func (r *queryReader) report(param, value, reason string) {
	r.problems = append(r.problems, NewProblem(param, value, reason))
}

// version checks v. A newer version is read as well as this version can.
func (r *queryReader) version() {
	vs := r.q["v"]
	if len(vs) == 0 {
		return
	}
	v, err := strconv.Atoi(vs[0])
	switch {
	case err != nil || v < 1:
		r.report("v", vs[0], "not a version number; read as version 1")
	case v > QueryVersion:
		r.report("v", vs[0], fmt.Sprintf("made by a newer version of Netground (link version %d; this one reads up to %d); read as well as possible", v, QueryVersion))
	}
}

// raw returns the first value of name, reporting repeats and invalid UTF-8.
func (r *queryReader) raw(name string) (string, bool) {
	r.known = append(r.known, name)
	vs := r.q[name]
	if len(vs) == 0 {
		return "", false
	}
	if len(vs) > 1 {
		r.report(name, "", fmt.Sprintf("given %d times; the first value is used", len(vs)))
	}
	if !utf8.ValidString(vs[0]) {
		r.report(name, vs[0], "not valid UTF-8 text; ignored")
		return "", false
	}
	return vs[0], true
}

// text returns the value of a free-text parameter, or "" if it is missing or too long.
func (r *queryReader) text(name string) string {
	v, ok := r.raw(name)
	if !ok {
		return ""
	}
	if len(v) > MaxValueBytes {
		r.report(name, v, fmt.Sprintf("%d bytes, more than the limit of %d; ignored", len(v), MaxValueBytes))
		return ""
	}
	return v
}

// choice returns the index in names of the value of name, ignoring case, or def.
func (r *queryReader) choice(name string, names []string, def int) int {
	v, ok := r.raw(name)
	if !ok {
		return def
	}
	for i, n := range names {
		if strings.EqualFold(v, n) {
			return i
		}
	}
	r.report(name, v, fmt.Sprintf("not one of %s; using %s", strings.Join(names, ", "), names[def]))
	return def
}

// number returns the value of name as a whole number from lo to hi, or 0 if it is missing or
// out of range; what describes the number for the message.
func (r *queryReader) number(name string, lo, hi uint64, what string) uint64 {
	v, ok := r.raw(name)
	if !ok {
		return 0
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil || n < lo || n > hi {
		r.report(name, v, fmt.Sprintf("%s must be a whole number from %d to %d; ignored", what, lo, hi))
		return 0
	}
	return n
}

// done reports the parameters nobody read, sorted, and returns all problems.
func (r *queryReader) done() []Problem {
	var unknown []string
	for name := range r.q {
		if !slices.Contains(r.known, name) && !IsViewParam(name) {
			unknown = append(unknown, name)
		}
	}
	slices.Sort(unknown)
	for i, name := range unknown {
		if i == maxUnknownProblems {
			r.problems = append(r.problems, Problem{Reason: fmt.Sprintf("%d more unknown parameters ignored", len(unknown)-i)})
			break
		}
		var v string
		if vs := r.q[name]; len(vs) > 0 {
			v = vs[0]
		}
		if name == "" {
			r.report(name, v, "a value without a parameter name; ignored")
			continue
		}
		r.report(name, v, "not a parameter of this page; ignored")
	}
	return r.problems
}

// queryWriter builds a query in a fixed parameter order, leaving out empty values.
type queryWriter struct {
	names, values []string
}

func (w *queryWriter) add(name, value string) {
	if value != "" {
		w.names = append(w.names, name)
		w.values = append(w.values, value)
	}
}

func (w *queryWriter) query() url.Values {
	q := make(url.Values, len(w.names))
	for i, n := range w.names {
		q[n] = []string{w.values[i]}
	}
	return q
}

func (w *queryWriter) encode() string {
	var b strings.Builder
	for i, n := range w.names {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(n)
		b.WriteByte('=')
		escapeValue(&b, w.values[i])
	}
	return b.String()
}

// escapeValue writes s percent-encoded for a query value, keeping the characters of
// addresses, prefixes and plan lines readable ("/", ":", ",", "=", "@") as RFC 3986 allows in a
// query, and writing a space as "+".
func escapeValue(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/', c == ':', c == ',', c == '=', c == '@':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
}
