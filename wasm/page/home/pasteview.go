package home

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/paste"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/wasm/ui"
)

// pasteView is the answer to a paste: what Classify found, and the
// findings on a machine or a cluster. The zero pasteView answers an empty
// box: it shows nothing.
type pasteView struct {
	blank    bool
	result   paste.Result
	findings []paste.Finding
}

func newPasteView(text string) pasteView {
	if strings.TrimSpace(text) == "" {
		return pasteView{blank: true}
	}
	r := paste.Classify(text)
	return pasteView{result: r, findings: r.Findings}
}

// maxListed is how many sockets, containers, pods… the answer lists; the
// lab shows them all.
const maxListed = 40

// privacyNote is the page's promise about pasted text.
const privacyNote = "Pasted text stays in this browser: Netground reads it here and sends it nowhere. " +
	"Links carry only what was parsed (an address, a port, a lab scenario), never the text itself, unless you ask for it."

// renderPaste renders the paste box and its answer.
func (p *homePage) renderPaste() app.UI {
	b := &p.box
	input := b.text
	if b.multi {
		input = b.firstLine()
	}
	return app.Section().Class("paste").Aria("labelledby", "paste-heading").Body(
		app.H2().ID("paste-heading").Text("Paste what you see"),
		app.P().ID("paste-hint").Class("widget-intro").Text("An address, a subnet, a port, a URL, an error message, or the output of ss, netstat, lsof, docker ps, ip addr, ifconfig, ipconfig or kubectl get: Netground says what it is and opens the page that answers it, with your numbers."),
		app.Div().Class("field paste-field").Body(
			app.Label().For("paste").Text("Paste or type"),
			app.Div().Class("paste-row").Body(
				app.Input().
					Type("text").
					ID("paste").
					Name("paste").
					Value(input).
					Placeholder("e.g. connect ECONNREFUSED 127.0.0.1:5432").
					AutoComplete(false).
					DataSet("link", "paste").
					Attr("spellcheck", "false").
					Attr("autocapitalize", "off").
					Aria("describedby", "paste-hint paste-privacy").
					OnInput(p.onInput).
					OnChange(p.onChange).
					On("paste", p.onPaste),
				app.If(b.text != "",
					app.Button().Type("button").Class("button button-secondary").DataSet("action", "paste-clear").
						OnClick(p.onClear).Text("Clear"),
				),
			),
		),
		app.If(b.multi, p.renderLines()),
		app.P().ID("paste-privacy").Class("paste-privacy").Body(
			app.Text(privacyNote+" "),
			p.renderLinkText(),
		),
		app.If(p.Failed(), ui.FailurePanel(&p.Boundary, p.onClear)),
		app.If(!p.Failed(), p.renderAnswer()),
	)
}

// renderLines renders the textarea that holds a paste of several lines.
func (p *homePage) renderLines() app.UI {
	b := &p.box
	n := b.lineCount()
	label := field.Count(n, "line", "lines") + " pasted"
	if n > paste.MaxLines {
		label = "More than " + field.Count(paste.MaxLines, "line", "lines") + " pasted"
	}
	ta := app.Textarea().ID("paste-lines").Name("paste-lines").Rows(min(max(n, 4), 14)).Class("paste-lines").
		Attr("spellcheck", "false").Attr("autocapitalize", "off").Attr("autocomplete", "off").Attr("wrap", "off").
		Aria("describedby", "paste-lines-hint").OnInput(p.onLines)
	if app.IsServer {
		ta = ta.Text(b.area)
	} else {
		ta = ta.Attr("value", b.area)
	}
	return app.Div().Class("field paste-lines-field").Body(
		app.Label().For("paste-lines").Text(label),
		ta,
		app.P().ID("paste-lines-hint").Class("field-message").Text("The box above shows the first line; edit the lines here. Typing in the box starts a new paste."),
	)
}

// renderLinkText offers to put the text itself in the link.
func (p *homePage) renderLinkText() app.UI {
	b := &p.box
	switch {
	case b.text == "":
		return nil
	case b.linked:
		return app.Span().DataSet("field", "paste-linked").Text("This page's link holds the text.")
	case len(b.text) > maxLinkText:
		return app.Span().Text("(The text is too long for a link.)")
	}
	return app.Button().Type("button").Class("button button-secondary").DataSet("action", "paste-link").
		OnClick(p.onLinkText).Text("Put the text in the link")
}

// renderAnswer renders what the paste is and where its answer is.
func (p *homePage) renderAnswer() app.UI {
	v := p.box.view
	if p.box.pending && v.blank {
		return app.P().ID("paste-answer").Class("paste-answer").Aria("busy", true).Role("status").
			DataSet("field", "paste-pending").Text("Reading " + field.Count(min(p.box.lineCount(), paste.MaxLines), "line", "lines") + "…")
	}
	if v.blank {
		return nil
	}
	r := v.result
	answer := app.Div().ID("paste-answer").Class("paste-answer").Aria("busy", p.box.pending)
	if p.box.pending {
		answer = answer.Class("paste-stale")
	}
	var reading app.UI
	if p.box.pending {
		reading = app.P().Role("status").DataSet("field", "paste-pending").
			Text("Reading " + field.Count(min(p.box.lineCount(), paste.MaxLines), "line", "lines") + "…")
	}
	var open app.UI
	if r.Link != "" {
		open = app.P().Class("paste-open").Body(
			app.A().Class("button").Href(ui.Href(r.Link)).DataSet("field", "paste-open").Text(openText(r)),
		)
	}
	return answer.Body(
		reading,
		app.P().Class("paste-what").Aria("live", "polite").Body(
			app.Span().Class("visually-hidden").Text("Recognised as: "),
			app.Span().Class("paste-kind").DataSet("field", "paste-kind").Text(r.Kind.String()),
			app.Text(" "),
			app.Span().DataSet("field", "paste-summary").Text(sentence(r.Summary)),
		),
		open,
		p.renderDetails(),
		app.If(len(r.Notes) > 0,
			app.Div().Class("paste-notes").Body(
				app.H3().Text("Left out"),
				app.Ul().Body(app.Range(r.Notes).Slice(func(i int) app.UI {
					return app.Li().DataSet("field", "paste-note").Text(sentence(r.Notes[i]))
				})),
			),
		),
	)
}

// renderDetails renders what is particular to the kind of paste.
func (p *homePage) renderDetails() app.UI {
	v := p.box.view
	switch v.result.Kind {
	case paste.KindError:
		return renderDiagnosis(v.result.Diagnosis)
	case paste.KindSockets, paste.KindContainers, paste.KindInterfaces:
		return app.Div().Body(renderMachine(v.result.Machine), renderFindings(v.findings, "machine"))
	case paste.KindCluster:
		return app.Div().Body(renderCluster(v.result.Cluster), renderFindings(v.findings, "cluster"))
	case paste.KindUnknown:
		forms := paste.Forms()
		return app.Div().Class("paste-unknown").Body(
			app.P().DataSet("field", "paste-unknown").Text("Not recognised: this is none of the forms Netground reads."),
			app.P().Text("Netground understands:"),
			app.Ul().Body(app.Range(forms).Slice(func(i int) app.UI {
				return app.Li().DataSet("field", "paste-form").Text(forms[i])
			})),
		)
	}
	return nil
}

// openText says where the paste-open link goes.
func openText(r paste.Result) string {
	switch r.Kind {
	case paste.KindError:
		return "Reproduce it in the " + ui.WidgetLabel(r.Page)
	case paste.KindSockets, paste.KindContainers, paste.KindInterfaces:
		return "Open your machine in the " + ui.WidgetLabel(r.Page)
	case paste.KindCluster:
		return "Open your cluster in the " + ui.WidgetLabel(r.Page)
	}
	if r.Page == scenario.WidgetPlan {
		return "Open it in the network plan"
	}
	return "Open it on the " + ui.WidgetLabel(r.Page) + " page"
}

// renderDiagnosis explains an error message.
func renderDiagnosis(d paste.Diagnosis) app.UI {
	facts := []app.UI{ui.Fact("Error", "paste-errno", d.Errno.String())}
	if d.Addr.IsValid() {
		facts = append(facts, ui.Fact("Address", "paste-addr", d.Addr.String()))
	}
	if d.Host != "" {
		facts = append(facts, ui.Fact("Host", "paste-host", d.Host))
	}
	if d.Port != 0 {
		facts = append(facts, ui.Fact("Port", "paste-port", strconv.Itoa(int(d.Port))))
	}
	if d.Op != "" {
		facts = append(facts, ui.Fact("While", "paste-op", d.Op+"()"))
	}
	if d.Source != "" {
		facts = append(facts, ui.Fact("Printed by", "paste-source", d.Source))
	}
	facts = append(facts,
		ui.Fact("System", "paste-os", osName(d.OS.String())),
		ui.Fact("In the lab", "paste-verdict", d.LabOutcome),
		ui.Fact("Line read", "paste-line", d.Line),
	)
	return app.Div().Class("paste-diagnosis").Body(
		app.H3().DataSet("field", "paste-error-title").Text(d.Title),
		app.Dl().Class("facts").Body(facts...),
		app.P().DataSet("field", "paste-explanation").Text(d.Explanation),
		app.If(len(d.Notes) > 0,
			app.Ul().Body(app.Range(d.Notes).Slice(func(i int) app.UI {
				return app.Li().DataSet("field", "paste-error-note").Text(sentence(d.Notes[i]))
			})),
		),
		app.H4().Text("The usual causes, likeliest first"),
		app.Ol().Class("paste-causes").Body(app.Range(d.Causes).Slice(func(i int) app.UI {
			return app.Li().DataSet("field", "paste-cause").Text(sentence(d.Causes[i]))
		})),
		app.If(d.Fix != "", app.P().Body(
			app.Strong().Text("The usual fix: "),
			app.Span().DataSet("field", "paste-fix").Text(sentence(d.Fix)),
		)),
		app.If(d.LabNote != "", app.P().DataSet("field", "paste-lab-note").Text(sentence(d.LabNote))),
		app.H4().Text("What this rests on"),
		app.Ul().Class("paste-refs").Body(app.Range(d.Refs).Slice(func(i int) app.UI {
			return app.Li().DataSet("field", "paste-ref").Body(refUI(d.Refs[i]))
		})),
	)
}

// refUI shows a reference, linked to its document where it has a known
// place.
func refUI(ref string) app.UI {
	u := paste.RefURL(ref)
	if u == "" {
		return app.Cite().Text(ref)
	}
	return app.A().Href(u).Rel("noopener").Target("_blank").Body(app.Cite().Text(ref))
}

func osName(s string) string {
	switch s {
	case "macos":
		return "macOS"
	case "windows":
		return "Windows"
	case "linux":
		return "Linux"
	}
	return s
}

// renderMachine says what was read of a machine's listings. Only the
// first maxListed of each list are written out: a paste of thousands of
// sockets costs no more to render than one of forty.
func renderMachine(m paste.Machine) app.UI {
	sockets := firstListed(m.Listeners, paste.Listener.String)
	containers := firstListed(m.Containers, containerText)
	ifaces := firstListed(m.Interfaces, interfaceText)
	return app.Div().Class("paste-read").Body(
		app.H3().Text("What was read"),
		app.Dl().Class("facts").Body(
			ui.Fact("System", "paste-os", osName(m.OS.String())),
			ui.Fact("Listening sockets", "paste-listeners", strconv.Itoa(len(m.Listeners))),
			ui.Fact("Containers", "paste-containers", strconv.Itoa(len(m.Containers))),
			ui.Fact("Interfaces", "paste-interfaces", strconv.Itoa(len(m.Interfaces))),
		),
		listDetails("Sockets", "paste-socket", sockets, len(m.Listeners)),
		listDetails("Containers and their published ports", "paste-container", containers, len(m.Containers)),
		listDetails("Interfaces", "paste-interface", ifaces, len(m.Interfaces)),
	)
}

func pubSocket(p paste.Published) string {
	if p.HostAddr.Is6() {
		return "[" + p.HostAddr.String() + "]:" + strconv.Itoa(int(p.HostPort))
	}
	return p.HostAddr.String() + ":" + strconv.Itoa(int(p.HostPort))
}

func roleName(role string) string {
	switch role {
	case "lan":
		return "LAN"
	case "bridge":
		return "Docker bridge"
	case "veth":
		return "a container's link"
	case "other":
		return "VPN or virtual"
	}
	return role
}

// renderCluster says what was read of a cluster's listings.
func renderCluster(c paste.Cluster) app.UI {
	pods := firstListed(c.Pods, podText)
	services := firstListed(c.Services, serviceText)
	return app.Div().Class("paste-read").Body(
		app.H3().Text("What was read"),
		app.Dl().Class("facts").Body(
			ui.Fact("Pods", "paste-pods", strconv.Itoa(len(c.Pods))),
			ui.Fact("Services", "paste-services", strconv.Itoa(len(c.Services))),
			ui.Fact("Endpoints", "paste-endpoints", strconv.Itoa(len(c.Endpoints))),
			ui.Fact("Nodes", "paste-nodes", strconv.Itoa(len(c.Nodes))),
		),
		listDetails("Pods", "paste-pod", pods, len(c.Pods)),
		listDetails("Services", "paste-service", services, len(c.Services)),
	)
}

func qualified(ns, name string) string {
	if ns == "" {
		return name
	}
	return ns + "/" + name
}

// listDetails lists shown, the first of total items (at most maxListed of
// them), in a closed details element; nothing when there are none.
func listDetails(title, fieldName string, shown []string, total int) app.UI {
	if total == 0 {
		return nil
	}
	shown = shown[:min(len(shown), maxListed)]
	return app.Details().Class("paste-list").Body(
		app.Summary().Text(fmt.Sprintf("%s (%d)", title, total)),
		app.Ul().Body(app.Range(shown).Slice(func(i int) app.UI {
			return app.Li().Body(app.Code().DataSet("field", fieldName).Text(shown[i]))
		})),
		app.If(total > len(shown), app.P().Text(fmt.Sprintf("and %d more, in the lab.", total-len(shown)))),
	)
}

// renderFindings lists the usual mistakes found on a machine or in a
// cluster.
func renderFindings(fs []paste.Finding, what string) app.UI {
	if len(fs) == 0 {
		return app.Div().Class("paste-findings").Body(
			app.H3().Text("Findings"),
			app.P().DataSet("field", "paste-no-findings").Text("No usual mistake found on this "+what+"; the lab shows who can reach what."),
		)
	}
	return app.Div().Class("paste-findings").Body(
		app.H3().Text("Findings"),
		app.Ul().Body(app.Range(fs).Slice(func(i int) app.UI {
			f := fs[i]
			return app.Li().Class("paste-finding paste-"+f.Severity).DataSet("field", "paste-finding").
				DataSet("kind", f.Kind.String()).DataSet("severity", f.Severity).Body(
				app.Strong().Text(severityText(f.Severity)+": "),
				app.Text(sentence(f.Message)),
			)
		})),
	)
}

func severityText(s string) string {
	if s == "" {
		return "Note"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// sentence starts s with a capital and ends it with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	if c := s[0]; c >= 'a' && c <= 'z' {
		s = string(c-'a'+'A') + s[1:]
	}
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}

// firstListed formats the first maxListed items of list: a paste of
// thousands of rows costs no more to render than one of forty.
func firstListed[T any](list []T, format func(T) string) []string {
	out := make([]string, 0, min(len(list), maxListed))
	for _, x := range list[:min(len(list), maxListed)] {
		out = append(out, format(x))
	}
	return out
}

func containerText(c paste.Container) string {
	ifaces := []string{}
	for _, pub := range c.Published {
		ifaces = append(ifaces, fmt.Sprintf("%v → %d/%s", pubSocket(pub), pub.Port, pub.Proto))
	}
	s := c.Name
	if c.Image != "" {
		s += " (" + c.Image + ")"
	}
	if len(ifaces) > 0 {
		s += ": " + strings.Join(ifaces, ", ")
	} else {
		s += ": no published port"
	}
	return s
}

func interfaceText(i paste.Interface) string {
	var addrs []string
	for _, a := range i.Addrs {
		addrs = append(addrs, a.String())
	}
	s := i.Name + " (" + roleName(i.Role()) + ")"
	if len(addrs) > 0 {
		s += ": " + strings.Join(addrs, " ")
	}
	return s
}

func podText(p paste.Pod) string {
	s := qualified(p.Namespace, p.Name)
	if p.IP.IsValid() {
		s += " " + p.IP.String()
	}
	if p.Node != "" {
		s += " on " + p.Node
	}
	if p.Status != "" {
		s += " (" + p.Status + ")"
	}
	return s
}

func serviceText(v paste.Service) string {
	s := qualified(v.Namespace, v.Name) + " " + v.Type
	switch {
	case v.Headless:
		s += " headless"
	case v.ClusterIP.IsValid():
		s += " " + v.ClusterIP.String()
	}
	var ports []string
	for _, sp := range v.Ports {
		t := strconv.Itoa(int(sp.Port))
		if sp.NodePort != 0 {
			t += ":" + strconv.Itoa(int(sp.NodePort))
		}
		ports = append(ports, t+"/"+sp.Proto)
	}
	if len(ports) > 0 {
		s += " " + strings.Join(ports, ",")
	}
	return s
}
