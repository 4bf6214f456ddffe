package k8slab

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/netground/netground/core/k8s"
	"github.com/netground/netground/core/scenario"
)

// defaultPreset is what the lab opens when a link names no scenario, or one
// that cannot be used.
const defaultPreset = "saved-pod-ip"

// presetByName returns the preset called name.
func presetByName(name string) (k8s.Preset, bool) {
	for _, p := range k8s.Presets() {
		if p.Name == name {
			return p, true
		}
	}
	return k8s.Preset{}, false
}

// hasScenario reports whether a fragment carries a scenario (an s= part).
func hasScenario(fragment string) bool {
	for _, part := range strings.Split(strings.TrimPrefix(fragment, "#"), "&") {
		if strings.HasPrefix(part, "s=") {
			return true
		}
	}
	return false
}

// readScenario returns the scenario a link holds: the #s= fragment's, else
// the preset the preset parameter names, else the default preset. preset is
// the preset's name when the scenario is one, unchanged. problems are what
// scenario.ReadLink does not already report: a well-formed document whose
// Kubernetes scenario is not valid (the text names the field), and an unknown
// preset.
func readScenario(q url.Values, fragment string) (s k8s.Scenario, preset string, problems []scenario.Problem) {
	def, _ := presetByName(defaultPreset)
	if hasScenario(fragment) {
		doc, err := scenario.DecodeFragment(fragment)
		if err != nil || doc.Widget != scenario.WidgetK8s {
			// scenario.ReadLink has said what is wrong with the link.
			return def.Scenario, def.Name, nil
		}
		s, err := k8s.DecodeScenario(doc.State)
		if err != nil {
			return def.Scenario, def.Name, []scenario.Problem{{Param: "s",
				Reason: fmt.Sprintf("the link's Kubernetes scenario is not valid: %v; opened the preset %q instead", strings.TrimPrefix(err.Error(), "scenario: "), def.Title)}}
		}
		return s, "", nil
	}
	if name := q.Get("preset"); name != "" {
		p, ok := presetByName(name)
		if !ok {
			return def.Scenario, def.Name, []scenario.Problem{{Param: "preset", Value: shorten(name),
				Reason: fmt.Sprintf("no such preset; opened %q", def.Name)}}
		}
		return p.Scenario, p.Name, nil
	}
	return def.Scenario, def.Name, nil
}

func shorten(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// document returns the scenario as a share document.
func document(s k8s.Scenario) (scenario.Document, error) {
	state, err := s.Encode()
	if err != nil {
		return scenario.Document{}, err
	}
	return scenario.Document{Format: scenario.FormatTag, Version: scenario.Version, Widget: scenario.WidgetK8s, State: state}, nil
}

// linkPath returns the lab's link for a scenario, under base ("/k8s" or
// "/embed/k8s"): readable (?preset=NAME) for an unchanged preset, the
// whole scenario in the fragment otherwise. readonly keeps readonly=1.
func linkPath(base string, s k8s.Scenario, preset string, readonly bool) string {
	var q []string
	if preset != "" {
		q = append(q, "preset="+url.QueryEscape(preset))
	}
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
	doc, err := document(s)
	if err != nil {
		return p
	}
	f, err := scenario.Fragment(doc)
	if err != nil {
		return p
	}
	return p + "#" + f
}
