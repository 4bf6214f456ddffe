package bindlab

import (
	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/ui"
)

// defaultPreset is what the lab opens when a link names no scenario, or one
// that cannot be used.
const defaultPreset = "container-loopback"

// links carries the lab's scenario in links.
var links = ui.LabLinks[bind.Scenario]{
	Widget:        scenario.WidgetBind,
	Name:          "Bind",
	DefaultPreset: defaultPreset,
	Presets:       bind.Presets,
	Decode:        bind.DecodeScenario,
	Encode:        func(s bind.Scenario) ([]byte, error) { return s.Encode() },
}

// spec describes the lab to ui.Lab.
var spec = ui.LabSpec[bind.Scenario, bind.Action]{
	Links:       links,
	Path:        "/bind",
	Actions:     func(s bind.Scenario) []bind.Action { return s.Actions },
	WithActions: func(s bind.Scenario, acts []bind.Action) bind.Scenario { s.Actions = acts; return s },
	MaxActions:  bind.MaxActions,
	Validate:    bind.Scenario.Validate,
	Describe:    describeAction,
	// The path inside an action that a validation error names, to the
	// input of each form.
	FormFields: map[string]map[string]string{
		"listen": {"process": "listen-process", "in": "listen-in", "addr": "listen-addr", "port": "listen-port",
			"proto": "listen-proto", "v6only": "listen-v6only", "user": "listen-process"},
		"connect": {"from": "connect-from", "to": "connect-to", "port": "connect-port", "proto": "connect-proto", "client": "connect-client"},
		"publish": {"publish.container": "publish-container", "publish.hostAddr": "publish-hostaddr",
			"publish.hostPort": "publish-hostport", "publish.port": "publish-port", "publish.proto": "publish-proto"},
	},
}

// PresetNames returns the names a link may open with ?preset=, in the order
// the lab lists them.
func PresetNames() []string { return links.PresetNames() }
