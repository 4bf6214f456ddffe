package subnetui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
	"github.com/netground/netground/wasm/ui"
)

// defaultSubnet is shown when a link names no subnet.
const defaultSubnet = "192.168.1.0/24"

// subnetWidget is the Subnet calculator: every fact of a subnet, its bits,
// cloud reservations, and whether two hosts are neighbours. Its state lives
// in the URL parameters net, host, b, gw and cloud.
// New returns the widget, for its page and its embed page.
func New() app.Composer { return &subnetWidget{} }

type subnetWidget struct {
	app.Compo
	ui.Base

	state scenario.SubnetState
	view  subnetView
}

func (c *subnetWidget) OnPreRender(ctx app.Context) { c.load(ctx) }
func (c *subnetWidget) OnNav(ctx app.Context)       { c.load(ctx) }
func (c *subnetWidget) OnMount(ctx app.Context)     { c.FollowHistory(c.load) }
func (c *subnetWidget) OnDismount()                 { c.StopHistory() }

func (c *subnetWidget) load(ctx app.Context) {
	q := c.ReadLink(ctx, scenario.WidgetSubnet)
	state, problems := scenario.ParseSubnetState(q)
	c.AddProblems(problems...)
	if !q.Has("net") {
		state.Net = defaultSubnet
	}
	c.state = state
	c.Protect(c.state.Net, c.compute)
}

func (c *subnetWidget) compute() {
	s := c.state
	c.view = describeSubnet(s.Net, s.Host, s.Other, s.Gateway, s.Cloud)
}

// onField returns the handler of the text input that edits one field.
func (c *subnetWidget) onField(field *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*field = ctx.JSSrc().Get("value").String()
		c.Protect(c.state.Net, c.compute)
		c.WriteLink(ctx, c.state)
	}
}

func (c *subnetWidget) onCloud(ctx app.Context, e app.Event) {
	names := map[string]subnet.Cloud{"none": subnet.CloudNone, "aws": subnet.CloudAWS, "azure": subnet.CloudAzure, "gcp": subnet.CloudGCP}
	c.state.Cloud = names[ctx.JSSrc().Get("value").String()]
	c.Protect(c.state.Net, c.compute)
	c.PushLink(ctx, c.state)
}

func (c *subnetWidget) onPrefixLength(ctx app.Context, e app.Event) {
	bits, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
	if err != nil {
		return
	}
	c.state.Net = withPrefixLength(c.state.Net, bits)
	c.Protect(c.state.Net, c.compute)
	c.WriteLink(ctx, c.state)
}

func (c *subnetWidget) onReset(ctx app.Context, e app.Event) {
	c.state = scenario.SubnetState{Net: defaultSubnet}
	c.Protect(c.state.Net, c.compute)
	c.WriteLink(ctx, c.state)
}

func (c *subnetWidget) Render() app.UI {
	v := c.view
	return ui.Layout(c.IsEmbed(), "/subnet", ui.Href(ui.WidgetPath(c.state)),
		app.Section().Class("widget").Aria("labelledby", "subnet-title").Body(
			app.H1().ID("subnet-title").Text("Subnet"),
			app.P().Class("widget-intro").Text("A subnet is a block of addresses that share their first bits, the network part; the rest, the host part, numbers the machines in it. "+
				"Type it as 10.0.0.0/20, 10.0.0.0 255.255.240.0 or 10.0.0.0/0.0.15.255, IPv4 or IPv6."),
			ui.LinkNotice(c.Problems()),
			c.textField("subnet-net", "net", "Subnet (address/length or address and mask)", "e.g. 192.168.1.0/24 or 2001:db8::/48", &c.state.Net, v.NetErr),
			app.If(v.MaskFormNote != "", app.P().Class("note").DataSet("field", "mask-form").Text(v.MaskFormNote)),
			app.If(v.Valid, c.renderSlider(v)),
			app.Div().Class("field").Body(
				app.Label().For("subnet-cloud").Text("Cloud provider's reserved addresses"),
				app.Select().ID("subnet-cloud").Name("cloud").Disabled(c.IsReadonly()).OnChange(c.onCloud).Body(
					c.cloudOption("none", "None (plain subnet)", subnet.CloudNone),
					c.cloudOption("aws", "AWS VPC", subnet.CloudAWS),
					c.cloudOption("azure", "Azure VNet", subnet.CloudAzure),
					c.cloudOption("gcp", "Google Cloud VPC", subnet.CloudGCP),
				),
				app.If(v.CloudErr != "", app.P().Class("error").DataSet("field", "cloud-error").Text(v.CloudErr)),
			),
			app.If(!c.IsEmbed(), ui.ShareBar("subnet", ui.WidgetPath(c.state), ui.EmbedPath(c.state), scenario.NewDocument(c.state, ""))),
			app.If(c.Failed(), ui.FailurePanel(&c.Boundary, c.onReset)).
				ElseIf(v.Valid, c.renderResult(v)),
			app.If(v.Valid, c.renderNeighbours(v)),
		),
	)
}

func (c *subnetWidget) cloudOption(value, label string, cloud subnet.Cloud) app.UI {
	return app.Option().Value(value).Selected(c.state.Cloud == cloud).Text(label)
}

// textField renders a labelled text input bound to one state field, with
// its error message under it.
func (c *subnetWidget) textField(id, name, label, placeholder string, field *string, errText string) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(label),
		app.Input().Type("text").ID(id).Name(name).Value(*field).Placeholder(placeholder).
			AutoComplete(false).DataSet("link", name).ReadOnly(c.IsLocked()).
			Attr("spellcheck", "false").Attr("autocapitalize", "off").
			Aria("invalid", errText != "").Aria("describedby", id+"-message").
			OnInput(c.onField(field)),
		app.P().ID(id+"-message").Class("field-message").Aria("live", "polite").Body(
			app.If(errText != "", app.Span().Class("error").DataSet("field", name+"-error").Text(errText)),
		),
	)
}

func (c *subnetWidget) renderSlider(v subnetView) app.UI {
	return app.Div().Class("field subnet-slider").Body(
		app.Label().For("subnet-len").Body(
			app.Text("Prefix length: /"),
			app.Span().DataSet("field", "prefix-length").Text(strconv.Itoa(v.PrefixLength)),
			app.Text(" — use the slider or the arrow keys"),
		),
		app.Input().Type("range").ID("subnet-len").Min(0).Max(v.MaxBits).Value(strconv.Itoa(v.PrefixLength)).
			Disabled(c.IsReadonly()).
			Aria("valuetext", "/"+strconv.Itoa(v.PrefixLength)).
			OnInput(c.onPrefixLength),
	)
}

func (c *subnetWidget) renderResult(v subnetView) app.UI {
	broadcast := ui.Fact("Broadcast", "broadcast", v.Broadcast)
	if v.Broadcast == "" {
		broadcast = ui.Fact("Broadcast", "broadcast-none", v.BroadcastNote)
	}
	return app.Div().Class("result").Aria("live", "polite").Body(
		c.renderBits(v),
		app.Dl().Class("facts").Body(
			ui.Fact("Subnet", "subnet", v.Subnet),
			app.If(v.HostInside != "", ui.Fact("This host", "host", v.HostInside)),
			ui.Fact("Network address", "network", v.Network),
			broadcast,
			ui.Fact("First usable", "first-usable", v.FirstUsable),
			ui.Fact("Last usable", "last-usable", v.LastUsable),
			ui.Fact("Last address", "last-address", v.Last),
			ui.Fact("Addresses in total", "total-addresses", v.Total+" ("+v.TotalPow2+")"),
			ui.Fact("Usable by hosts", "usable-addresses", v.Usable),
			ui.Fact("Mask", "mask", v.Mask),
			ui.Fact("Mask in binary", "mask-binary", v.MaskBinary),
			ui.Fact("Wildcard", "wildcard", v.Wildcard),
			ui.Fact("Host bits", "host-bits", strconv.Itoa(v.HostBits)),
			ui.Fact("Previous subnet", "prev", v.Prev),
			ui.Fact("Next subnet", "next", v.Next),
			ui.Fact("Parent (one bit shorter)", "parent", v.Parent),
		),
		app.If(len(v.Notes) > 0, app.Ul().Class("notes").Body(
			app.Range(v.Notes).Slice(func(i int) app.UI { return app.Li().DataSet("field", "note").Text(v.Notes[i]) }),
		)),
		app.If(len(v.Reserved) > 0,
			app.Div().Class("table-scroll").TabIndex(0).Role("region").Aria("label", "Reserved addresses (scrolls sideways)").Body(app.Table().Class("rows").Body(
				app.Caption().Text("Addresses no host may take"),
				app.THead().Body(app.Tr().Body(app.Th().Scope("col").Text("Address"), app.Th().Scope("col").Text("Why"))),
				app.TBody().Body(app.Range(v.Reserved).Slice(func(i int) app.UI {
					r := v.Reserved[i]
					return app.Tr().DataSet("field", "reserved-row").Body(
						app.Td().Body(app.Code().Text(r.Addr)), app.Td().Text(r.Reason))
				})),
			)),
		),
		app.Details().Class("why").Body(
			app.Summary().Text("Why? Mask, subnet and usable addresses"),
			app.P().Text("The prefix length says how many leading bits are the network part: every address in the subnet has the same network bits, and the remaining host bits number the machines. "+
				"The mask writes the same thing as an address: 1s over the network bits, 0s over the host bits; the wildcard is its inverse, as firewall and router ACLs use it. "+
				"ANDing any address with the mask gives the network address."),
			app.P().Text("In IPv4 the first address names the network and the last is the broadcast, so a /24 has 256 addresses and 254 usable. "+
				"A /31 is the exception (RFC 3021): a point-to-point link with two usable addresses and no broadcast; a /32 is a single host. "+
				"IPv6 has no broadcast, so every address of a subnet is usable, and LANs are /64."),
		),
	)
}

func (c *subnetWidget) renderBits(v subnetView) app.UI {
	return app.Figure().Class("subnet-bits").Body(
		app.Div().Class("bits").Role("img").Aria("label",
			strconv.Itoa(v.PrefixLength)+" network bits followed by "+strconv.Itoa(v.HostBits)+" host bits").Body(
			app.Range(v.Bits).Slice(func(i int) app.UI {
				g := v.Bits[i]
				return app.Span().Class("bit-group").Body(
					app.Range(g.Bits).Slice(func(j int) app.UI {
						b := g.Bits[j]
						cls := "bit bit-host"
						if b.Network {
							cls = "bit bit-net"
						}
						text := "0"
						if b.One {
							text = "1"
						}
						return app.Span().Class(cls).Text(text)
					}),
				)
			}),
		),
		app.FigCaption().Body(
			app.Span().Class("legend legend-net").Text("network bits"),
			app.Text(" "),
			app.Span().Class("legend legend-host").Text("host bits"),
		),
	)
}

func (c *subnetWidget) renderNeighbours(v subnetView) app.UI {
	return app.Section().Class("neighbours").Aria("labelledby", "subnet-neighbours").Body(
		app.H2().ID("subnet-neighbours").Text("Are two hosts neighbours?"),
		app.P().Text("A host sends directly to addresses inside its own subnet, and everything else to its gateway (router). Give a host in the subnet above and a second address."),
		c.textField("subnet-host", "host", "First host (in the subnet above)", "e.g. 192.168.1.10", &c.state.Host, v.HostErr),
		c.textField("subnet-b", "b", "Second host", "e.g. 192.168.1.77 or 10.0.0.5", &c.state.Other, v.OtherErr),
		c.textField("subnet-gw", "gw", "Gateway of the first host (optional)", "e.g. 192.168.1.1", &c.state.Gateway, v.GatewayErr),
		app.If(v.Neighbours != "",
			app.Div().Class("verdict").Aria("live", "polite").Body(
				app.P().Class("verdict-answer").Body(
					app.Span().Text("The packet goes: "),
					app.Strong().DataSet("field", "neighbours").Text(v.Neighbours),
				),
				app.P().DataSet("field", "neighbours-explanation").Text(v.NeighboursExplanation),
			),
		),
	)
}
