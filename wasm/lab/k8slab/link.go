package k8slab

import (
	"github.com/netground/netground/core/k8s"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/ui"
)

// defaultPreset is what the lab opens when a link names no scenario, or one
// that cannot be used.
const defaultPreset = "saved-pod-ip"

// links carries the lab's scenario in links.
var links = ui.LabLinks[k8s.Scenario]{
	Widget:        scenario.WidgetK8s,
	Name:          "Kubernetes",
	DefaultPreset: defaultPreset,
	Presets:       k8s.Presets,
	Decode:        k8s.DecodeScenario,
	Encode:        func(s k8s.Scenario) ([]byte, error) { return s.Encode() },
}

// spec describes the lab to ui.Lab.
var spec = ui.LabSpec[k8s.Scenario, k8s.Action]{
	Links:       links,
	Path:        "/k8s",
	Actions:     func(s k8s.Scenario) []k8s.Action { return s.Actions },
	WithActions: func(s k8s.Scenario, acts []k8s.Action) k8s.Scenario { s.Actions = acts; return s },
	MaxActions:  k8s.MaxActions,
	Validate:    k8s.Scenario.Validate,
	Describe:    describeAction,
	// The path inside an action that a validation error names, to the
	// input of each form.
	FormFields: map[string]map[string]string{
		"connect": {"from": "connect-from", "to": "connect-to"},
		"scale":   {"deployment": "scale-deployment", "replicas": "scale-replicas"},
	},
}

// PresetNames returns the names a link may open with ?preset=, in the order
// the lab lists them.
func PresetNames() []string { return links.PresetNames() }
