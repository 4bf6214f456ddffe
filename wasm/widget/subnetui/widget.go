package subnetui

import (
	"crypto/rand"
	"net/url"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
	"github.com/netground/netground/wasm/answer"
	"github.com/netground/netground/wasm/ui"
)

// New returns the widget, for its page and its embed page.
func New() app.Composer {
	c := &subnetWidget{draft: answer.NewDraft(scenario.WidgetSubnet)}
	c.Init(scenario.WidgetSubnet, &c.Base, c.show, nil)
	return c
}

// widgetPage is the widget's life cycle, embedded unexported (see
// ui.WidgetPage).
type widgetPage = ui.WidgetPage

// subnetWidget is the Subnet calculator: every fact of a subnet, its bits,
// cloud reservations, reverse DNS zones, the address at a position, an
// address picked at random, and whether two hosts are neighbours. Its state
// lives in the URL parameters net, host, b, gw, cloud, nth and pick.
type subnetWidget struct {
	app.Compo
	ui.Base
	widgetPage

	state scenario.SubnetState
	view  answer.SubnetView
	draft *answer.Draft
	whole answer.SubnetView // the last valid view, shown around the kept answer while typing
}

// show computes the answer to the link's parameters q.
func (c *subnetWidget) show(q url.Values) {
	state, problems := answer.SubnetLink(q)
	c.AddProblems(problems...)
	c.state = state
	c.Protect(c.state.Net, c.compute)
}

func (c *subnetWidget) compute() {
	c.view = answer.DescribeSubnetState(c.state)
}

// onField returns the handler of the text input that edits one field.
func (c *subnetWidget) onField(field *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*field = ctx.JSSrc().Get("value").String()
		if field == &c.state.Net {
			c.state.Pick = "" // picked from the subnet before
		}
		c.Protect(c.state.Net, c.compute)
		c.WriteLink(ctx, c.state)
		if field == &c.state.Net {
			net := c.state.Net
			ui.SettleDraft(ctx, c.draft, net, answer.SubnetInput(net), func() string { return c.state.Net })
		}
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
	c.state.Net = answer.WithPrefixLength(c.state.Net, bits)
	c.state.Pick = ""
	c.Protect(c.state.Net, c.compute)
	c.WriteLink(ctx, c.state)
}

// onPick draws an address of the subnet from crypto/rand (in the browser,
// crypto.getRandomValues) and puts it in the link, as a new history entry,
// so that it can be shared and back returns to the one before.
func (c *subnetWidget) onPick(ctx app.Context, e app.Event) {
	pick := answer.PickAddr(c.state, rand.Reader)
	if pick == "" {
		return
	}
	c.state.Pick = pick
	c.Protect(c.state.Net, c.compute)
	c.PushLink(ctx, c.state)
}

func (c *subnetWidget) onReset(ctx app.Context, e app.Event) {
	c.state = scenario.SubnetState{Net: answer.DefaultSubnet}
	c.Protect(c.state.Net, c.compute)
	c.WriteLink(ctx, c.state)
}

func (c *subnetWidget) Render() app.UI {
	v := c.view
	v.Compact = c.IsEmbed()
	r, waiting := c.draft.Show(answer.SubnetRegions(v), c.state.Net, answer.SubnetInput(c.state.Net))
	netErr := v.NetErr
	if v.Valid {
		c.whole = v
	} else if waiting {
		// The answer of the last whole subnet stays while the next is typed:
		// so do its slider and the neighbours' question.
		netErr, v = "", c.whole
		v.NetErr = ""
	}
	return ui.Layout(c.IsEmbed(), "/subnet", ui.Href(ui.WidgetPath(c.state)),
		app.Section().Class("widget").Aria("labelledby", "subnet-title").Body(
			app.H1().ID("subnet-title").Text("Subnet"),
			app.P().Class("widget-intro").Text("A subnet is a block of addresses that share their first bits, the network part; the rest, the host part, numbers the machines in it. "+
				"Type it as 10.0.0.0/20, 10.0.0.0 255.255.240.0 or 10.0.0.0/0.0.15.255, IPv4 or IPv6."),
			app.Div().ID("subnet-notice").Body(ui.LinkNotice(c.Problems())),
			c.textField("subnet-net", "net", "Subnet (address/length or address and mask)", "e.g. 192.168.1.0/24 or 2001:db8::/48", &c.state.Net, netErr, r),
			app.Div().ID("subnet-mask-form").Body(ui.Raw(r.HTML("subnet-mask-form"))),
			app.If(v.Valid, c.renderSlider(v)),
			app.If(c.Failed(), ui.FailurePanel(&c.Boundary, c.onReset)),
			app.Div().ID("subnet-result").Aria("live", "polite").Body(app.If(!c.Failed(), ui.Raw(r.HTML("subnet-result")))),
			ui.Fold(c.IsEmbed(), "Cloud reservations, address number n, a random address, neighbours",
				c.state.Cloud != subnet.CloudNone || c.state.Nth != "" || c.state.Pick != "" || c.state.Host != "" || c.state.Other != "" || c.state.Gateway != "",
				app.Div().Class("field").Body(
					app.Label().For("subnet-cloud").Text("Cloud provider's reserved addresses"),
					app.Select().ID("subnet-cloud").Name("cloud").DataSet("link", "cloud").Disabled(c.IsReadonly()).OnChange(c.onCloud).Body(
						c.cloudOption("none", "None (plain subnet)", subnet.CloudNone),
						c.cloudOption("aws", "AWS VPC", subnet.CloudAWS),
						c.cloudOption("azure", "Azure VNet", subnet.CloudAzure),
						c.cloudOption("gcp", "Google Cloud VPC", subnet.CloudGCP),
					),
					app.Div().ID("subnet-cloud-message").Body(ui.Raw(r.HTML("subnet-cloud-message"))),
				),
				app.If(!c.IsEmbed(), ui.ShareBar("subnet", ui.WidgetPath(c.state), ui.EmbedPath(c.state), scenario.NewDocument(c.state, ""))),
				app.Div().Class("subnet-nth").Body(
					c.textField("subnet-nth", "nth", "Address number n of the subnet (0 is the first, -1 the last)", "e.g. 5 or -2", &c.state.Nth, v.Nth.Err, r),
				),
				app.Div().Class("field subnet-pick").Body(
					app.Button().Type("button").Class("button button-secondary").DataSet("action", "random-addr").
						Disabled(c.IsReadonly() || !v.Valid).Aria("describedby", "subnet-pick-message").
						OnClick(c.onPick).Text("Pick a random address"),
					app.P().ID("subnet-pick-message").Class("field-message").Aria("live", "polite").Body(ui.Raw(r.HTML("subnet-pick-message"))),
				),
				app.If(v.Valid, c.renderNeighbours(v, r)),
			),
		),
	)
}

func (c *subnetWidget) cloudOption(value, label string, cloud subnet.Cloud) app.UI {
	return app.Option().Value(value).Selected(c.state.Cloud == cloud).Text(label)
}

// textField renders a labelled text input bound to one state field, with
// its error message under it.
func (c *subnetWidget) textField(id, name, label, placeholder string, field *string, errText string, r answer.Regions) app.UI {
	return ui.LinkField(id, name, label, placeholder, *field, c.IsLocked(), errText != "", c.onField(field), r.HTML(id+"-message"))
}

func (c *subnetWidget) renderSlider(v answer.SubnetView) app.UI {
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

func (c *subnetWidget) renderNeighbours(v answer.SubnetView, r answer.Regions) app.UI {
	return app.Section().Class("neighbours").Aria("labelledby", "subnet-neighbours").Body(
		app.H2().ID("subnet-neighbours").Text("Are two hosts neighbours?"),
		app.P().Text("A host sends directly to addresses inside its own subnet, and everything else to its gateway (router). Give a host in the subnet above and a second address."),
		c.textField("subnet-host", "host", "First host (in the subnet above)", "e.g. 192.168.1.10", &c.state.Host, v.HostErr, r),
		c.textField("subnet-b", "b", "Second host", "e.g. 192.168.1.77 or 10.0.0.5", &c.state.Other, v.OtherErr, r),
		c.textField("subnet-gw", "gw", "Gateway of the first host (optional)", "e.g. 192.168.1.1", &c.state.Gateway, v.GatewayErr, r),
		app.Div().ID("subnet-neighbours-verdict").Aria("live", "polite").Body(ui.Raw(r.HTML("subnet-neighbours-verdict"))),
	)
}
