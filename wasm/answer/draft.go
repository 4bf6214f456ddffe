package answer

import (
	"net/url"
	"slices"
	"strings"

	"github.com/netground/netground/core/addr"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
	. "github.com/netground/netground/wasm/markup"
)

// Pause is how long, in milliseconds, an incomplete input may rest before
// the page says what is wrong with it (Draft.Settle).
const Pause = 1200

// Input says how far what was typed in a page's main input is from an
// answer.
type Input int

const (
	// InputValid has an answer.
	InputValid Input = iota
	// InputIncomplete has no answer yet, but typing more at its end could
	// give one: "8.8.", "10.0.0.0/".
	InputIncomplete
	// InputInvalid has no answer, whatever is typed after it.
	InputInvalid
)

// AddrInput says how far the Address page's input is from an answer.
func AddrInput(ip string) Input {
	switch {
	case addr.Incomplete(ip):
		return InputIncomplete
	case DescribeAddress(ip).valid():
		return InputValid
	}
	return InputInvalid
}

func (v AddrView) valid() bool { return v.Err == "" }

// SubnetInput says how far the Subnet page's subnet is from an answer.
func SubnetInput(net string) Input {
	if subnet.Incomplete(net) {
		return InputIncomplete
	}
	if _, err := subnet.Parse(net); err != nil {
		return InputInvalid
	}
	return InputValid
}

// portsCompletions finish a socket, a URL, a port with its transport.
var portsCompletions = []string{"0", "1", "tcp", "]:0", ":0", "//x", "/x"}

// PortsInput says how far the Ports page's query is from an answer.
func PortsInput(q string) Input {
	q = strings.TrimSpace(q)
	if q == "" {
		return InputIncomplete
	}
	v := DescribePorts(q, nil)
	if v.Err == "" {
		return InputValid
	}
	// A completion must finish what was begun, not turn it into a search
	// for any text; only a socket may turn out to be a URL (http: → http://).
	for _, c := range portsCompletions {
		if w := DescribePorts(q+c, nil); w.Err == "" && (w.Mode == v.Mode || v.Mode == "socket" && w.Mode == "url") {
			return InputIncomplete
		}
	}
	return InputInvalid
}

// draftRegions names, for each page with a Draft, the region of its main
// input's message and the regions of its result.
var draftRegions = map[scenario.Widget]struct {
	message string
	results []string
}{
	scenario.WidgetAddr:   {"addr-ip-message", []string{"addr-verdict", "addr-details"}},
	scenario.WidgetSubnet: {"subnet-net-message", []string{"subnet-result"}},
	scenario.WidgetPorts:  {"ports-q-message", []string{"ports-result", "ports-ranges"}},
}

// Draft keeps a page's last whole answer while its main input is being
// typed, so that typing 8.8.8.8 does not flash an error at 8, 8. and 8.8
// and empty the page in between. While the input is incomplete, and until
// it has rested for Pause (Settle), the page shows the last answer dimmed
// and marked as for the input it answers, and no error; an input that no
// typing can make valid shows its error at once. The zero Draft has no
// answer yet: the first input shows as it is.
type Draft struct {
	widget    scenario.Widget
	last      Regions // the last whole answer, "" when none
	lastInput string
	settled   string // the incomplete input whose pause is over
	isSettled bool   // whether settled is set
}

// NewDraft returns the Draft of widget w's page.
func NewDraft(w scenario.Widget) *Draft { return &Draft{widget: w} }

// Show returns what the page shows for r, the answer to input, which is
// in state st, and whether the page waits for the input to rest: the
// caller then calls Settle(input) after Pause and shows again. A nil Draft
// shows r as it is.
func (d *Draft) Show(r Regions, input string, st Input) (shown Regions, waiting bool) {
	if d == nil {
		return r, false
	}
	page, ok := draftRegions[d.widget]
	switch {
	case !ok:
		return r, false
	case st == InputValid:
		d.last, d.lastInput, d.settled, d.isSettled = r, input, "", false
		return r, false
	case st == InputInvalid || d.last == nil || d.isSettled && d.settled == input:
		return r, false
	}
	shown = make(Regions, 0, len(r))
	for _, reg := range r {
		switch {
		case reg.ID == page.message:
			reg.HTML = El("span",
				Text("Keep typing: the answer below is for "),
				El("code", Text(strings.TrimSpace(d.lastInput))),
				Text("."),
			).Class("typing-hint").Field("typing-hint").String()
		case slices.Contains(page.results, reg.ID):
			class := "stale"
			if reg.ID == page.results[0] {
				class += " stale-labelled"
			}
			reg.HTML = El("div", Markup(d.last.HTML(reg.ID))).Class(class).
				Attr("data-stale-for", strings.TrimSpace(d.lastInput)).String()
		}
		shown = append(shown, reg)
	}
	return shown, true
}

// Settle records that input has rested without becoming valid: Show then
// shows its error.
func (d *Draft) Settle(input string) {
	if d != nil {
		d.settled, d.isSettled = input, true
	}
}

// DraftInput returns the main input of widget w's page in a link's
// parameters, as the page opens it, and how far it is from an answer.
func DraftInput(w scenario.Widget, q url.Values) (string, Input) {
	switch w {
	case scenario.WidgetAddr:
		s, _ := AddrLink(q)
		return s.IP, AddrInput(s.IP)
	case scenario.WidgetSubnet:
		s, _ := SubnetLink(q)
		return s.Net, SubnetInput(s.Net)
	case scenario.WidgetPorts:
		s, _ := PortsLink(q)
		return s.Q, PortsInput(s.Q)
	}
	return "", InputValid
}
