package natlab

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/nat"
	"github.com/netground/netground/wasm/ui"
)

// devicePageSize is how many devices the editor shows at once.
const devicePageSize = 20

func (p *page) Render() app.UI {
	path := "/nat"
	if p.lab == nil || p.Failed() {
		return ui.Layout(p.IsEmbed(), path, ui.Href(path),
			app.Section().Class("widget natlab").Body(
				app.H1().Text("NAT lab"),
				ui.FailurePanel(&p.Boundary, p.onReset),
			))
	}
	link := p.link(path)
	presets, actions, devices, nats := p.parts()
	class := "widget natlab"
	if len(p.lab.sc.Devices) > manyDevices {
		class += " natlab-big"
	}
	return ui.Layout(p.IsEmbed(), path, ui.Href(link),
		app.Section().Class(class).Aria("labelledby", "natlab-title").Body(
			app.H1().ID("natlab-title").Text("NAT lab"),
			app.P().Class("widget-intro").Text(introOf(p.lab.sc)+" "+
				"Step through what the router does to every packet: the mapping it creates, the header fields it rewrites, "+
				"why the reply finds its way back, and why nothing outside can start a conversation with the devices inside."),
			ui.LinkNotice(p.Problems()),
			app.If(p.fragErr != "", app.P().Class("notice").Role("status").DataSet("field", "link-too-long").Text(
				"This scenario is too large for a link, so the link keeps only the step: "+p.fragErr)),
			presets,
			p.renderPicture(),
			p.renderSteps(),
			p.renderTable(),
			actions,
			devices,
			nats,
			&staticSections{punch: p.punch},
			app.If(!p.IsEmbed(), ui.ShareBar("natlab", link, p.link("/embed/nat"), p.doc.AtStep(p.lab.at))),
		),
	)
}

func (p *page) renderPresets() app.UI {
	list := presets()
	return app.Section().Class("natlab-presets").Aria("labelledby", "natlab-presets-title").Body(
		app.H2().ID("natlab-presets-title").Text("Start from a question"),
		app.Ul().Class("natlab-preset-list").Body(
			app.Range(list).Slice(func(i int) app.UI {
				pr := list[i]
				return app.Li().Body(
					app.Button().Type("button").Class("button button-secondary").
						DataSet("preset", pr.Name).Aria("pressed", p.presetID == pr.Name).
						Aria("describedby", "natlab-preset-"+pr.Name).
						OnClick(p.onPreset(pr.Name)).Text(pr.Title),
					app.Span().ID("natlab-preset-"+pr.Name).Class("natlab-question").Text(pr.Lesson),
				)
			}),
		),
		app.P().Body(
			app.Text("Scenario: "),
			app.Strong().DataSet("field", "scenario-name").Text(p.lab.sc.Name),
			app.If(p.presetID == "", app.Span().Class("natlab-muted").Text(" (changed: the whole scenario is in the link)")),
		),
	)
}

func svg(tag string) app.HTMLElem { return ui.SVG(tag) }

func (p *page) renderPicture() app.UI {
	t := p.view.Topo
	return app.Section().Class("natlab-picture").Aria("labelledby", "natlab-picture-title").DataSet("fit", t.Fit).Body(
		app.H2().ID("natlab-picture-title").Text("The network"),
		app.If(len(t.Nodes) > 0, app.Ul().Class("natlab-tree").Aria("label", t.Label).DataSet("field", "topology-list").Body(
			renderTreeNode(t, 0),
		)),
		app.Div().Class("natlab-topo").Body(
			svg("svg").Attr("viewBox", "0 0 "+strconv.Itoa(t.Width)+" "+strconv.Itoa(t.Height)).
				Attr("width", t.Width).Attr("height", t.Height).
				Attr("role", "img").Aria("label", t.Label).DataSet("field", "topology").Body(
				app.Range(t.Edges).Slice(func(i int) app.UI {
					e := t.Edges[i]
					return svg("line").Attr("x1", e.X1).Attr("y1", e.Y1).Attr("x2", e.X2).Attr("y2", e.Y2).
						DataSet("role", "link").DataSet("on-path", e.OnPath)
				}),
				app.Range(t.Nodes).Slice(func(i int) app.UI {
					return &pictureNode{Node: t.Nodes[i]}
				}),
			),
		),
		app.P().Class("natlab-legend").Text("A thick dashed outline and a numbered ▶ badge mark the packet's path in the step shown; the numbers give the order of the hops."),
	)
}

// renderTreeNode draws node i and the nodes under it as nested lists: the
// picture on a screen too narrow for the drawing (natlab.css shows one or
// the other by the width it has, see topoView.Fit). Its text is the page's
// own size, and it marks the packet's path as the drawing does.
func renderTreeNode(t topoView, i int) app.UI {
	n := t.Nodes[i]
	var sub app.UI
	if len(n.children) > 0 {
		sub = app.Ul().Body(app.Range(n.children).Slice(func(j int) app.UI { return renderTreeNode(t, n.children[j]) }))
	}
	return app.Li().Body(
		app.Div().Class("lab-tree-node").DataSet("role", n.Kind).DataSet("on-path", n.OnPath).DataSet("node", n.Name).Body(
			app.If(n.Order != "", app.Span().Class("lab-path-badge").Text("▶"+n.Order)),
			app.Range(n.Lines).Slice(func(j int) app.UI {
				if j == 0 {
					return app.Strong().Text(n.Lines[j])
				}
				return app.Span().Class("lab-tree-line").Text(n.Lines[j])
			}),
		),
		sub,
	)
}

// pictureNode is one box of the picture. As a component it is rendered
// again only when the box changes, which most do not from step to step.
type pictureNode struct {
	app.Compo
	Node topoNode
}

func (c *pictureNode) Render() app.UI {
	n := c.Node
	return svg("g").DataSet("role", n.Kind).DataSet("on-path", n.OnPath).DataSet("node", n.Name).Body(
		svg("rect").Attr("x", n.X).Attr("y", n.Y).Attr("width", topoBoxW).Attr("height", topoBoxH).Attr("rx", 6),
		app.Range(n.Lines).Slice(func(j int) app.UI {
			t := svg("text").Attr("x", n.X+8).Attr("y", n.Y+18+j*17).Attr("font-size", 13)
			if j == 0 {
				t = t.Attr("font-weight", "bold")
			}
			return t.Text(n.Lines[j])
		}),
		app.If(n.Order != "",
			svg("text").Attr("x", n.X+topoBoxW-6).Attr("y", n.Y+16).Attr("text-anchor", "end").Attr("font-size", 13).
				DataSet("role", "badge").Text("▶"+n.Order)),
	)
}

func (p *page) renderSteps() app.UI {
	v := p.view.Step
	total := v.Total
	return app.Section().Class("natlab-steps").Aria("labelledby", "natlab-steps-title").Body(
		app.H2().ID("natlab-steps-title").Text("Step by step"),
		ui.StepControls("natlab", p,
			app.Button().Type("button").Class("button lab-step-button").DataSet("action", "play").
				Aria("pressed", p.playing).Disabled(total == 0).OnClick(p.onPlay).Body(playLabel(p.playing)...),
		),
		app.Div().Class("result natlab-status").Aria("live", "polite").Body(
			app.P().Body(
				app.Text("Step "), app.Strong().DataSet("field", "step").Text(strconv.Itoa(v.Step)),
				app.Text(" of "), app.Span().DataSet("field", "steps").Text(strconv.Itoa(total)),
				app.Text(" · clock "), app.Span().DataSet("field", "clock").Text(v.Clock),
			),
			app.If(v.Describe != "", app.P().Body(app.Text("Action: "), app.Span().DataSet("field", "action").Text(v.Describe))),
			app.Dl().Class("facts").Body(
				outcomeFact(v),
				ui.Fact("Delivered to", "delivered-to", v.DeliveredTo),
			),
			app.P().DataSet("field", "summary").Text(v.Summary),
		),
		app.If(len(v.Events) > 0,
			app.Ol().Class("natlab-trace").Aria("label", "What happened, hop by hop").Body(
				app.Range(v.Events).Slice(func(i int) app.UI { return renderEvent(v.Events[i]) }),
			),
		),
	)
}

// playLabel returns the play button's icon and words.
func playLabel(playing bool) []app.UI {
	if playing {
		return []app.UI{ui.Icon("pause"), app.Span().Text("Pause")}
	}
	return []app.UI{ui.Icon("play"), app.Span().Text("Play")}
}

func outcomeFact(v stepView) app.UI {
	cls := "natlab-outcome"
	mark := ""
	switch {
	case v.Drop:
		cls += " natlab-drop"
		mark = "✗ "
	case v.Outcome == "delivered":
		cls += " natlab-ok"
		mark = "✓ "
	}
	return app.Div().Class("fact").Body(
		app.Dt().Text("Outcome"),
		app.Dd().Class(cls).Body(
			app.Span().Aria("hidden", true).Text(mark),
			app.Code().DataSet("field", "outcome").Text(v.Outcome),
		),
	)
}

// renderEvent shows one hop of the trace. Its markup keeps one shape
// whatever the event: an empty block stands where an event without a
// packet would have its header table, and the rewrite marker is empty when
// a field kept its value. From one step to the next the page then changes
// texts and attributes in place rather than building and removing
// elements, which keeps a step within a frame.
func renderEvent(e eventView) app.UI {
	cls := "natlab-event"
	if e.Drop {
		cls += " natlab-drop"
	}
	return app.Li().Class(cls).DataSet("field", "trace-event").DataSet("decision", e.Decision).Body(
		app.P().Class("natlab-event-head").Body(
			app.Strong().DataSet("field", "event-node").Text(e.Node),
			app.Text(" — "),
			app.Code().DataSet("field", "decision").Text(e.Decision),
		),
		renderHeaders(e),
		app.P().DataSet("field", "reason").Text(e.Reason),
	)
}

func renderHeaders(e eventView) app.UI {
	row := func(label string, h headerView, marks bool) app.UI {
		return app.Tr().Body(
			app.Th().Scope("row").Text(label),
			app.Td().Body(app.Code().Text(h.Proto)),
			app.Range(h.Fields[:]).Slice(func(i int) app.UI {
				f := h.Fields[i]
				changed := marks && f.Changed
				td := app.Td().DataSet("header", f.Name)
				marker := ""
				if changed {
					td = td.Class("natlab-changed").DataSet("field", "rewritten")
					marker = " ✎ rewritten"
				}
				return td.Body(
					app.Code().Text(f.Value),
					app.Span().Class("natlab-marker").Text(marker),
				)
			}),
		)
	}
	label := "After"
	if !e.Rewrote {
		label = "After (unchanged)"
	}
	if !e.HasPacket {
		return app.Div()
	}
	return ui.ScrollRegion("Packet header at " + e.Node).Body(
		app.Table().Class("rows natlab-headers").Body(
			app.Caption().Text("Packet header at "+e.Node),
			app.THead().Body(app.Tr().Body(
				app.Td(),
				app.Th().Scope("col").Text("protocol"),
				app.Range(e.Before.Fields[:]).Slice(func(i int) app.UI {
					return app.Th().Scope("col").Text(e.Before.Fields[i].Label)
				}),
			)),
			app.TBody().Body(
				row("Before", e.Before, false),
				row(label, e.After, true),
			),
		),
	)
}

// tableRow is one row of the translation table. As a component it is
// rendered again only when the row changes: a step changes a few rows.
type tableRow struct {
	app.Compo
	Row rowView
}

func (c *tableRow) Render() app.UI {
	r := c.Row
	return app.Tr().DataSet("field", "nat-row").DataSet("static", r.Static).Body(
		app.Td().DataSet("field", "nat-router").Text(r.NAT),
		app.Td().DataSet("field", "nat-proto").Text(r.Proto),
		app.Td().Body(app.Code().DataSet("field", "nat-inside").Text(r.Inside)),
		app.Td().Body(app.Code().DataSet("field", "nat-outside").Text(r.Outside)),
		app.Td().DataSet("field", "nat-remote").Text(r.Remote),
		app.Td().DataSet("field", "nat-peers").Text(r.Peers),
		app.Td().DataSet("field", "nat-state").Text(r.State),
		app.Td().DataSet("field", "nat-age").Text(r.Age),
		app.Td().DataSet("field", "nat-expires").Text(r.Expires),
	)
}

func (p *page) renderTable() app.UI {
	t := p.view.Table
	return app.Section().Class("natlab-table").Aria("labelledby", "natlab-table-title").Body(
		app.H2().ID("natlab-table-title").Text("Translation table"),
		app.P().Class("natlab-muted").Text("Port-forwarding rules first, then live mappings, oldest first. "+
			"The remote column shows what the mapping is keyed on; “filter admits” shows who may send in through it."),
		app.If(t.Total == 0, app.P().DataSet("field", "nat-empty").Text("The table is empty: no device has sent anything out yet and no port is forwarded.")).
			Else(
				ui.ScrollRegion("Translation table").Body(
					app.Table().Class("rows").Body(
						app.Caption().Text("Translation table after step "+strconv.Itoa(p.lab.at)+" — rows "+strconv.Itoa(t.First)+" to "+strconv.Itoa(t.Last)+" of "+strconv.Itoa(t.Total)),
						app.THead().Body(app.Tr().Body(
							app.Th().Scope("col").Text("NAT"),
							app.Th().Scope("col").Text("Protocol"),
							app.Th().Scope("col").Text("Inside IP:port"),
							app.Th().Scope("col").Text("Outside IP:port"),
							app.Th().Scope("col").Text("Remote"),
							app.Th().Scope("col").Text("Filter admits"),
							app.Th().Scope("col").Text("State"),
							app.Th().Scope("col").Text("Age"),
							app.Th().Scope("col").Text("Expires"),
						)),
						app.TBody().Body(
							app.Range(t.Rows).Slice(func(i int) app.UI {
								return &tableRow{Row: t.Rows[i]}
							}),
						),
					),
				),
				app.If(t.Pages > 1,
					app.Div().Class("natlab-pager").Role("group").Aria("label", "Table pages").Body(
						app.Button().Type("button").Class("button button-secondary").Disabled(t.Page == 0).
							OnClick(p.onTablePage(-1)).Text("Previous rows"),
						app.Span().DataSet("field", "nat-page").Text(" page "+strconv.Itoa(t.Page+1)+" of "+strconv.Itoa(t.Pages)+" "),
						app.Button().Type("button").Class("button button-secondary").Disabled(t.Page >= t.Pages-1).
							OnClick(p.onTablePage(1)).Text("Next rows"),
					)),
			),
	)
}

// field renders a labelled input with its message below it.
func (p *page) field(name, label string, input app.HTMLInput) app.UI {
	id := fieldID(name)
	msg := p.errs[name]
	return app.Div().Class("field natlab-field").Body(
		app.Label().For(id).Text(label),
		input.ID(id).Name(name).Aria("invalid", msg != "").Aria("describedby", id+"-message"),
		app.P().ID(id+"-message").Class("field-message").Body(
			app.If(msg != "", app.Span().Class("error").DataSet("field", "error").DataSet("for", name).Text(msg)),
		),
	)
}

// choice renders a labelled select.
func (p *page) choice(name, label, value string, options []string, onChange app.EventHandler) app.UI {
	id := fieldID(name)
	msg := p.errs[name]
	return app.Div().Class("field natlab-field").Body(
		app.Label().For(id).Text(label),
		app.Select().ID(id).Name(name).Aria("invalid", msg != "").Aria("describedby", id+"-message").OnChange(onChange, name).Body(
			app.Range(options).Slice(func(i int) app.UI {
				return app.Option().Value(options[i]).Selected(options[i] == value).Text(optionLabel(options[i]))
			}),
		),
		app.P().ID(id+"-message").Class("field-message").Body(
			app.If(msg != "", app.Span().Class("error").DataSet("field", "error").DataSet("for", name).Text(msg)),
		),
	)
}

func optionLabel(s string) string {
	if s == "" {
		return "the internet"
	}
	return s
}

// fieldID turns an input name such as devices[0].addr into an id.
func fieldID(name string) string {
	b := []byte("natlab-")
	for _, c := range []byte(name) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-':
			b = append(b, c)
		default:
			b = append(b, '-')
		}
	}
	return string(b)
}

func (p *page) textInput(name string) app.HTMLInput {
	return app.Input().Type("text").Value(p.form[name]).AutoComplete(false).
		Attr("spellcheck", "false").OnInput(p.onFormInput(name))
}

func (p *page) renderActions() app.UI {
	sc := p.lab.sc
	protos := []string{"tcp", "udp", "icmp"}
	formErr := func(action string) app.UI {
		return app.If(p.errs[action] != "", app.P().Class("error").DataSet("field", "error").DataSet("for", action).Text(p.errs[action]))
	}
	natNames := []string{}
	for _, n := range sc.NATs {
		natNames = append(natNames, n.Name)
	}
	return app.Section().Class("natlab-actions").Aria("labelledby", "natlab-actions-title").Body(
		app.H2().ID("natlab-actions-title").Text("Actions"),
		app.P().Class("natlab-muted").Text("Each action is added as a new step after the last one, and the lab jumps there."),
		app.FieldSet().Disabled(p.IsReadonly()).Class("natlab-forms").Body(
			app.Form().Class("natlab-form").OnSubmit(p.onAction("send")).Body(
				app.H3().Text("A device sends"),
				p.choice("send-from", "From", p.form["send-from"], deviceNames(sc), p.onFormInput("send-from")),
				p.choice("send-proto", "Protocol", p.form["send-proto"], protos, p.onFormInput("send-proto")),
				p.field("send-port", "Source port (ICMP: echo identifier)", p.textInput("send-port").Attr("inputmode", "numeric")),
				p.field("send-to", "To IP:port", p.textInput("send-to")),
				formErr("send"),
				app.Button().Type("submit").Class("button").Text("Send"),
			),
			app.Form().Class("natlab-form").OnSubmit(p.onAction("reply")).Body(
				app.H3().Text("Someone replies"),
				p.choice("reply-from", "Who replies to the last packet it received", p.form["reply-from"], deviceNames(sc), p.onFormInput("reply-from")),
				formErr("reply"),
				app.Button().Type("submit").Class("button").Text("Reply"),
			),
			app.Form().Class("natlab-form").OnSubmit(p.onAction("in")).Body(
				app.H3().Text("Someone on the internet tries to connect in"),
				p.choice("in-from", "From", p.form["in-from"], internetDevices(sc), p.onFormInput("in-from")),
				p.choice("in-proto", "Protocol", p.form["in-proto"], protos, p.onFormInput("in-proto")),
				p.field("in-port", "Source port", p.textInput("in-port").Attr("inputmode", "numeric")),
				p.field("in-to", "To public IP:port", p.textInput("in-to")),
				formErr("in"),
				app.Button().Type("submit").Class("button").Text("Connect in"),
			),
			app.Form().Class("natlab-form").OnSubmit(p.onAction("advance")).Body(
				app.H3().Text("Time passes"),
				p.field("advance-by", "Advance the clock by", p.textInput("advance-by")),
				formErr("advance"),
				app.Button().Type("submit").Class("button").Text("Advance"),
			),
			app.If(len(natNames) > 0,
				app.Form().Class("natlab-form").OnSubmit(p.onAction("fwd")).Body(
					app.H3().Text("Add a port-forwarding rule"),
					p.choice("fwd-nat", "On router", p.form["fwd-nat"], natNames, p.onFormInput("fwd-nat")),
					p.choice("fwd-proto", "Protocol", p.form["fwd-proto"], []string{"tcp", "udp"}, p.onFormInput("fwd-proto")),
					p.field("fwd-port", "Public port", p.textInput("fwd-port").Attr("inputmode", "numeric")),
					p.field("fwd-to", "To inside IP:port", p.textInput("fwd-to")),
					formErr("fwd"),
					app.Button().Type("submit").Class("button").Text("Add rule"),
				)),
		),
	)
}

// manyDevices is the number of devices above which the sections out of
// view are left unpainted until they scroll near (natlab.css): a step then
// costs only what is in view. Smaller scenarios lay out everything, so that
// every control has its real place.
const manyDevices = 30

func (p *page) renderDevices() app.UI {
	sc := p.lab.sc
	networks := []string{""}
	for _, n := range sc.NATs {
		networks = append(networks, n.Name)
	}
	pages := max(1, (len(sc.Devices)+devicePageSize-1)/devicePageSize)
	page := min(p.devicePage, pages-1)
	lo, hi := page*devicePageSize, min((page+1)*devicePageSize, len(sc.Devices))
	idx := make([]int, 0, hi-lo)
	for i := lo; i < hi; i++ {
		idx = append(idx, i)
	}
	value := func(i int, field, current string) string {
		if d, ok := p.drafts[deviceField(i, field)]; ok {
			return d
		}
		return current
	}
	return app.Section().Class("natlab-devices").Aria("labelledby", "natlab-devices-title").Body(
		app.H2().ID("natlab-devices-title").Text("Devices"),
		app.P().Class("natlab-muted").Text("Rename, readdress or move a device; removing one removes the steps it takes. "+
			"A change that does not fit the network is explained at its field and not applied."),
		app.FieldSet().Disabled(p.IsReadonly()).Class("natlab-device-list").Body(
			app.Legend().Text("Devices "+strconv.Itoa(lo+1)+" to "+strconv.Itoa(hi)+" of "+strconv.Itoa(len(sc.Devices))),
			app.Range(idx).Slice(func(k int) app.UI {
				i := idx[k]
				d := sc.Devices[i]
				return app.Div().Class("natlab-device").DataSet("field", "device").Body(
					p.field(deviceField(i, "name"), "Name", app.Input().Type("text").Value(value(i, "name", d.Name)).
						AutoComplete(false).Attr("spellcheck", "false").OnInput(p.onDeviceInput(i, "name"), i)),
					p.choice(deviceField(i, "behind"), "Network of "+d.Name, value(i, "behind", d.Behind), networks, p.onDeviceInput(i, "behind")),
					p.field(deviceField(i, "addr"), "Address of "+d.Name, app.Input().Type("text").Value(value(i, "addr", d.Addr.String())).
						AutoComplete(false).Attr("spellcheck", "false").OnInput(p.onDeviceInput(i, "addr"), i)),
					app.Button().Type("button").Class("button button-secondary").Aria("label", "Remove "+d.Name).
						OnClick(p.onRemoveDevice(i), i).Text("Remove"),
				)
			}),
			app.If(pages > 1,
				app.Div().Class("natlab-pager").Role("group").Aria("label", "Device pages").Body(
					app.Button().Type("button").Class("button button-secondary").Disabled(page == 0).OnClick(p.onDevicePage(-1)).Text("Previous devices"),
					app.Span().Text(" page "+strconv.Itoa(page+1)+" of "+strconv.Itoa(pages)+" "),
					app.Button().Type("button").Class("button button-secondary").Disabled(page >= pages-1).OnClick(p.onDevicePage(1)).Text("Next devices"),
				)),
			app.Div().Class("natlab-add").Body(
				app.Range(sc.NATs).Slice(func(i int) app.UI {
					n := sc.NATs[i].Name
					return app.Button().Type("button").Class("button button-secondary").OnClick(p.onAddDevice(n), n).Text("Add a device behind " + n)
				}),
				app.Button().Type("button").Class("button button-secondary").OnClick(p.onAddDevice("")).Text("Add a server on the internet"),
				app.If(p.errs["add-device"] != "", app.P().Class("error").DataSet("field", "error").Text(p.errs["add-device"])),
			),
		),
	)
}

func (p *page) renderNATs() app.UI {
	sc := p.lab.sc
	behaviours := []string{nat.EndpointIndependentMapping.String(), nat.AddressDependentMapping.String(), nat.AddressAndPortDependentMapping.String()}
	ports := []string{nat.PortPreserve.String(), nat.PortSequential.String(), nat.PortRandom.String()}
	return app.Section().Class("natlab-nats").Aria("labelledby", "natlab-nats-title").Body(
		app.H2().ID("natlab-nats-title").Text("NAT behaviour and port forwarding"),
		app.Range(sc.NATs).Slice(func(i int) app.UI {
			n := sc.NATs[i]
			b := n.Behavior
			val := func(field, current string) string {
				if d, ok := p.drafts[natField(i, field)]; ok {
					return d
				}
				return current
			}
			dur := func(d time.Duration) string {
				if d == 0 {
					return ""
				}
				return formatDuration(d)
			}
			num := func(v uint16) string {
				if v == 0 {
					return ""
				}
				return strconv.Itoa(int(v))
			}
			where := "on the internet"
			if n.Behind != "" {
				where = "behind " + n.Behind
			}
			return app.FieldSet().Disabled(p.IsReadonly()).Class("natlab-nat").DataSet("field", "nat").Body(
				app.Legend().Text(n.Name+" ("+where+"; LAN "+n.LAN.String()+")"),
				p.choice(natField(i, "mapping"), "Mapping (RFC 4787 §4.1)", val("mapping", b.Mapping.String()), behaviours, p.onBehaviorInput(i, "mapping")),
				p.choice(natField(i, "filtering"), "Filtering (RFC 4787 §5)", val("filtering", b.Filtering.String()), behaviours, p.onBehaviorInput(i, "filtering")),
				p.choice(natField(i, "ports"), "Port assignment", val("ports", b.Ports.String()), ports, p.onBehaviorInput(i, "ports")),
				app.Div().Class("field natlab-check").Body(
					app.Input().Type("checkbox").ID(fieldID(natField(i, "hairpin"))).Name(natField(i, "hairpin")).
						Checked(b.Hairpin).OnChange(p.onBehaviorInput(i, "hairpin"), i),
					app.Label().For(fieldID(natField(i, "hairpin"))).Text(" Hairpinning: loop packets to its own public address back into the LAN"),
				),
				p.field(natField(i, "udpTimeout"), "UDP timeout (default 5m; RFC 4787: at least 2m)",
					app.Input().Type("text").Value(val("udpTimeout", dur(b.UDPTimeout))).Placeholder("5m").OnInput(p.onBehaviorInput(i, "udpTimeout"), i)),
				p.field(natField(i, "tcpTimeout"), "TCP established timeout (default 2h4m, RFC 5382)",
					app.Input().Type("text").Value(val("tcpTimeout", dur(b.TCPTimeout))).Placeholder("2h4m").OnInput(p.onBehaviorInput(i, "tcpTimeout"), i)),
				p.field(natField(i, "portMin"), "First public port of the pool (default 1024)",
					app.Input().Type("text").Value(val("portMin", num(b.PortMin))).Placeholder("1024").Attr("inputmode", "numeric").OnInput(p.onBehaviorInput(i, "portMin"), i)),
				p.field(natField(i, "portMax"), "Last public port of the pool (default 65535)",
					app.Input().Type("text").Value(val("portMax", num(b.PortMax))).Placeholder("65535").Attr("inputmode", "numeric").OnInput(p.onBehaviorInput(i, "portMax"), i)),
				app.H3().Text("Port forwarding on "+n.Name),
				app.If(len(n.Forwards) == 0, app.P().Class("natlab-muted").Text("No rules. Add one with the action above.")).Else(
					app.Ul().Class("natlab-rules").Body(
						app.Range(n.Forwards).Slice(func(j int) app.UI {
							r := n.Forwards[j]
							pub := r.Addr
							if !pub.IsValid() && len(n.WAN) > 0 {
								pub = n.WAN[0]
							}
							text := r.Proto.String() + " " + pub.String() + ":" + strconv.Itoa(int(r.Port)) + " → " + r.To.String()
							return app.Li().DataSet("field", "forward-rule").Body(
								app.Code().Text(text), app.Text(" "),
								app.Button().Type("button").Class("button button-secondary").Aria("label", "Remove rule "+text).
									OnClick(p.onRemoveForward(i, j), i, j).Text("Remove"),
							)
						}),
					)),
			)
		}),
	)
}

// staticSections renders what no step or edit changes: the hole-punching
// matrix and the explanations. A child component without exported fields
// is rendered once, so stepping through a big scenario does not diff them.
type staticSections struct {
	app.Compo
	punch punchView
}

func (s *staticSections) Render() app.UI {
	return app.Div().Body(s.renderPunch(), renderWhy())
}

func (s *staticSections) renderPunch() app.UI {
	m := s.punch
	return app.Section().Class("natlab-punch").Aria("labelledby", "natlab-punch-title").Body(
		app.H2().ID("natlab-punch-title").Text("Hole punching: which pairs of NATs let two peers talk directly"),
		app.P().Text("Alice and Bob each ask a STUN-like server which public endpoint their NAT gave them, then send to each other at the same time (RFC 5128 §3.3). "+
			"EIM, ADM and APDM are the mapping behaviours (endpoint-independent, address-dependent, address-and-port-dependent); EIF, ADF and APDF the filtering ones. "+
			"Computed by the simulator: "+strconv.Itoa(m.Works)+" of 81 pairs work."),
		ui.ScrollRegion("Hole-punching matrix").Body(
			app.Table().Class("rows natlab-matrix").Body(
				app.Caption().Text("Hole punching outcome: rows are Alice's NAT, columns Bob's"),
				app.THead().Body(app.Tr().Body(
					app.Th().Scope("col").Text("Alice \\ Bob"),
					app.Range(m.Types).Slice(func(j int) app.UI { return app.Th().Scope("col").Text(m.Types[j]) }),
				)),
				app.TBody().Body(
					app.Range(m.Types).Slice(func(i int) app.UI {
						return app.Tr().Body(
							app.Th().Scope("row").Text(m.Types[i]),
							app.Range(m.Types).Slice(func(j int) app.UI {
								c := m.Cells[i][j]
								return app.Td().Class("natlab-punch-"+c.Result).DataSet("field", "punch-cell").
									DataSet("alice", m.Types[i]).DataSet("bob", m.Types[j]).Text(c.Label)
							}),
						)
					}),
				),
			),
		),
		app.P().Text("The pattern: when both NATs map endpoint-independently (EIM), each peer's packet leaves from the port the server saw, "+
			"so the other side's packet is aimed at a real mapping and the first packet out opens the filter for the answer. "+
			"When one side maps per destination (ADM or APDM, a \"symmetric\" NAT), its packet to the peer gets a new public port that nobody learned, "+
			"so it works only if the other side lets anyone in (EIF) or can answer the packet that arrived. Two symmetric NATs need a relay (TURN)."),
	)
}

func renderWhy() app.UI {
	return app.Details().Class("why").Body(
		app.Summary().Text("Why? Mappings, filters and why nothing can reach you"),
		app.P().Text("A home router has one public address and many devices behind it. When a device sends out, the router rewrites the source to its public address "+
			"and a public port, and remembers the pair in its translation table (a mapping). A reply comes back to that public port, the router looks it up, "+
			"rewrites the destination to the device and passes it in."),
		app.P().Text("A packet that arrives on a port no mapping holds cannot be delivered: the router does not know which device it is for. That is why nobody can "+
			"connect to your laptop from the internet unless you forward a port. Filtering (RFC 4787 §5) goes further: even when a mapping exists, "+
			"a strict router only lets in packets from the address and port the device talked to."),
		app.P().Text("Mappings expire when idle (UDP after at least 2 minutes per RFC 4787, established TCP after at least 2 hours 4 minutes per RFC 5382); "+
			"a carrier-grade NAT (RFC 6598, 100.64.0.0/10) adds a second layer, so a port forward on the home router alone no longer makes a server reachable."),
	)
}
