package scenario_test

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/netground/netground/core/scenario"
)

// TestDocumentStep checks the step a lab's document keeps: written and read
// back through a file and a link, absent from documents that kept none, and
// refused where it means nothing.
func TestDocumentStep(t *testing.T) {
	nat := scenario.Document{Widget: scenario.WidgetNAT, Name: "Double NAT", State: json.RawMessage(`{"hosts":[]}`)}
	for _, n := range []int{0, 3, 10000} {
		d := nat.AtStep(n)
		b, err := scenario.Marshal(d)
		if err != nil {
			t.Fatalf("Marshal(step %d): %v", n, err)
		}
		got, err := scenario.Unmarshal(b)
		if err != nil || got.Step == nil || *got.Step != n {
			t.Errorf("Unmarshal(Marshal(step %d)) = %v, %v", n, got.Step, err)
		}
		f, _ := scenario.Fragment(d)
		if got, err := scenario.DecodeFragment(f); err != nil || got.Step == nil || *got.Step != n {
			t.Errorf("DecodeFragment(Fragment(step %d)) = %v, %v", n, got.Step, err)
		}
	}
	b, _ := scenario.Marshal(nat)
	if strings.Contains(string(b), "step") {
		t.Errorf("a document without a step writes %s", b)
	}
	old := `{"format":"netground/scenario","version":1,"widget":"nat","name":"Home","state":{"hosts":[]}}`
	if d, err := scenario.Unmarshal([]byte(old)); err != nil || d.Step != nil {
		t.Errorf("a document written before steps were kept = %+v, %v; want no step", d, err)
	}
	for _, bad := range []string{`-1`, `1.5`, `"3"`} {
		doc := `{"format":"netground/scenario","version":1,"widget":"nat","state":{},"step":` + bad + `}`
		if _, err := scenario.Unmarshal([]byte(doc)); !errors.Is(err, scenario.ErrMalformed) || !strings.Contains(err.Error(), "step") {
			t.Errorf("Unmarshal(step %s) error %v; want malformed, naming the step", bad, err)
		}
	}
	simple := `{"format":"netground/scenario","version":1,"widget":"addr","state":{"ip":"10.0.0.1"},"step":2}`
	if _, err := scenario.Unmarshal([]byte(simple)); !errors.Is(err, scenario.ErrMalformed) {
		t.Errorf("Unmarshal(an address document with a step) error %v; want malformed", err)
	}
	if _, err := scenario.Marshal(scenario.NewDocument(scenario.AddrState{IP: "10.0.0.1"}, "").AtStep(1)); err == nil {
		t.Errorf("Marshal(an address document with a step): no error")
	}
	if _, err := scenario.Marshal(nat.AtStep(-1)); err == nil {
		t.Errorf("Marshal(step -1): no error")
	}
}

func TestParseStep(t *testing.T) {
	for _, tt := range []struct {
		query       string
		def, total  int
		want        int
		problemWith string // a word the problem has, or "" for none
	}{
		{"", 2, 5, 2, ""},
		{"step=0", 2, 5, 0, ""},
		{"step=5", 2, 5, 5, ""},
		{"step=6", 2, 5, 5, "5 steps"},
		{"step=99999999999999999999", 1, 3, 1, "not a step"},
		{"step=-1", 1, 3, 1, "not a step"},
		{"step=two", 0, 3, 0, "showing step 0"},
		{"step=3", 0, 0, 0, "0 steps"},
	} {
		q, _ := url.ParseQuery(tt.query)
		got, problems := scenario.ParseStep(q, tt.def, tt.total)
		var said string
		for _, p := range problems {
			said += p.String()
		}
		if got != tt.want || (tt.problemWith == "") != (said == "") || !strings.Contains(said, tt.problemWith) {
			t.Errorf("ParseStep(%q, %d, %d) = %d, %q; want %d and a problem with %q", tt.query, tt.def, tt.total, got, said, tt.want, tt.problemWith)
		}
	}
}
