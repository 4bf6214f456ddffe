package practice_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/netground/netground/core/practice"
	"github.com/netground/netground/core/scenario"
)

func TestParseState(t *testing.T) {
	tests := []struct {
		query    string
		want     string // Encode of the state read
		hasSeed  bool
		problems []string
	}{
		{"topics=subnet,nat&level=2&seed=42", "topics=subnet,nat&level=2&seed=42", true, nil},
		{"topics=nat,subnet&seed=42", "topics=subnet,nat&level=1&seed=42", true, nil},
		{"", "topics=addr,subnet,neighbours,split,ports,bind,nat,k8s&level=1&seed=7", false, nil},
		{"topics=subnet,dns&level=9&seed=x&colour=red", "topics=subnet&level=1&seed=7", false,
			[]string{`topics=subnet,dns: unknown topic "dns"`, "level=9: not a level from 1 to 3", "seed=x: not a whole number", "colour=red: not a practice parameter"}},
		{"topics=&seed=9007199254740992", "topics=addr,subnet,neighbours,split,ports,bind,nat,k8s&level=1&seed=7", false, []string{"topics: no topic given", "seed=9007199254740992"}},
		{"seed=9007199254740991&readonly=1", "topics=addr,subnet,neighbours,split,ports,bind,nat,k8s&level=1&seed=9007199254740991", true, nil},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		s, hasSeed, problems := practice.ParseState(q, 7)
		if s.Encode() != tt.want || hasSeed != tt.hasSeed {
			t.Errorf("ParseState(%q) = %q, %v; want %q, %v", tt.query, s.Encode(), hasSeed, tt.want, tt.hasSeed)
		}
		if len(problems) != len(tt.problems) {
			t.Errorf("ParseState(%q) problems = %v; want %d", tt.query, problems, len(tt.problems))
			continue
		}
		for i, p := range problems {
			if !strings.HasPrefix(p.String(), tt.problems[i]) {
				t.Errorf("ParseState(%q) problem %d = %q; want it to start with %q", tt.query, i, p, tt.problems[i])
			}
		}
	}
}

// FuzzParseState reads arbitrary links: the state read encodes to a link
// that reads back to the same state with no problem, and every problem
// names a parameter of the link and quotes its value.
func FuzzParseState(f *testing.F) {
	for _, s := range []string{"topics=subnet,nat&level=2&seed=42", "topics=NAT,%20subnet&seed=42", "", "topics=subnet,dns&level=9&seed=x&colour=red",
		"topics=&seed=9007199254740992", "seed=9007199254740991&readonly=1", "level=%ff&topics=all,neighbors", "seed=+4&seed=5&level=02"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		s, hasSeed, problems := practice.ParseState(q, 7)
		if len(s.Topics) == 0 || s.Level < practice.MinLevel || s.Level > practice.MaxLevel || s.Seed > practice.MaxSeed || !hasSeed && s.Seed != 7 {
			t.Fatalf("ParseState(%q) = %+v, %v", raw, s, hasSeed)
		}
		again, hasSeed2, problems2 := practice.ParseState(mustQuery(t, s.Encode()), 8)
		if !slices.Equal(again.Topics, s.Topics) || again.Level != s.Level || again.Seed != s.Seed || !hasSeed2 || len(problems2) != 0 {
			t.Fatalf("ParseState(%q) = %+v; its link %q reads back as %+v, %v", raw, s, s.Encode(), again, problems2)
		}
		if s.Query().Encode() != mustQuery(t, s.Encode()).Encode() {
			t.Fatalf("Query and Encode of %+v disagree: %q, %q", s, s.Query().Encode(), s.Encode())
		}
		// Each problem names a parameter of the link and quotes its value,
		// both in the display form scenario.NewProblem gives them.
		shown := func(param, value string) scenario.Problem { return scenario.NewProblem(param, value, "") }
		for _, p := range problems {
			quoted := false
			for k, vs := range q {
				for _, v := range append(slices.Clone(vs), strings.Join(vs, ",")) {
					if want := shown(k, v); want.Param == p.Param && want.Value == p.Value {
						quoted = true
					}
				}
			}
			if !quoted || p.Reason == "" {
				t.Fatalf("ParseState(%q): problem %q does not quote a parameter of the link", raw, p)
			}
		}
	})
}

func mustQuery(t *testing.T, s string) url.Values {
	t.Helper()
	q, err := url.ParseQuery(s)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", s, err)
	}
	return q
}
