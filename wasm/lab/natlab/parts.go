package natlab

import (
	"maps"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/nat"
)

// The parts of the page that a step does not change are child components:
// go-app renders a child again only when one of its exported fields
// changes (compared with reflect.DeepEqual), so stepping through a
// 100-device scenario skips the presets, the action forms, the device
// editor and the NAT settings. Each part's Key holds everything its render
// reads; the unexported page pointer is set when the part is first mounted
// and is not compared.
//
// The keys hold the scenario's slices as they are: the editors never change
// a scenario in place (nat.Scenario.Clone), so an edit always brings new slices.
// Maps the page changes in place are cloned.

// presetsKey is what the presets part shows.
type presetsKey struct {
	Preset, Name string
}

type presetsPart struct {
	app.Compo
	Key presetsKey
	p   *page
}

func (c *presetsPart) Render() app.UI { return c.p.renderPresets() }

// actionsKey is what the action forms show.
type actionsKey struct {
	Devices  []nat.Device
	NATs     []nat.NAT
	Form     map[string]string
	Errs     map[string]string
	Readonly bool
}

type actionsPart struct {
	app.Compo
	Key actionsKey
	p   *page
}

func (c *actionsPart) Render() app.UI { return c.p.renderActions() }

// editorKey is what the device editor and the NAT settings show.
type editorKey struct {
	Devices  []nat.Device
	NATs     []nat.NAT
	Drafts   map[string]string
	Errs     map[string]string
	Page     int
	Readonly bool
}

type devicesPart struct {
	app.Compo
	Key editorKey
	p   *page
}

func (c *devicesPart) Render() app.UI { return c.p.renderDevices() }

type natsPart struct {
	app.Compo
	Key editorKey
	p   *page
}

func (c *natsPart) Render() app.UI { return c.p.renderNATs() }

// parts returns the page's parts with their current keys.
func (p *page) parts() (app.UI, app.UI, app.UI, app.UI) {
	sc := p.lab.sc
	ro := p.IsReadonly()
	errs := maps.Clone(p.errs)
	ed := editorKey{Devices: sc.Devices, NATs: sc.NATs, Drafts: maps.Clone(p.drafts), Errs: errs, Page: p.devicePage, Readonly: ro}
	return &presetsPart{Key: presetsKey{Preset: p.presetID, Name: sc.Name}, p: p},
		&actionsPart{Key: actionsKey{Devices: sc.Devices, NATs: sc.NATs, Form: maps.Clone(p.form), Errs: errs, Readonly: ro}, p: p},
		&devicesPart{Key: ed, p: p},
		&natsPart{Key: ed, p: p}
}
