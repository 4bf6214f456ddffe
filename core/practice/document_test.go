package practice_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/netground/netground/core/practice"
	"github.com/netground/netground/core/scenario"
)

// TestDocumentRoundTrip saves a set as a document, through the file format
// and a link, and reads the same set back.
func TestDocumentRoundTrip(t *testing.T) {
	for _, s := range []practice.State{
		{Seed: 42, Topics: []practice.Topic{practice.TopicSubnet, practice.TopicNAT}, Level: 2},
		{Seed: 0, Topics: practice.DefaultTopics(), Level: 1},
		{Seed: practice.MaxSeed, Topics: []practice.Topic{practice.TopicK8s}, Level: 3},
	} {
		d := practice.Document(s)
		b, err := scenario.Marshal(d)
		if err != nil {
			t.Fatalf("Marshal(Document(%+v)): %v", s, err)
		}
		d2, err := scenario.Unmarshal(b)
		if err != nil {
			t.Fatalf("Unmarshal: %v", err)
		}
		f, err := scenario.Fragment(d2)
		if err != nil {
			t.Fatalf("Fragment: %v", err)
		}
		d3, err := scenario.DecodeFragment(f)
		if err != nil {
			t.Fatalf("DecodeFragment: %v", err)
		}
		q, err := practice.DocumentParams(d3)
		if err != nil {
			t.Fatalf("DocumentParams(%s): %v", d3.State, err)
		}
		got, hasSeed, problems := practice.ParseState(q, 7)
		if !hasSeed || len(problems) > 0 || got.Encode() != s.Encode() {
			t.Errorf("round trip of %q = %q (seed %v, problems %v)", s.Encode(), got.Encode(), hasSeed, problems)
		}
		if d.Name == "" || d3.Name != d.Name {
			t.Errorf("name %q came back as %q", d.Name, d3.Name)
		}
	}
}

func TestDocumentName(t *testing.T) {
	tests := []struct {
		s    practice.State
		want string
	}{
		{practice.State{Seed: 42, Topics: []practice.Topic{practice.TopicSubnet, practice.TopicNAT}, Level: 2}, "Practice set 42, level 2: Subnet facts, NAT"},
		{practice.State{Seed: 7, Topics: practice.DefaultTopics(), Level: 1}, "Practice set 7, level 1: all topics"},
	}
	for _, tt := range tests {
		if got := practice.Name(tt.s); got != tt.want {
			t.Errorf("Name(%q) = %q; want %q", tt.s.Encode(), got, tt.want)
		}
	}
}

func TestDocumentParams(t *testing.T) {
	tests := []struct {
		state, want, err string
	}{
		{`{"topics":"subnet","level":"2","seed":"42"}`, "level=2&seed=42&topics=subnet", ""},
		{`{"seed":20260718,"level":3}`, "level=3&seed=20260718", ""},
		{`{"seed":[1]}`, "", `parameter "seed" is "[1]"`},
		{`[1]`, "", "not a JSON object"},
	}
	for _, tt := range tests {
		q, err := practice.DocumentParams(scenario.Document{Widget: scenario.WidgetPractice, State: json.RawMessage(tt.state)})
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("DocumentParams(%s) error %v; want %q", tt.state, err, tt.err)
		case tt.err == "" && (err != nil || q.Encode() != tt.want):
			t.Errorf("DocumentParams(%s) = %q, %v; want %q", tt.state, q.Encode(), err, tt.want)
		}
	}
	if _, err := practice.DocumentParams(scenario.Document{Widget: scenario.WidgetNAT, State: json.RawMessage(`{}`)}); err == nil {
		t.Errorf("DocumentParams of a NAT document: no error")
	}
}
