package bindlab

import (
	"net/url"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/ui"
)

// defaultPreset is what the lab opens when a link names no scenario, or one
// that cannot be used.
const defaultPreset = "container-loopback"

// presetByName returns the preset called name.
func presetByName(name string) (bind.Preset, bool) {
	for _, p := range bind.Presets() {
		if p.Name == name {
			return p, true
		}
	}
	return bind.Preset{}, false
}

// links carries the lab's scenario in links.
var links = ui.LabLinks[bind.Scenario]{
	Widget:        scenario.WidgetBind,
	Name:          "Bind",
	DefaultPreset: defaultPreset,
	Preset: func(name string) (bind.Scenario, string, bool) {
		p, ok := presetByName(name)
		return p.Scenario, p.Title, ok
	},
	Decode: bind.DecodeScenario,
	Encode: func(s bind.Scenario) ([]byte, error) { return s.Encode() },
}

// readScenario returns the scenario a link holds; see ui.LabLinks.Read.
func readScenario(q url.Values, fragment string) (bind.Scenario, string, []scenario.Problem) {
	return links.Read(q, fragment)
}

// document returns the scenario as a share document.
func document(s bind.Scenario) (scenario.Document, error) { return links.Document(s) }

// linkPath returns the lab's link for a scenario under base; see
// ui.LabLinks.Path.
func linkPath(base string, s bind.Scenario, preset string, readonly bool) string {
	return links.Path(base, s, preset, readonly)
}
