package planui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/answer"
	"github.com/netground/netground/wasm/ui"
	"github.com/netground/netground/wasm/widget/planview"
)

const svgNS = "http://www.w3.org/2000/svg"

// handlerScope starts the scope of every event handler that closes over
// data. go-app keeps a mounted handler while its function and scope stay
// the same, and closures from one literal share their function, so the
// data goes into the scope: without it a button would keep the preset it
// was first rendered with.
const handlerScope = "planui"

// maxLineMessages bounds the per-line messages shown; a paste of 10,000
// bad lines would otherwise fill the page.
const maxLineMessages = 100

func (p *page) Render() app.UI {
	st := p.state()
	info := planview.ModeInfo[p.mode]
	return ui.Layout(p.IsEmbed(), "/plan", ui.Href(ui.WidgetPath(st)),
		app.Section().Class("widget planui").Aria("labelledby", "planui-title").
			DataSet("live", !app.IsServer).Body(
			app.H1().ID("planui-title").Text("Plan"),
			app.P().Class("widget-intro").Text("Lay out address space: split a network, give each team a subnet, merge or compare lists of networks. Results follow as you type, and the picture shows every block to scale."),
			app.Div().ID("plan-notice").Body(ui.LinkNotice(p.Problems())),
			p.renderTabs(),
			app.Div().ID("planui-panel").Role("tabpanel").Aria("labelledby", tabID(p.mode)).Class("planui-panel").Body(
				app.P().Class("planui-purpose").DataSet("field", "mode-purpose").Text(info.Purpose),
				p.renderInputs(),
				either(p.Failed(), func() app.UI {
					return ui.FailurePanel(&p.Boundary, p.onReset)
				}, p.renderResults),
				p.renderPresets(),
				when(!p.IsEmbed(), func() app.UI {
					return ui.ShareBar("planui", ui.WidgetPath(st), ui.EmbedPath(st), scenario.NewDocument(st, ""))
				}),
			),
		),
	)
}

func (p *page) renderTabs() app.UI {
	return app.Div().Class("planui-tabs").Role("tablist").Aria("label", "What to do with the addresses").Body(
		app.Range(planview.ModeInfo).Slice(func(i int) app.UI {
			m := scenario.PlanMode(i)
			selected := m == p.mode
			tabindex := -1
			if selected {
				tabindex = 0
			}
			return app.Button().Type("button").Role("tab").ID(tabID(m)).Class("planui-tab").
				Aria("selected", selected).Aria("controls", "planui-panel").TabIndex(tabindex).
				Disabled(p.IsReadonly() && !selected).
				DataSet("mode", m.String()).
				OnClick(p.onTab(m), handlerScope, m.String()).OnKeyDown(p.onTabKey).
				Text(planview.ModeInfo[i].Tab)
		}),
	)
}

func (p *page) renderPresets() app.UI {
	if p.IsReadonly() {
		return nil
	}
	ps := planview.PresetsFor(p.mode)
	if p.mode == scenario.PlanULA {
		return app.Div().Class("planui-presets").Body(
			app.Button().Type("button").Class("button button-secondary").DataSet("action", "new-gid").
				OnClick(p.onNewGID).Text("New random Global ID"),
		)
	}
	return app.Div().Class("planui-presets").Body(
		app.Span().ID("planui-presets-label").Text("Examples:"),
		app.Ul().Aria("labelledby", "planui-presets-label").Body(
			app.Range(ps).Slice(func(i int) app.UI {
				return app.Li().Body(app.Button().Type("button").Class("button button-secondary planui-preset").
					DataSet("preset", strconv.Itoa(i)).OnClick(p.onPreset(ps[i]), handlerScope, p.mode.String(), i).Text(ps[i].Label))
			}),
		),
	)
}

func (p *page) textField(id, name, label, value, placeholder, err string, onInput app.EventHandler) app.UI {
	msgID := id + "-message"
	return app.Div().Class("field planui-field").Body(
		app.Label().For(id).Text(label),
		app.Input().Type("text").ID(id).Name(name).Value(value).Placeholder(placeholder).
			AutoComplete(false).ReadOnly(p.IsReadonly()).DataSet("link", name).
			Attr("spellcheck", "false").Attr("autocapitalize", "off").
			Aria("invalid", err != "").Aria("describedby", msgID).
			OnInput(onInput),
		app.P().ID(msgID).Class("field-message").Aria("live", "polite").Body(
			when(err != "", func() app.UI {
				return app.Span().Class("error").DataSet("field", name+"-error").Text(err)
			}),
		),
	)
}

func (p *page) renderInputs() app.UI {
	v := p.view
	info := planview.ModeInfo[p.mode]
	var fields []app.UI
	if planview.UsesNet(p.mode) {
		label := "Network"
		if p.mode == scenario.PlanVLSM {
			label = "Network to allocate from"
		}
		fields = append(fields, p.textField("planui-net", "net", label, p.shown.Net, "e.g. 10.0.0.0/16", v.NetErr, p.onNet))
	}
	if p.mode == scenario.PlanSplit {
		fields = append(fields, app.Div().Class("planui-split-by").Body(
			p.textField("planui-len", "len", "New prefix length", p.shown.Len, "e.g. 24", v.LenErr, p.onLen),
			app.P().Class("planui-or").Text("or"),
			p.textField("planui-parts", "parts", "Number of parts", p.shown.Parts, "e.g. 4", v.PartsErr, p.onParts),
		))
	}
	if p.mode == scenario.PlanNextFree {
		fields = append(fields, p.textField("planui-len", "len", "Length of the subnet you need", p.shown.Len, "e.g. 24", v.LenErr, p.onLen))
	}
	if p.mode == scenario.PlanTree {
		fields = append(fields, p.renderTreeInputs())
	}
	if p.mode == scenario.PlanULA {
		fields = append(fields, p.textField("planui-gid", "gid", "Global ID (10 hex digits)", p.shown.GID, "e.g. 8f2c4e91d0", v.GIDErr, p.onGID))
	}
	if planview.UsesList(p.mode) {
		fields = append(fields, p.renderList(info.ListLabel, info.ListHint))
	}
	// The inputs carry their link parameter (data-link), so that what is
	// typed before the app runs goes into the link; which inputs a link
	// fills depends on its mode (the tab), so the first-answer binary fills
	// them (data-fill names the mode they belong to), not boot.js.
	return app.Div().Class("planui-inputs").DataSet("fill", p.mode.String()).Body(fields...)
}

func (p *page) renderList(label, hint string) app.UI {
	v := p.view
	ta := app.Textarea().ID("planui-list").Name("list").Rows(8).Cols(40).Class("planui-list").DataSet("link", "list").
		ReadOnly(p.IsReadonly()).Attr("spellcheck", "false").Attr("autocapitalize", "off").
		Attr("autocomplete", "off").
		Aria("invalid", len(v.LineErrors) > 0).Aria("describedby", "planui-list-hint planui-list-lines").
		OnInput(p.onList)
	if app.IsServer {
		ta = ta.Text(p.shown.List)
	} else {
		ta = ta.Attr("value", p.shown.List)
	}
	errs, notes := v.LineErrors, v.LineNotes
	more := 0
	if len(errs) > maxLineMessages {
		errs, more = errs[:maxLineMessages], len(errs)-maxLineMessages
	}
	if len(notes) > maxLineMessages {
		notes = notes[:maxLineMessages]
	}
	return app.Div().Class("field planui-list-field").Body(
		app.Label().For("planui-list").Text(label),
		app.P().ID("planui-list-hint").Class("planui-hint").Text(hint),
		ta,
		app.Div().ID("planui-list-lines").Aria("live", "polite").Body(
			app.P().Class("planui-hint").Body(
				app.Span().DataSet("field", "list-lines").Text(strconv.Itoa(v.ListLines)),
				app.Text(" lines read"),
				when(len(v.LineErrors) > 0, func() app.UI {
					return app.Span().Body(app.Text(", "), app.Span().DataSet("field", "line-error-count").Text(strconv.Itoa(len(v.LineErrors))),
						app.Text(" with a problem (the others are still computed)"))
				}),
			),
			when(len(errs) > 0, func() app.UI {
				return app.Ul().Class("planui-line-errors").Body(
					app.Range(errs).Slice(func(i int) app.UI {
						return lineItem(errs[i], "line-error", "error")
					}),
					whenLast(more > 0, func() app.UI {
						return app.Li().Text("… and " + strconv.Itoa(more) + " more lines with a problem")
					}),
				)
			}),
			when(len(notes) > 0, func() app.UI {
				return app.Ul().Class("planui-line-notes").Body(
					app.Range(notes).Slice(func(i int) app.UI {
						return lineItem(notes[i], "line-note", "planui-note")
					}),
				)
			}),
		),
	)
}

func lineItem(m planview.LineMsg, field, class string) app.UI {
	return app.Li().DataSet("field", field).DataSet("line", m.Line).Body(
		app.Strong().Class("planui-line-number").Text("Line "+strconv.Itoa(m.Line)),
		when(m.Text != "", func() app.UI {
			return app.Span().Body(app.Text(" "), app.Code().Text(m.Text))
		}),
		app.Text(": "),
		app.Span().Class(class).DataSet("field", field+"-message").Text(m.Msg),
	)
}

func (p *page) renderResults() app.UI {
	v := p.view
	why := planview.WhyText[p.mode]
	r := answer.PlanRegions(v, p.mode)
	return app.Div().Class("result planui-result").Body(
		app.Div().ID("planui-answer").Aria("live", "polite").Body(ui.Raw(r.HTML("planui-answer"))),
		app.Div().ID("planui-facts").Body(ui.Raw(r.HTML("planui-facts"))),
		app.Details().Class("why").Body(
			app.Summary().Text(why[0]),
			app.Range(why[1:]).Slice(func(i int) app.UI { return app.P().Text(why[1+i]) }),
		),
		when(len(v.Bars) > 0, func() app.UI {
			return app.Section().Class("planui-pictures").Aria("labelledby", "planui-pictures-title").Body(
				app.H2().ID("planui-pictures-title").Text("Picture of the address space"),
				app.Range(v.Bars).Slice(func(i int) app.UI { return p.renderBar(v.Bars[i]) }),
				app.P().Class("planui-block-name").Aria("live", "polite").Body(
					app.Text("Point at or focus a block to name it. "),
					when(p.hover != "", func() app.UI {
						return app.Strong().DataSet("field", "block-name").Text(p.hover)
					}),
				),
			)
		}),
		when(len(v.Tables) > 0, func() app.UI { return p.renderPager() }),
		either(p.mode == scenario.PlanTree, func() app.UI {
			return app.Div().Class("planui-tables").Body(
				app.Range(v.Tables).Slice(func(i int) app.UI { return p.renderTreeTable(v.Tables[i], v.Pager) }),
			)
		}, func() app.UI {
			return app.Div().ID("planui-tables").Body(ui.Raw(r.HTML("planui-tables")))
		}),
	)
}

func (p *page) renderBar(b planview.Bar) app.UI {
	const laneHeight, gap = 26, 4
	height := b.Lanes*(laneHeight+gap) + gap
	titleID := b.ID + "-title"
	blocks := make([]app.UI, 0, len(b.Blocks)+1)
	blocks = append(blocks, svg("rect").Attr("x", 0).Attr("y", 0).Attr("width", planview.BarWidth).Attr("height", height).
		Attr("data-kind", "background").Attr("aria-hidden", "true"))
	for _, bl := range b.Blocks {
		y := bl.Lane*(laneHeight+gap) + gap
		rect := svg("rect").
			Attr("x", num(bl.X)).Attr("y", y).Attr("width", num(bl.W)).Attr("height", laneHeight).
			Attr("data-kind", bl.Kind).Attr("tabindex", 0).Attr("role", "img").
			Attr("data-field", "block").
			On("focus", p.onBlock(bl.Title), handlerScope, bl.Title).On("mouseenter", p.onBlock(bl.Title), handlerScope, bl.Title)
		if bl.Leaf.IsValid() && !p.IsReadonly() {
			// A subnet of the split tree: a button that divides it.
			rect = rect.Attr("role", "button").Attr("data-prefix", bl.Leaf.String()).Attr("class", "planui-leaf").
				On("click", p.onDivide(bl.Leaf), handlerScope, "divide", bl.Leaf.String()).
				On("keydown", p.onBlockKey(bl.Leaf), handlerScope, "key", bl.Leaf.String())
		}
		blocks = append(blocks, rect.Body(svg("title").Text(bl.Title)))
	}
	return app.Figure().Class("planui-figure").Body(
		app.Elem("svg").XMLNS(svgNS).Attr("viewBox", "0 0 "+num(planview.BarWidth)+" "+strconv.Itoa(height)).
			Attr("preserveAspectRatio", "none").Attr("width", "100%").Attr("height", height).
			Attr("role", "group").Attr("aria-labelledby", titleID).
			Attr("data-field", "picture").
			Body(blocks...),
		app.P().Class("planui-bar-ends").Aria("hidden", "true").Body(
			app.Code().Text(b.From), app.Code().Text(b.To),
		),
		app.FigCaption().ID(titleID).Body(
			app.Strong().Text(b.Title+". "),
			app.Text(b.Desc),
			when(b.Dropped > 0, func() app.UI {
				return app.Text(" " + strconv.Itoa(b.Dropped) + " more blocks are left out of the picture to keep it light; the table lists every one.")
			}),
		),
	)
}

func svg(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }

func num(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

func (p *page) renderPager() app.UI {
	pg := p.view.Pager
	v := p.view
	return app.Nav().Class("planui-pager").Aria("label", "Result pages").Body(
		app.P().Class("planui-page-info").Body(
			app.Span().DataSet("field", "page-info").Text("Page "+pg.PageText+" of "+pg.PagesText+", rows "+pg.FirstRow+"–"+pg.LastRow),
			app.Text(" · "+strconv.Itoa(planview.PageSize)+" rows per page"),
		),
		when(pg.Err != "", func() app.UI {
			return app.P().Class("error").DataSet("field", "page-error").Text(pg.Err)
		}),
		when(pg.Unlinkable, func() app.UI {
			return app.P().Class("planui-note").DataSet("field", "page-unlinkable").
				Text("This page number is too large for a link: the link opens at the first page.")
		}),
		app.Div().Class("planui-pager-controls").Body(
			when(pg.Multi, func() app.UI {
				return app.Div().Class("planui-page-buttons").Body(
					pageButton("First page", "first", !pg.HasPrev, p.goPage(planview.Pager.First)),
					pageButton("Previous page", "prev", !pg.HasPrev, p.goPage(planview.Pager.Prev)),
					pageButton("Next page", "next", !pg.HasNext, p.goPage(planview.Pager.Next)),
					pageButton("Last page", "last", !pg.HasNext, p.goPage(planview.Pager.Last)),
				)
			}),
			when(pg.Multi, func() app.UI {
				return app.Div().Class("field planui-small-field").Body(
					app.Label().For("planui-page").Text("Go to page"),
					app.Input().Type("text").ID("planui-page").Name("page").Value(p.shownPage).
						Attr("inputmode", "numeric").AutoComplete(false).Attr("spellcheck", "false").
						Aria("invalid", p.pageErr != "").Aria("describedby", "planui-page-message").
						OnInput(p.onPageInput),
					app.P().ID("planui-page-message").Class("field-message").Body(
						when(p.pageErr != "", func() app.UI {
							return app.Span().Class("error").DataSet("field", "page-input-error").Text(p.pageErr)
						}),
					),
				)
			}),
			app.Div().Class("field planui-small-field").Body(
				app.Label().For("planui-find").Text("Find the row holding an address"),
				app.Input().Type("text").ID("planui-find").Name("find").Value(p.shownFind).Placeholder("e.g. 10.0.3.7").
					AutoComplete(false).Attr("spellcheck", "false").Attr("autocapitalize", "off").
					Aria("invalid", v.FindErr != "").Aria("describedby", "planui-find-message").
					OnInput(p.onFind),
				app.P().ID("planui-find-message").Class("field-message").Aria("live", "polite").Body(
					either(v.FindErr != "", func() app.UI {
						return app.Span().Class("error").DataSet("field", "find-error").Text(v.FindErr)
					}, func() app.UI {
						return when(v.FindResult != "", func() app.UI {
							return app.Span().DataSet("field", "find-result").Text(v.FindResult)
						})
					}),
				),
			),
		),
	)
}

func pageButton(label, action string, disabled bool, h app.EventHandler) app.UI {
	return app.Button().Type("button").Class("button button-secondary").DataSet("action", action).
		Disabled(disabled).OnClick(h).Text(label)
}

// when returns f() if cond holds, else an empty placeholder. Unlike
// app.If it builds the element only when it is shown. The placeholder
// keeps the number of children fixed: go-app matches children by
// position, so a child that comes and goes would make it rebuild the
// inputs after it, losing their focus and what was being typed.
func when(cond bool, f func() app.UI) app.UI {
	if cond {
		return f()
	}
	return app.Span().Class("planui-slot")
}

// whenLast is when for the last child of an element, or inside a list,
// where a placeholder would not be valid HTML.
func whenLast(cond bool, f func() app.UI) app.UI {
	if cond {
		return f()
	}
	return nil
}

// either returns a() if cond holds, else b().
func either(cond bool, a, b func() app.UI) app.UI {
	if cond {
		return a()
	}
	return b()
}
