package practice

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/scenario"
)

// Document returns s as a scenario document for the library: its link's
// parameters as a JSON object of strings, such as
// {"topics":"subnet,nat","level":"2","seed":"42"}, named after the set
// (see Name).
func Document(s State) scenario.Document {
	return scenario.NewDocument(s, Name(s))
}

// Name names the set of s for people, such as "Practice set 42, level 2:
// Subnet facts, NAT", or "… all topics" for DefaultTopics.
func Name(s State) string {
	topics := "all topics"
	if !slices.Equal(s.Topics, DefaultTopics()) {
		titles := make([]string, 0, len(s.Topics))
		for _, t := range s.Topics {
			titles = append(titles, t.Title())
		}
		topics = strings.Join(titles, ", ")
	}
	name := fmt.Sprintf("Practice set %d, level %d: %s", s.Seed, s.Level, topics)
	if len(name) > scenario.MaxNameBytes {
		name = name[:scenario.MaxNameBytes]
	}
	return strings.ToValidUTF8(name, "")
}

// DocumentParams returns the link parameters a practice document holds, for
// ParseState. The state is a JSON object whose values are strings or
// numbers ({"seed":42} reads as seed=42); it fails, quoting what it found,
// if d is not a practice document or its state is not such an object.
func DocumentParams(d scenario.Document) (url.Values, error) {
	if d.Widget != scenario.WidgetPractice {
		return nil, fmt.Errorf("practice: the scenario is for the %s widget, not practice", d.Widget)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(d.State, &m); err != nil || m == nil {
		return nil, fmt.Errorf("practice: the state %s is not a JSON object", field.Quote(string(d.State), 40))
	}
	q := make(url.Values, len(m))
	for k, raw := range m {
		var s string
		if err := json.Unmarshal(raw, &s); err == nil {
			q.Set(k, s)
			continue
		}
		var n json.Number
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&n); err != nil {
			return nil, fmt.Errorf("practice: parameter %q is %s, not a string or a number", k, field.Quote(string(raw), 40))
		}
		q.Set(k, n.String())
	}
	return q, nil
}
