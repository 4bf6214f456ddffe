package span

import (
	"math"
	"slices"
	"testing"
)

type rec struct {
	Span
	name string
}

func TestSpan(t *testing.T) {
	if (Span{}).Live(0) {
		t.Error("the zero Span lives at step 0")
	}
	s := From(3)
	for k, want := range map[int]bool{2: false, 3: true, 4: true, math.MaxInt - 1: true, math.MaxInt: false} {
		if got := s.Live(k); got != want {
			t.Errorf("From(3).Live(%d) = %v; want %v", k, got, want)
		}
	}
	s.Closed = 5
	if s.Live(5) || !s.Live(4) {
		t.Errorf("Span{3, 5} lives at 4 and not at 5")
	}
}

func TestIndexes(t *testing.T) {
	log := []rec{
		{Span{0, 2}, "a"},
		{From(1), "b"},
		{Span{1, 1}, "never"},
		{From(3), "c"},
	}
	for k, want := range map[int][]int{0: {0}, 1: {0, 1}, 2: {1}, 3: {1, 3}} {
		if got := Indexes(log, k, nil); !slices.Equal(got, want) {
			t.Errorf("Indexes(log, %d) = %v; want %v", k, got, want)
		}
		if got := Count(log, k); got != len(want) {
			t.Errorf("Count(log, %d) = %d; want %d", k, got, len(want))
		}
	}
	if got := Indexes(log, 3, func(r *rec) bool { return r.name == "c" }); !slices.Equal(got, []int{3}) {
		t.Errorf("Indexes with keep = %v; want [3]", got)
	}
}
