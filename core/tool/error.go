package tool

import (
	"github.com/netground/netground/core/field"
)

// Error is a problem with one input of a tool, such as
// `MAC address "34:56:78:9a:bc": 5 groups separated by ':'; want 6 groups
// of 2 hex digits, …`.
type Error struct {
	What   string // what the input is, such as "MAC address" or "pool"
	Input  string // the input as given
	Reason string // what is wrong and, where it helps, what would be right
	Err    error  // the underlying cause, if any
}

// maxQuoted bounds the input an error repeats.
const maxQuoted = 80

// Error returns What, the quoted input, a colon and the reason; with no
// input, What, a colon and the reason.
func (e *Error) Error() string {
	if e.Input == "" {
		return e.What + ": " + e.Reason
	}
	return e.What + " " + field.Quote(e.Input, maxQuoted) + ": " + e.Reason
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

func fail(what, input, reason string) *Error {
	return &Error{What: what, Input: input, Reason: reason}
}
