package natlab

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/nat"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/story"
)

// presets returns the lab's presets in the order the page lists them:
// each is a button and a readable link such as /nat?preset=home&step=3.
func presets() []nat.Preset { return nat.Presets() }

// defaultPreset is what a link without a usable scenario opens.
const defaultPreset = "home"

func findPreset(id string) (nat.Preset, bool) { return story.Find(presets(), id) }

// presetOf returns the id of the preset sc is, unchanged, or "": a
// scenario saved or shared whole that no one edited is still its preset.
func presetOf(sc nat.Scenario) string {
	b, err := sc.MarshalJSON()
	if err != nil {
		return ""
	}
	for _, p := range presets() {
		if pb, err := p.Scenario.MarshalJSON(); err == nil && bytes.Equal(b, pb) {
			return p.Name
		}
	}
	return ""
}

func presetIDs() string { return strings.Join(PresetNames(), ", ") }

// linkState is what a lab link holds.
type linkState struct {
	Scenario nat.Scenario
	Preset   string // the preset's id while the scenario is an unchanged preset
	Step     int    // how many steps have run
}

// readLink reads the lab's state from a link's query and fragment. It never
// fails: whatever it cannot use comes back as problems, and the home preset
// stands in for a scenario it cannot open. known lists the problems the
// page has already reported (about the fragment's envelope), which are not
// repeated.
func readLink(q url.Values, fragment string, known []scenario.Problem) (linkState, []scenario.Problem) {
	var problems []scenario.Problem
	reported := func(param string) bool {
		for _, p := range known {
			if p.Param == param {
				return true
			}
		}
		return false
	}
	st := linkState{Step: -1}
	loaded := false
	if strings.Contains(fragment, "s=") {
		var sc nat.Scenario
		opts := scenario.Options{Validate: func(w scenario.Widget, state json.RawMessage) error {
			s, err := nat.DecodeScenario(state)
			sc = s
			return err
		}}
		doc, err := opts.DecodeFragment(fragment)
		switch {
		case err != nil:
			if !reported("s") {
				problems = append(problems, scenario.Problem{Param: "s", Reason: err.Error() + "; opened the home preset instead"})
			}
		case doc.Widget != scenario.WidgetNAT:
			if !reported("s") {
				problems = append(problems, scenario.Problem{Param: "s", Reason: "the link's scenario is for the " + string(doc.Widget) + " widget, not the NAT lab; opened the home preset instead"})
			}
		default:
			st.Scenario, st.Preset, loaded = sc, presetOf(sc), true
		}
	}
	if id := q.Get("preset"); id != "" && !loaded {
		if p, ok := findPreset(id); ok {
			st.Scenario, st.Preset, loaded = p.Scenario, p.Name, true
		} else {
			problems = append(problems, scenario.Problem{Param: "preset", Value: field.Shorten(id, 40), Reason: "not one of " + presetIDs() + "; opened the home preset"})
		}
	}
	if !loaded {
		p, _ := findPreset(defaultPreset)
		st.Scenario, st.Preset = p.Scenario, p.Name
	}
	total := len(st.Scenario.Steps)
	step, stepProblems := scenario.ParseStep(q, min(1, total), total)
	st.Step = step
	problems = append(problems, stepProblems...)
	return st, problems
}

// document returns the scenario as a share-link document.
func document(sc nat.Scenario) (scenario.Document, error) {
	state, err := sc.MarshalJSON()
	if err != nil {
		return scenario.Document{}, err
	}
	name := sc.Name
	if len(name) > scenario.MaxNameBytes {
		name = ""
	}
	return scenario.Document{Format: scenario.FormatTag, Version: scenario.Version, Widget: scenario.WidgetNAT, Name: name, State: state}, nil
}

// linkParts returns the query and fragment of a lab link: a readable
// preset=…&step=N while the scenario is an unchanged preset, and otherwise
// step=N with the scenario in the fragment (frag, computed by the caller
// once per scenario change, since deflating a long scenario on every step
// would be wasted work).
func linkParts(presetID, frag string, step int, readonly bool) (query, fragment string) {
	q := url.Values{}
	if presetID != "" {
		q.Set("preset", presetID)
		frag = ""
	}
	q.Set("step", strconv.Itoa(step))
	query = q.Encode()
	if readonly {
		query += "&readonly=1"
	}
	return query, frag
}

// linkPath joins a path, a query and a fragment.
func linkPath(path, query, fragment string) string {
	if query != "" {
		path += "?" + query
	}
	if fragment != "" {
		path += "#" + fragment
	}
	return path
}

// PresetNames returns the names a link may open with ?preset=, in the order
// the lab lists them.
func PresetNames() []string { return story.Names(presets()) }
