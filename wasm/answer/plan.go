package answer

import (
	"net/url"

	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
	. "github.com/netground/netground/wasm/markup"
	"github.com/netground/netground/wasm/widget/planview"
)

// PlanLink computes the Plan page's view for a link's parameters, as its
// page opens it: what the link leaves out is the mode's example
// (planview.InputsFromLink). ok is false for a unique local /48 without a
// Global ID: the page draws a random one, which only the app does.
func PlanLink(q url.Values) (v planview.View, mode scenario.PlanMode, problems []scenario.Problem, ok bool) {
	st, problems := scenario.ParsePlanState(q)
	in := planview.InputsFromLink(st, q.Has("net"), q.Has("list"))
	if st.Mode == scenario.PlanULA && in.GID == "" {
		return planview.View{}, st.Mode, problems, false
	}
	input := in.Input(st.Mode)
	input.Page, input.PageAsked = subnet.CountOf(st.Page), q.Has("page")
	return planview.Build(input), st.Mode, problems, true
}

// PlanRegions is the Plan page's answer in mode m: the summary and its
// note (planui-answer), the facts (planui-facts) and the current page of
// the result tables (planui-tables). The split tree's table is not a
// region: its subnets are buttons, which the app renders.
func PlanRegions(v planview.View, m scenario.PlanMode) Regions {
	rs := Regions{
		region("planui-answer", If(v.Summary != "" || v.Note != "", El("div",
			If(v.Summary != "", El("p", Text(v.Summary)).Class("planui-summary").Field("summary")),
			If(v.Note != "", El("p", Text(v.Note)).Class("planui-note").Field("note")),
		))),
		region("planui-facts", If(len(v.Facts) > 0, El("dl", Each(len(v.Facts), func(i int) Node {
			return fact(v.Facts[i].Label, v.Facts[i].Field, v.Facts[i].Value)
		})).Class("facts"))),
	}
	if m != scenario.PlanTree {
		rs = append(rs, region("planui-tables", If(len(v.Tables) > 0, El("div", Each(len(v.Tables), func(i int) Node {
			return planTable(v.Tables[i], v.Pager)
		})).Class("planui-tables"))))
	}
	return rs
}

// PlanCaption is a result table's caption: what the rows are, how many,
// and the page shown.
func PlanCaption(t planview.Table, pg planview.Pager) Node {
	return El("caption",
		Text(t.Caption+": "),
		El("span", Text(t.TotalText)).Field("rows-total"),
		Text(" rows"),
		If(pg.Multi, Text(", page "+pg.PageText+" of "+pg.PagesText)),
	)
}

// planTable is one result table of the Plan page, its current page of rows.
func planTable(t planview.Table, pg planview.Pager) Node {
	titleID := t.ID + "-title"
	var body Node
	if t.Total.IsZero() {
		body = El("p", Text(t.Empty)).Field("empty")
	} else {
		field := t.RowField
		if field == "" {
			field = "row"
		}
		body = El("div", El("table",
			PlanCaption(t, pg),
			El("thead", El("tr", th("#"), Each(len(t.Columns), func(i int) Node { return th(t.Columns[i].Head) }))),
			El("tbody", Each(len(t.Rows), func(i int) Node {
				r := t.Rows[i]
				tr := El("tr").Field(field)
				switch {
				case r.Hit && r.Clash:
					tr = tr.Class("planui-hit planui-clash")
				case r.Hit:
					tr = tr.Class("planui-hit")
				case r.Clash:
					tr = tr.Class("planui-clash")
				}
				if r.Hit {
					tr = tr.Attr("aria-current", "true")
				}
				return tr.Body(
					El("td", Text(r.Index)).Field("index"),
					Each(len(r.Cells), func(j int) Node { return El("td", Text(r.Cells[j])).Field(t.Columns[j].Field) }),
				)
			})),
		).Class("rows planui-rows").Attr("id", t.ID)).
			Class("table-scroll").Attr("tabindex", "0").Attr("role", "region").Attr("aria-labelledby", titleID)
	}
	// The scrolling box is the region the heading names; the section only
	// groups them, so that a page of several tables names each region once.
	return El("section", El("h2", Text(t.Title)).Attr("id", titleID), body).Class("planui-table")
}

// LinkInputs returns what the inputs of widget w hold for a link's
// parameters, by their data-link keys, for the pages whose inputs depend on
// more than the link's own text: on the Plan page a link that leaves the
// length out opens with the mode's example, and the inputs belong to one
// mode (the tab), which mode names. ok is false for the other widgets,
// whose inputs boot.js fills from the link alone.
func LinkInputs(w scenario.Widget, q url.Values) (mode string, values map[string]string, ok bool) {
	if w != scenario.WidgetPlan {
		return "", nil, false
	}
	st, _ := scenario.ParsePlanState(q)
	in := planview.InputsFromLink(st, q.Has("net"), q.Has("list"))
	return st.Mode.String(), map[string]string{
		"net": in.Net, "len": in.Len, "parts": in.Parts, "list": in.List, "gid": in.GID,
	}, true
}
