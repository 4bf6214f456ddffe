// Package k8slab is the Kubernetes lab page: pods whose addresses change,
// Services that stay, and the cluster's address ranges.
package k8slab

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/k8s"
	"github.com/netground/netground/wasm/ui"
)

// New returns the page component, for /k8s and its embed page.
func New() app.Composer {
	p := &page{}
	p.Init(spec, &p.Base, p.show)
	return p
}

// labPage is the lab's life cycle and state, embedded unexported (see
// ui.LabPage).
type labPage = ui.LabPage[k8s.Scenario, k8s.Action]

// page is the Kubernetes lab. Its state is a k8s.Scenario in a ui.Lab.
type page struct {
	app.Compo
	ui.Base
	labPage

	view view

	connect k8s.ConnectInput
	scale   k8s.ScaleInput
	network networkForm
}

// show computes what the page shows for s at step and fits the forms to it.
func (p *page) show(s k8s.Scenario, step int, input string) {
	p.Protect(input, func() { p.view = buildView(s, step) })
	if !ui.HasOption(p.view.Froms, p.connect.From) && len(p.view.Froms) > 0 {
		p.connect.From = p.view.Froms[0].Value
	}
	if p.connect.To == "" && len(p.view.Targets) > 0 {
		p.connect.To = p.view.Targets[0].Value
	}
	if !ui.HasOption(p.view.Deployments, p.scale.Deployment) {
		p.scale.Deployment = ""
		if len(p.view.Deployments) > 0 {
			p.scale.Deployment = p.view.Deployments[0].Value
		}
	}
	if p.scale.Replicas == "" {
		p.scale.Replicas = "3"
	}
}

func (p *page) onConnect(ctx app.Context, e app.Event) {
	ui.Submit(&p.Lab, ctx, e, "connect", p.connect.Action)
}

func (p *page) onScale(ctx app.Context, e app.Event) {
	ui.Submit(&p.Lab, ctx, e, "scale", p.scale.Action)
}

func (p *page) onPod(do k8s.Kind, pod string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { p.Lab.Apply(ctx, k8s.Action{Do: do, Pod: pod}, "pods") }
}

func (p *page) onUndo(ctx app.Context, e app.Event) { p.Lab.Undo(ctx) }

// onAddNetwork adds the form's network to the scenario, on the step shown.
func (p *page) onAddNetwork(ctx app.Context, e app.Event) {
	e.PreventDefault()
	next, er := p.network.add(p.Lab.Scen)
	if len(er) > 0 {
		p.Lab.Errs = er
		return
	}
	p.network.Prefix = ""
	p.setScenario(ctx, next)
}

func (p *page) onRemoveNetwork(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) { p.setScenario(ctx, p.Lab.Scen.RemoveNetwork(i)) }
}

// setScenario shows next, the scenario with its networks changed, on the
// step shown, and writes the link in place.
func (p *page) setScenario(ctx app.Context, next k8s.Scenario) {
	p.Lab.Errs = nil
	p.Lab.Set(next, "", p.Lab.Step)
	p.Lab.WriteLink(ctx, false)
}

func (p *page) onPreset(name string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		// Every preset button names a preset: the connect form starts over.
		p.connect.To = ""
		p.Lab.OpenPreset(ctx, name)
	}
}

func (p *page) Render() app.UI {
	v := p.view
	return p.Lab.Frame("k8slab", "Kubernetes lab", "A cluster whose pods come and go: restart, delete and scale them, connect by pod IP, ClusterIP, Service name or NodePort, "+
		"and see which addresses last. The cluster's ranges are checked for overlaps and capacity.", p.onPreset, v.Err, func() app.UI { return p.renderResults(v) })
}

func (p *page) renderResults(v view) app.UI {
	return app.Div().Body(
		p.renderLatest(v),
		ui.StepControls("k8slab", &p.Lab, nil),
		ui.LabStory("k8slab", p.Lab.PresetStory(), v.Step),
		ui.LabFigure("k8slab", v.Picture, v.Summary),
		p.renderForms(v),
		p.renderPods(v),
		p.renderServices(v),
		p.renderNodes(v),
		p.renderSteps(v),
		p.renderWhy(),
	)
}

func (p *page) renderLatest(v view) app.UI {
	l := v.Latest
	return app.Div().Class("result").Aria("live", "polite").Body(
		ui.LabStepStatus(v.Step, len(v.Steps)),
		app.Div().Class("verdict verdict-"+l.Tone).Body(
			app.P().Body(
				app.Strong().DataSet("field", "verdict").Text(l.Verdict),
				app.Text(" — "),
				app.Span().DataSet("field", "latest-action").Text(l.Action),
			),
			app.Ol().Class("k8slab-reasons").Body(
				app.Range(l.Reasons).Slice(func(i int) app.UI {
					return app.Li().DataSet("field", "reason").Text(l.Reasons[i])
				}),
			),
		),
	)
}

func (p *page) renderForms(v view) app.UI {
	ro := p.IsReadonly()
	return app.Div().Body(
		app.H2().Text("Try it"),
		app.Div().Class("k8slab-forms").Body(
			app.Form().Class("k8slab-form").OnSubmit(p.onConnect).Body(
				app.FieldSet().Disabled(ro).Body(
					app.Legend().Text("Connect"),
					p.Lab.Select("k8slab", "connect-from", "From", p.connect.From, v.Froms, ui.StoreValue(&p.connect.From)),
					app.Div().Class("field k8slab-field").Body(
						app.Label().For("k8slab-connect-to").Text("To (HOST:PORT: a pod IP, a ClusterIP, a Service name or a node's NodePort)"),
						app.Input().Type("text").ID("k8slab-connect-to").Name("connect-to").Value(p.connect.To).List("k8slab-targets").
							AutoComplete(false).Attr("spellcheck", "false").Attr("autocapitalize", "off").
							Aria("invalid", p.Lab.Errs["connect-to"] != "").Aria("describedby", "connect-to-error").
							OnChange(ui.StoreValue(&p.connect.To)).OnInput(ui.StoreValue(&p.connect.To)),
						app.DataList().ID("k8slab-targets").Body(
							app.Range(v.Targets).Slice(func(i int) app.UI {
								return app.Option().Value(v.Targets[i].Value).Label(ui.SafeAttr(v.Targets[i].Label))
							}),
						),
						p.Lab.FieldError("connect-to"),
					),
					p.Lab.FormError("connect"),
					app.Button().Type("submit").Class("button").DataSet("action", "connect").Text("Connect"),
				),
			),
			app.If(len(v.Deployments) > 0, app.Form().Class("k8slab-form").OnSubmit(p.onScale).Body(
				app.FieldSet().Disabled(ro).Body(
					app.Legend().Text("Scale a deployment"),
					p.Lab.Select("k8slab", "scale-deployment", "Deployment", p.scale.Deployment, v.Deployments, ui.StoreValue(&p.scale.Deployment)),
					app.Div().Class("field k8slab-field").Body(
						app.Label().For("k8slab-scale-replicas").Text("Replicas"),
						app.Input().Type("text").ID("k8slab-scale-replicas").Name("scale-replicas").Value(p.scale.Replicas).
							Attr("inputmode", "numeric").AutoComplete(false).
							Aria("invalid", p.Lab.Errs["scale-replicas"] != "").Aria("describedby", "scale-replicas-error").
							OnChange(ui.StoreValue(&p.scale.Replicas)).OnInput(ui.StoreValue(&p.scale.Replicas)),
						p.Lab.FieldError("scale-replicas"),
					),
					p.Lab.FormError("scale"),
					app.Button().Type("submit").Class("button").DataSet("action", "scale").Text("Scale"),
				),
			)),
			app.Div().Class("k8slab-form").Body(
				p.Lab.FormError("pods"),
				app.P().Class("muted").Text("An action is added after the last step, and the lab jumps there."),
				app.Button().Type("button").Class("button button-secondary").DataSet("action", "undo").
					Disabled(ro || len(p.Lab.Scen.Actions) == 0).OnClick(p.onUndo).Text("Undo the last action"),
			),
		),
	)
}

func (p *page) renderPods(v view) app.UI {
	ro := p.IsReadonly()
	return app.Div().Body(
		app.H2().Text("Pods"),
		app.If(len(v.Pods) == 0, app.P().DataSet("field", "no-pods").Text("No pod runs.")),
		app.If(len(v.Pods) > 0, ui.ScrollRegion("Pods").Body(app.Table().Class("rows").Body(
			app.Caption().Text("Pods at step "+strconv.Itoa(v.Step)+", oldest first"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Pod"),
				app.Th().Scope("col").Text("Deployment"),
				app.Th().Scope("col").Text("Node"),
				app.Th().Scope("col").Text("Pod IP"),
				app.Th().Scope("col").Text("Ready"),
				app.Th().Scope("col").Text("Actions"),
			)),
			app.TBody().Body(
				app.Range(v.Pods).Slice(func(i int) app.UI {
					r := v.Pods[i]
					readyDo, readyText := k8s.Unready, "Fail readiness"
					if !r.IsReady {
						readyDo, readyText = k8s.Ready, "Make ready"
					}
					return app.Tr().DataSet("field", "pod-row").Body(
						app.Td().DataSet("field", "pod-name").Text(r.Name),
						app.Td().Text(r.Deployment),
						app.Td().DataSet("field", "pod-node").Text(r.Node),
						app.Td().Body(app.Code().DataSet("field", "pod-ip").Text(r.IP)),
						app.Td().DataSet("field", "pod-ready").Text(r.Ready),
						app.Td().Body(app.Div().Class("k8slab-buttons").Body(
							app.Button().Type("button").Class("button button-secondary").Disabled(ro).DataSet("action", "restart-pod").
								Aria("label", ui.SafeAttr("Restart pod "+r.Name)).OnClick(p.onPod(k8s.RestartPod, r.Name)).Text("Restart"),
							app.Button().Type("button").Class("button button-secondary").Disabled(ro).DataSet("action", "delete-pod").
								Aria("label", ui.SafeAttr("Delete pod "+r.Name)).OnClick(p.onPod(k8s.DeletePod, r.Name)).Text("Delete"),
							app.If(r.Running, app.Button().Type("button").Class("button button-secondary").Disabled(ro).DataSet("action", "readiness").
								Aria("label", ui.SafeAttr(readyText+": pod "+r.Name)).OnClick(p.onPod(readyDo, r.Name)).Text(readyText)),
						)),
					)
				}),
			),
		))),
	)
}

func (p *page) renderServices(v view) app.UI {
	return app.Div().Body(
		app.H2().Text("Services"),
		app.If(len(v.Services) == 0, app.P().DataSet("field", "no-services").Text("No Service: clients can only use pod addresses, which change.")),
		app.If(len(v.Services) > 0, ui.ScrollRegion("Services").Body(app.Table().Class("rows").Body(
			app.Caption().Text("Services, their stable addresses and their endpoints now"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Service"),
				app.Th().Scope("col").Text("DNS name"),
				app.Th().Scope("col").Text("ClusterIP"),
				app.Th().Scope("col").Text("Port"),
				app.Th().Scope("col").Text("NodePort"),
				app.Th().Scope("col").Text("Endpoints (ready pods)"),
			)),
			app.TBody().Body(
				app.Range(v.Services).Slice(func(i int) app.UI {
					r := v.Services[i]
					return app.Tr().DataSet("field", "service-row").Body(
						app.Td().DataSet("field", "service-name").Text(r.Name),
						app.Td().Body(app.Code().DataSet("field", "dns-name").Text(r.DNS)),
						app.Td().Body(app.Code().DataSet("field", "cluster-ip").Text(r.ClusterIP)),
						app.Td().DataSet("field", "service-port").Text(r.Port),
						app.Td().DataSet("field", "node-port").Text(r.NodePort),
						app.Td().Body(
							app.If(len(r.Endpoints) == 0, app.Span().DataSet("field", "no-endpoints").Text("none: connections are refused")),
							app.Ul().Class("k8slab-endpoints").Body(
								app.Range(r.Endpoints).Slice(func(j int) app.UI {
									return app.Li().Body(app.Code().DataSet("field", "endpoint").Text(r.Endpoints[j]))
								}),
							),
						),
					)
				}),
			),
		))),
	)
}

func (p *page) renderNodes(v view) app.UI {
	return app.Div().Body(
		app.H2().Text("Nodes and address ranges"),
		ui.ScrollRegion("Nodes and address ranges").Body(app.Table().Class("rows").Body(
			app.Caption().Text("Nodes, their addresses on the LAN and the pod CIDR each got"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Node"),
				app.Th().Scope("col").Text("Address"),
				app.Th().Scope("col").Text("Pod CIDR"),
				app.Th().Scope("col").Text("Pods"),
			)),
			app.TBody().Body(
				app.Range(v.Nodes).Slice(func(i int) app.UI {
					r := v.Nodes[i]
					return app.Tr().DataSet("field", "node-row").Body(
						app.Td().DataSet("field", "node-name").Text(r.Name),
						app.Td().Body(app.Code().DataSet("field", "node-addr").Text(r.Addr)),
						app.Td().Body(app.Code().DataSet("field", "pod-cidr").Text(r.PodCIDR)),
						app.Td().DataSet("field", "node-pods").Text(r.Pods),
					)
				}),
			),
		)),
		p.renderNetworks(v),
		app.H3().Text("Checks"),
		app.Ul().Class("k8slab-findings").Body(
			app.Range(v.Findings).Slice(func(i int) app.UI {
				f := v.Findings[i]
				return app.Li().Class("k8slab-finding k8slab-"+f.Severity).Body(
					app.Strong().DataSet("field", "finding-severity").Text(f.Severity+": "),
					app.Span().DataSet("field", "finding").Text(f.Message),
				)
			}),
		),
	)
}

// renderNetworks lists the other networks the checks compare with the
// cluster's ranges (a VPN, a cloud VPC, an office LAN) and the form that
// adds one.
func (p *page) renderNetworks(v view) app.UI {
	ro := p.IsReadonly()
	return app.Div().Class("k8slab-networks").Body(
		app.H3().Text("Other networks: VPN, VPC, office LAN"),
		app.If(len(v.Networks) == 0, app.P().DataSet("field", "no-networks").Text("None: add the ranges of your VPN or cloud network, and the checks say whether the cluster's ranges overlap them.")),
		app.Ul().Class("k8slab-network-list").Body(
			app.Range(v.Networks).Slice(func(i int) app.UI {
				r := v.Networks[i]
				return app.Li().DataSet("field", "network-row").Body(
					app.Span().DataSet("field", "network-name").Text(r.Name),
					app.Text(" "),
					app.Code().DataSet("field", "network-prefix").Text(r.Prefix),
					app.Text(" "),
					app.Button().Type("button").Class("button button-secondary").DataSet("action", "remove-network").
						Aria("label", "Remove network "+r.Name).Disabled(ro).OnClick(p.onRemoveNetwork(i)).Text("Remove"),
				)
			}),
		),
		app.Form().Class("k8slab-form").OnSubmit(p.onAddNetwork).Body(
			app.FieldSet().Disabled(ro).Body(
				app.Legend().Text("Add a network"),
				app.Div().Class("field k8slab-field").Body(
					app.Label().For("k8slab-add-network-name").Text("Name"),
					app.Input().Type("text").ID("k8slab-add-network-name").Name("add-network-name").Value(p.network.Name).Placeholder("vpn").
						AutoComplete(false).Attr("spellcheck", "false").
						Aria("invalid", p.Lab.Errs["add-network-name"] != "").Aria("describedby", "add-network-name-error").
						OnChange(ui.StoreValue(&p.network.Name)).OnInput(ui.StoreValue(&p.network.Name)),
					p.Lab.FieldError("add-network-name"),
				),
				app.Div().Class("field k8slab-field").Body(
					app.Label().For("k8slab-add-network-prefix").Text("Range (CIDR, such as 10.8.0.0/16)"),
					app.Input().Type("text").ID("k8slab-add-network-prefix").Name("add-network-prefix").Value(p.network.Prefix).Placeholder("10.8.0.0/16").
						AutoComplete(false).Attr("spellcheck", "false").Attr("autocapitalize", "off").
						Aria("invalid", p.Lab.Errs["add-network-prefix"] != "").Aria("describedby", "add-network-prefix-error").
						OnChange(ui.StoreValue(&p.network.Prefix)).OnInput(ui.StoreValue(&p.network.Prefix)),
					p.Lab.FieldError("add-network-prefix"),
				),
				p.Lab.FormError("network"),
				app.Button().Type("submit").Class("button").DataSet("action", "add-network").Text("Add the network"),
			),
		),
	)
}

func (p *page) renderSteps(v view) app.UI {
	all := append([]step{v.Setup}, v.Steps...)
	return ui.LabSteps("k8slab", "Starting the deployments (step 0), then each action in order", all, v.Step)
}

func (p *page) renderWhy() app.UI {
	return app.Div().Body(
		app.Details().Class("why").Body(
			app.Summary().Text("Why? Pod IPs versus Services"),
			app.P().Text("A pod's address belongs to that pod only. When it is deleted, restarted by a rollout, evicted or rescheduled, its replacement is a new pod with a new address, often on another node. "+
				"A client that saved a pod IP — in a config file, an environment variable, a connection pool — breaks."),
			app.P().Text("A Service gives the pods it selects a stable ClusterIP and a DNS name, name.namespace.svc.cluster.local. kube-proxy rewrites each connection to the ClusterIP into one ready pod's address (DNAT), "+
				"and the endpoints follow the pods as they come and go. Connect by the Service name, never by a pod IP."),
		),
		app.Details().Class("why").Body(
			app.Summary().Text("Why? ClusterIPs and pod IPs exist only inside the cluster"),
			app.P().Text("No machine answers for a ClusterIP: it lives in kube-proxy's rules on each node. Pod ranges are routed between nodes by the network plugin, not by the LAN. "+
				"From outside, use a NodePort (30000–32767, on every node's address), a LoadBalancer or an Ingress. Cluster DNS names resolve only through the cluster's DNS, which pods use."),
		),
		app.Details().Class("why").Body(
			app.Summary().Text("Why? Address ranges must not overlap, and must be large enough"),
			app.P().Text("The cluster CIDR is cut into one range per node (a /24 by default): a /16 holds 256 nodes, a /22 only four, and a node without a range runs no pods. "+
				"A pod or Service range that overlaps the LAN, a VPN or a cloud VPC makes those addresses ambiguous: packets meant for the office go to a pod, or the other way round."),
		),
	)
}
