// Package field names the part of a user's input that is at fault: a
// *Error carries the path of one field in a scenario's JSON form and what
// is wrong with it, so that a page can put the message beside the input it
// is about without reading the message's text. Shorten bounds the input an
// error quotes, and Count makes a number agree with its noun.
package field

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Error is a problem with one field of a scenario, such as
// `devices[3].addr: "10.0.0.300" is not an IPv4 address`. Field is a path in
// the JSON form; it is empty when the whole text is at fault. The zero Error
// has neither and says nothing.
type Error struct {
	// Field is the path, such as "nats[0].behavior.mapping" or
	// "actions[2].publish.hostPort".
	Field string
	// Reason says what is wrong, quoting the input.
	Reason string
}

// Error returns the field path, a colon and the reason, or the reason
// alone if Field is empty.
func (e *Error) Error() string {
	if e.Field == "" {
		return e.Reason
	}
	return e.Field + ": " + e.Reason
}

// Errorf returns an *Error about field whose reason is formatted as
// fmt.Sprintf formats it.
func Errorf(field, format string, args ...any) *Error {
	return &Error{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// In reports whether e.Field names an element of the list, or a field
// inside one, as "actions[2]" and "actions[2].publish.port" do for the
// list "actions". It returns the element's index and the rest of the path
// after the element and its dot: "" and "publish.port" in those examples.
func (e *Error) In(list string) (index int, rest string, ok bool) {
	s, found := strings.CutPrefix(e.Field, list+"[")
	if !found {
		return 0, "", false
	}
	digits, rest, found := strings.Cut(s, "]")
	if !found || digits == "" || strings.TrimLeft(digits, "0123456789") != "" {
		return 0, "", false
	}
	i, err := strconv.Atoi(digits)
	if err != nil {
		return 0, "", false
	}
	if rest != "" {
		after, dot := strings.CutPrefix(rest, ".")
		if !dot {
			return 0, "", false
		}
		rest = after
	}
	return i, rest, true
}

// Shorten returns s cut to at most n characters, marking a cut with "…", so
// that an error can quote what was typed or pasted without repeating a
// megabyte of it. It never splits a UTF-8 sequence; each byte that is not
// part of one counts as a character and is kept as it is. If n is 0 or
// less, a non-empty s becomes "…" alone.
func Shorten(s string, n int) string {
	n = max(n, 0)
	if len(s) <= n {
		return s
	}
	count := 0
	for i := range s {
		if count == n {
			return s[:i] + "…"
		}
		count++
	}
	return s
}

// Quote returns s as a Go string literal, cut first as Shorten cuts it to
// at most n characters: what was typed, as an error quotes it.
func Quote(s string, n int) string { return strconv.Quote(Shorten(s, n)) }

// All returns the problems err holds, one for each error it joins (see
// errors.Join): each *Error as it is, and any other error as an *Error
// with no Field. It returns nil for a nil err.
func All(err error) []*Error {
	if err == nil {
		return nil
	}
	errs := []error{err}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		errs = joined.Unwrap()
	}
	out := make([]*Error, 0, len(errs))
	for _, err := range errs {
		var fe *Error
		if !errors.As(err, &fe) {
			fe = &Error{Reason: err.Error()}
		}
		out = append(out, fe)
	}
	return out
}

// Fields returns the Field of each problem All returns, in order.
func Fields(err error) []string {
	var out []string
	for _, fe := range All(err) {
		out = append(out, fe.Field)
	}
	return out
}
