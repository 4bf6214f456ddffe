package planui

import (
	"net/netip"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/plan"
	"github.com/netground/netground/core/subnet"
	"github.com/netground/netground/wasm/answer"
	"github.com/netground/netground/wasm/ui"
	"github.com/netground/netground/wasm/widget/planview"
)

// cloudChoices are the cloud select's options, in subnet.Cloud order, with
// the values of the cloud parameter.
var cloudChoices = []struct{ Value, Label string }{
	subnet.CloudNone:  {"none", "No cloud provider"},
	subnet.CloudAWS:   {"aws", "AWS"},
	subnet.CloudAzure: {"azure", "Azure"},
	subnet.CloudGCP:   {"gcp", "Google Cloud"},
}

// changeTree applies a divide, join or other change to the split tree
// shown. The change is a deliberate step, so it adds a history entry;
// one that cannot be done says why and changes nothing.
func (p *page) changeTree(ctx app.Context, change func(plan.Tree) (plan.Tree, error)) {
	if p.IsReadonly() || !p.view.Tree.IsValid() {
		return
	}
	next, err := change(p.view.Tree)
	if err != nil {
		p.treeErr = err.Error()
		return
	}
	p.treeErr, p.hover = "", ""
	p.in.Tree, p.in.Names = next.Shape(), next.Names()
	p.compute(false)
	p.reshow(ctx)
	p.PushLink(ctx, p.state())
}

func (p *page) onDivide(leaf netip.Prefix) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.changeTree(ctx, func(t plan.Tree) (plan.Tree, error) { return t.Divide(leaf) })
	}
}

func (p *page) onJoin(leaf netip.Prefix) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.changeTree(ctx, func(t plan.Tree) (plan.Tree, error) { return t.Join(leaf) })
	}
}

func (p *page) onDivideAll(ctx app.Context, e app.Event) {
	p.changeTree(ctx, plan.Tree.DivideAll)
}

func (p *page) onJoinAll(ctx app.Context, e app.Event) {
	p.changeTree(ctx, func(t plan.Tree) (plan.Tree, error) { return plan.NewTree(t.Root()), nil })
}

// onBlockKey divides the block's subnet on Enter or Space and joins it
// with its sibling on Delete or Backspace.
func (p *page) onBlockKey(leaf netip.Prefix) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		switch e.Get("key").String() {
		case "Enter", " ":
			e.PreventDefault()
			p.changeTree(ctx, func(t plan.Tree) (plan.Tree, error) { return t.Divide(leaf) })
		case "Delete", "Backspace":
			e.PreventDefault()
			p.changeTree(ctx, func(t plan.Tree) (plan.Tree, error) { return t.Join(leaf) })
		}
	}
}

// onName names a subnet as the person types: like the other inputs, it
// replaces the history entry rather than adding one.
func (p *page) onName(leaf netip.Prefix) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		next, err := p.view.Tree.Named(leaf, ctx.JSSrc().Get("value").String())
		if err != nil {
			p.treeErr = err.Error()
			return
		}
		p.treeErr = ""
		p.in.Names = next.Names()
		p.compute(false)
		p.WriteLink(ctx, p.state())
	}
}

func (p *page) onCloud(ctx app.Context, e app.Event) {
	value := ctx.JSSrc().Get("value").String()
	for c, choice := range cloudChoices {
		if choice.Value == value && subnet.Cloud(c) != p.in.Cloud {
			p.in.Cloud = subnet.Cloud(c)
			p.compute(false)
			p.PushLink(ctx, p.state())
		}
	}
}

// reshowNames puts the names of the subnets on the page into their
// inputs after the page, not the person, changed them.
func (p *page) reshowNames(ctx app.Context) {
	p.shownNames = map[netip.Prefix]string{}
	if len(p.view.Tables) == 0 || !p.view.Tree.IsValid() {
		return
	}
	for i, r := range p.view.Tables[0].Rows {
		if j, ok := p.view.Tree.Index(r.Prefix.Addr()); ok {
			name := p.view.Tree.At(j).Name
			p.shownNames[r.Prefix] = name
			p.setValue(ctx, nameID(i), name)
		}
	}
}

func nameID(row int) string { return "planui-tree-name-" + strconv.Itoa(row) }

// renderTreeInputs is the split tree's cloud select, its buttons and what
// the link held that could not be used.
func (p *page) renderTreeInputs() app.UI {
	v := p.view
	return app.Div().Class("planui-tree-inputs").Body(
		app.Div().Class("field planui-field").Body(
			app.Label().For("planui-cloud").Text("Cloud reservations"),
			app.Select().ID("planui-cloud").Name("cloud").Disabled(p.IsReadonly()).
				Aria("describedby", "planui-cloud-message").OnChange(p.onCloud).Body(
				app.Range(cloudChoices).Slice(func(i int) app.UI {
					return app.Option().Value(cloudChoices[i].Value).Selected(subnet.Cloud(i) == p.in.Cloud).Text(cloudChoices[i].Label)
				}),
			),
			app.P().ID("planui-cloud-message").Class("field-message").Aria("live", "polite").Body(
				when(v.CloudErr != "", func() app.UI {
					return app.Span().Class("error").DataSet("field", "cloud-error").Text(v.CloudErr)
				}),
			),
		),
		app.Div().Class("planui-tree-buttons").Body(
			app.Button().Type("button").Class("button button-secondary").DataSet("action", "divide-all").
				Disabled(p.IsReadonly() || v.Tree.Len() == 0).OnClick(p.onDivideAll).Text("Divide every subnet"),
			app.Button().Type("button").Class("button button-secondary").DataSet("action", "join-all").
				Disabled(p.IsReadonly() || v.Tree.Len() <= 1).OnClick(p.onJoinAll).Text("Join everything"),
		),
		app.Div().Class("planui-tree-messages").Aria("live", "polite").Body(
			when(v.TreeErr != "", func() app.UI {
				return app.P().Class("error").DataSet("field", "tree-error").Text(v.TreeErr)
			}),
			when(v.NamesErr != "", func() app.UI {
				return app.P().Class("error").DataSet("field", "names-error").Text(v.NamesErr)
			}),
			when(p.treeErr != "", func() app.UI {
				return app.P().Class("error").DataSet("field", "tree-action-error").Text(p.treeErr)
			}),
		),
	)
}

// renderTreeTable is the split tree's table: the text cells, then a name
// input and the divide and join buttons of each subnet.
func (p *page) renderTreeTable(t planview.Table, pg planview.Pager) app.UI {
	titleID := t.ID + "-title"
	tr := p.view.Tree
	ro := p.IsReadonly()
	// The table's scrolling box is the region its heading names; the
	// section only groups them.
	return app.Section().Class("planui-table").Body(
		app.H2().ID(titleID).Text(t.Title),
		app.Div().Class("table-scroll").TabIndex(0).Role("region").Aria("labelledby", titleID).Body(
			app.Table().Class("rows planui-rows planui-tree-rows").ID(t.ID).Body(
				ui.Raw(answer.PlanCaption(t, pg).String()),
				app.THead().Body(app.Tr().Body(
					app.Th().Scope("col").Text("#"),
					app.Range(t.Columns).Slice(func(i int) app.UI {
						return app.Th().Scope("col").Text(t.Columns[i].Head)
					}),
					app.Th().Scope("col").Text("Name or note"),
					app.Th().Scope("col").Text("Change"),
				)),
				app.TBody().Body(
					app.Range(t.Rows).Slice(func(i int) app.UI {
						r := t.Rows[i]
						leaf := r.Prefix
						row := app.Tr().DataSet("field", t.RowField)
						if r.Hit {
							row = row.Class("planui-hit").Aria("current", "true")
						} else if r.Clash {
							row = row.Class("planui-clash")
						}
						joinLabel := "Join " + leaf.String() + " with " + plan.Sibling(leaf).String()
						if leaf == tr.Root() {
							joinLabel = "Join " + leaf.String() + ", the whole network"
						}
						return row.Body(
							app.Td().DataSet("field", "index").Text(r.Index),
							app.Range(r.Cells).Slice(func(j int) app.UI {
								return app.Td().DataSet("field", t.Columns[j].Field).Text(r.Cells[j])
							}),
							app.Td().Body(
								app.Input().Type("text").ID(nameID(i)).Name("tree-name").DataSet("field", "tree-name").
									Value(p.shownNames[leaf]).Placeholder("e.g. office").MaxLength(plan.MaxTreeName).
									AutoComplete(false).ReadOnly(ro).Aria("label", "Name or note of "+leaf.String()).
									OnInput(p.onName(leaf), handlerScope, leaf.String()),
							),
							app.Td().Class("planui-tree-actions").Body(
								app.Button().Type("button").Class("button button-secondary").
									DataSet("action", "divide").DataSet("prefix", leaf.String()).
									Aria("label", "Divide "+leaf.String()).Disabled(ro || !tr.CanDivide(leaf)).
									OnClick(p.onDivide(leaf), handlerScope, "divide", leaf.String()).Text("Divide"),
								app.Button().Type("button").Class("button button-secondary").
									DataSet("action", "join").DataSet("prefix", leaf.String()).
									Aria("label", joinLabel).Disabled(ro || !tr.CanJoin(leaf)).
									OnClick(p.onJoin(leaf), handlerScope, "join", leaf.String()).Text("Join"),
							),
						)
					}),
				),
			),
		),
	)
}
