// Package span keeps what a lab's simulation made and when. A record lives
// over a span of steps, so one log of records answers, for every step, what
// was there: the states of a run share the log, each only a step number.
package span

import "math"

// Span is the steps a record lives through: Opened ≤ k < Closed. The zero
// Span lives at no step.
type Span struct {
	Opened, Closed int
}

// From returns the span of a record made at step k and open since.
func From(k int) Span { return Span{Opened: k, Closed: math.MaxInt} }

// Live reports whether the record lives at step k.
func (s Span) Live(k int) bool { return s.Opened <= k && k < s.Closed }

// Record is what a log holds: anything with a Span (embedded).
type Record interface{ Live(k int) bool }

// Indexes returns the indexes of the records of log that live at step k
// and that keep accepts (nil accepts every one).
func Indexes[R Record](log []R, k int, keep func(*R) bool) []int {
	var out []int
	for i := range log {
		if log[i].Live(k) && (keep == nil || keep(&log[i])) {
			out = append(out, i)
		}
	}
	return out
}

// Count is len(Indexes(log, k, nil)), without the list.
func Count[R Record](log []R, k int) int {
	n := 0
	for i := range log {
		if log[i].Live(k) {
			n++
		}
	}
	return n
}
