package ui

import (
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/story"
)

// LabLinks describes how a lab's scenario travels in links: an unchanged
// preset readably (?preset=NAME), anything else as the whole scenario in
// the fragment (#s=1.…). S is the lab's scenario type.
type LabLinks[S any] struct {
	Widget        scenario.Widget
	Name          string // the lab's name in messages: "Bind", "Kubernetes"
	DefaultPreset string // opened when a link names no usable scenario
	// Presets returns the lab's presets, in the order the lab lists them.
	Presets func() []story.Preset[S]
	Decode  func(state []byte) (S, error)
	Encode  func(S) ([]byte, error)
}

// Preset returns the preset called name.
func (l LabLinks[S]) Preset(name string) (story.Preset[S], bool) {
	return story.Find(l.Presets(), name)
}

// PresetOf returns the name of the preset that s is, unchanged, or "": a
// scenario saved or shared whole (#s=…) that no one edited is still its
// preset, with its lesson and story.
func (l LabLinks[S]) PresetOf(s S) string {
	b, err := l.Encode(s)
	if err != nil {
		return ""
	}
	for _, p := range l.Presets() {
		if pb, err := l.Encode(p.Scenario); err == nil && bytes.Equal(b, pb) {
			return p.Name
		}
	}
	return ""
}

// PresetNames returns the names a link may open with ?preset=, in the
// order the lab lists them.
func (l LabLinks[S]) PresetNames() []string { return story.Names(l.Presets()) }

// Read returns the scenario a link holds: the #s= fragment's, else the
// preset the preset parameter names, else the default preset. preset is
// the preset's name when the scenario is one, unchanged. problems are what
// scenario.ReadLink does not already report: a well-formed document whose
// scenario is not valid (the text names the field), and an unknown preset.
func (l LabLinks[S]) Read(q url.Values, fragment string) (s S, preset string, problems []scenario.Problem) {
	dp, _ := l.Preset(l.DefaultPreset)
	def, defTitle := dp.Scenario, dp.Title
	if scenario.HasScenario(fragment) {
		doc, err := scenario.DecodeFragment(fragment)
		if err != nil || doc.Widget != l.Widget {
			// scenario.ReadLink has said what is wrong with the link.
			return def, l.DefaultPreset, nil
		}
		s, err := l.Decode(doc.State)
		if err != nil {
			return def, l.DefaultPreset, []scenario.Problem{{Param: "s",
				Reason: fmt.Sprintf("the link's %s scenario is not valid: %v; opened the preset %q instead", l.Name, strings.TrimPrefix(err.Error(), "scenario: "), defTitle)}}
		}
		return s, "", nil
	}
	if name := q.Get("preset"); name != "" {
		p, ok := l.Preset(name)
		if !ok {
			return def, l.DefaultPreset, []scenario.Problem{{Param: "preset", Value: field.Shorten(name, 40),
				Reason: fmt.Sprintf("no such preset; opened %q", l.DefaultPreset)}}
		}
		return p.Scenario, name, nil
	}
	return def, l.DefaultPreset, nil
}

// Document returns the scenario as a share document.
func (l LabLinks[S]) Document(s S) (scenario.Document, error) {
	state, err := l.Encode(s)
	if err != nil {
		return scenario.Document{}, err
	}
	return scenario.Document{Format: scenario.FormatTag, Version: scenario.Version, Widget: l.Widget, State: state}, nil
}

// Path returns the lab's link for a scenario at a step under base (such as
// "/bind" or "/embed/bind"): readable for an unchanged preset, the whole
// scenario in the fragment otherwise. readonly keeps readonly=1.
func (l LabLinks[S]) Path(base string, s S, preset string, step int, readonly bool) string {
	var q []string
	if preset != "" {
		q = append(q, "preset="+url.QueryEscape(preset))
	}
	q = append(q, "step="+strconv.Itoa(step))
	if readonly {
		q = append(q, "readonly=1")
	}
	p := base
	if len(q) > 0 {
		p += "?" + strings.Join(q, "&")
	}
	if preset != "" {
		return p
	}
	doc, err := l.Document(s)
	if err != nil {
		return p
	}
	f, err := scenario.Fragment(doc)
	if err != nil {
		return p
	}
	return p + "#" + f
}
