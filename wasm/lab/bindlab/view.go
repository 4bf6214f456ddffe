package bindlab

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/wasm/ui"
)

// maxMatrixTargets is the number of matrix columns shown; a larger
// scenario's matrix is cut, with a note.
const maxMatrixTargets = 40

// view is everything the page shows for one scenario, computed before
// Render.
type view struct {
	Err        string // the scenario does not run
	OS         string
	Localhost  string
	Client     string
	Step       int  // the step shown: 0 the start, N after N actions
	Latest     step // the outcome of the step shown
	HasLatest  bool
	Setup      []step
	Steps      []step
	Sockets    []socketRow
	Matrix     matrixView
	Vantages   []option // for the connect form
	Containers []string // bridge-network containers, for the publish form
	Places     []option // host and every container, for the listen form
	TimeWait   bool     // some socket is in TIME_WAIT: offer to wait
	Attempt    attempt  // what the step shown tried
	Picture    string   // the attempt and the host, as HTML
	Summary    string   // the picture in words
}

// option is one choice of a select.
// option is one choice of a select box.
type option = ui.LabOption

// step is one action with its outcome.
type step = ui.LabStep

// socketRow is one open socket.
type socketRow struct {
	ID, Process, Where, Proto, Local, Options, State, Covers string
	In                                                       string
	Port                                                     int
	CanStop                                                  bool
}

// matrixView is every vantage point against every listening socket.
type matrixView struct {
	Cols []string
	Rows []matrixRow
	Note string
}

type matrixRow struct {
	Vantage string
	Cells   []matrixCell
}

type matrixCell struct {
	Verdict, Tone, Title string
}

// tone says whether a verdict is good news.
func tone(v bind.Verdict) string {
	switch v {
	case bind.OK, bind.Connected, bind.Done:
		return "yes"
	case bind.TimedOut:
		return "depends"
	}
	return "no"
}

// vantageLabel names a vantage point for people.
func vantageLabel(v bind.Vantage) string {
	switch v {
	case bind.FromHost:
		return "a process on the host"
	case bind.FromLAN:
		return "a LAN neighbour"
	case bind.FromInternet:
		return "the internet"
	}
	if c := v.Container(); c != "" {
		return "container " + c
	}
	return v.String()
}

// sockAddr writes a socket address as people type it.
func sockAddr(a netip.Addr, port int) string {
	return netip.AddrPortFrom(a, uint16(port)).String()
}

// describeAction says what an action does, in one line.
func describeAction(a bind.Action) string {
	who := a.Process
	if who == "" {
		who = "a process"
	}
	where := ""
	if a.In != "" {
		where = " in container " + a.In
	}
	switch a.Do {
	case bind.Listen, bind.BindOnly:
		verb := "listens on"
		if a.Do == bind.BindOnly {
			verb = "binds (no listen)"
		}
		s := fmt.Sprintf("%s%s %s %s %s", who, where, verb, a.Proto, sockAddr(a.Addr, a.Port))
		if o := optionsText(a.Socket); o != "" {
			s += " with " + o
		}
		return s
	case bind.Close:
		s := "stop " + who + where
		if a.Port != 0 {
			s += " (port " + strconv.Itoa(a.Port) + ")"
		}
		if a.TimeWait {
			s += ", leaving TIME_WAIT"
		}
		return s
	case bind.Wait:
		return "wait 2×MSL until every TIME_WAIT expires"
	case bind.Publish:
		if a.Publish == nil {
			return "publish"
		}
		return "docker run -p " + publishFlag(*a.Publish)
	case bind.Connect:
		s := fmt.Sprintf("connect from %s to %s port %d (%s)", vantageLabel(a.From), a.To, a.Port, a.Proto)
		if a.Client != bind.HappyEyeballs {
			s += ", dialing " + a.Client.String()
		}
		return s
	case bind.Localhost:
		return "localhost resolves " + a.Order.String()
	case bind.Client:
		return "clients dial " + a.Client.String()
	}
	return a.Do.String()
}

func publishFlag(p bind.Port) string {
	hp := strconv.Itoa(p.HostPort)
	s := hp + ":" + strconv.Itoa(p.Port)
	if p.Addr.IsValid() {
		a := p.Addr.String()
		if p.Addr.Is6() {
			a = "[" + a + "]"
		}
		s = a + ":" + s
	}
	if p.Proto == bind.UDP {
		s += "/udp"
	}
	return s + " " + p.Container
}

// optionsText lists a socket's options.
func optionsText(so bind.Socket) string {
	o := so.Options()
	if so.Privileged {
		o = append(o, "root")
	}
	if so.User != "" {
		o = append(o, "user "+so.User)
	}
	return strings.Join(o, ", ")
}

func makeStep(n int, action string, r bind.Result) step {
	return step{N: n, Action: action, Verdict: r.Verdict.String(), Tone: tone(r.Verdict), Reasons: r.Reasons}
}

// covers says which destinations a listening socket takes.
func covers(so bind.Socket, o bind.OS) string {
	a := so.Addr
	v6only := so.V6Only == bind.On || (so.V6Only == bind.Default && o.V6OnlyDefault())
	switch {
	case a.Is4() && a.IsUnspecified():
		return "every IPv4 address of its namespace"
	case a.IsUnspecified() && !v6only:
		return "every IPv6 and IPv4 address (dual-stack)"
	case a.IsUnspecified():
		return "every IPv6 address, no IPv4"
	case a.IsLoopback():
		return "loopback only: the same namespace"
	}
	return "this address only"
}

// buildView runs the scenario and lays out what the page shows at step
// (clamped to the scenario): that step's outcome, and the sockets, the
// matrix and the picture as they are after it.
func buildView(s bind.Scenario, step int) view {
	tr, err := bind.Run(s)
	if err != nil {
		return view{Err: err.Error()}
	}
	step = max(0, min(step, len(tr.Steps)))
	v := view{OS: s.OS.String(), Step: step}
	for i, r := range tr.Setup {
		label := "publish"
		var a bind.Action
		if i < len(s.Sockets) {
			so := s.Sockets[i]
			a = bind.Action{Do: bind.Listen, Socket: so}
			label = describeAction(a)
			if so.State == bind.TimeWait {
				label += " (in TIME_WAIT)"
			}
		} else if j := i - len(s.Sockets); j < len(s.Publish) {
			a = bind.Action{Do: bind.Publish, Publish: &s.Publish[j]}
			label = "docker run -p " + publishFlag(s.Publish[j])
		}
		v.Setup = append(v.Setup, makeStep(0, label, r))
		if step == 0 {
			v.Attempt = attemptOf(0, a, r, label)
		}
	}
	for i, stp := range tr.Steps {
		v.Steps = append(v.Steps, makeStep(i+1, describeAction(stp.Action), stp.Result))
	}
	st := tr.StateAt(step)
	if step > 0 {
		stp := tr.Steps[step-1]
		v.Attempt = attemptOf(step, stp.Action, stp.Result, v.Steps[step-1].Action)
	}
	switch {
	case step > 0:
		v.Latest, v.HasLatest = v.Steps[step-1], true
	case len(v.Setup) > 0:
		v.Latest, v.HasLatest = v.Setup[len(v.Setup)-1], true
	}
	v.Localhost, v.Client = st.Localhost().String(), st.Client().String()
	o := st.OS()
	for _, so := range st.Sockets() {
		where := "host"
		if so.In != "" {
			where = "container " + so.In
		}
		row := socketRow{ID: strconv.Itoa(so.ID), Process: so.Process, Where: where, In: so.In, Port: so.Port,
			Proto: so.Proto.String(), Local: sockAddr(so.Addr, so.Port), Options: optionsText(so.Socket),
			State: so.State.String(), Covers: covers(so.Socket, o)}
		if so.Forward.IsValid() {
			row.Covers += "; forwards to " + so.Forward.String()
		}
		if so.State == bind.TimeWait {
			v.TimeWait = true
			row.Covers = "nothing: the old connections linger for 2×MSL"
		}
		row.CanStop = so.State != bind.TimeWait && so.Process != "" && so.Process != "docker-proxy"
		v.Sockets = append(v.Sockets, row)
	}
	v.Matrix = buildMatrix(st)
	for _, vp := range st.Vantages() {
		v.Vantages = append(v.Vantages, option{vp.String(), vantageLabel(vp)})
	}
	v.Places = []option{{"", "the host"}}
	for _, c := range st.Containers() {
		v.Places = append(v.Places, option{c.Name, "container " + c.Name})
		if c.Network != "host" {
			v.Containers = append(v.Containers, c.Name)
		}
	}
	if step == 0 && len(tr.Setup) == 0 {
		v.Attempt = attempt{Action: "nothing has happened yet"}
	}
	v.Picture, v.Summary = picture(s, st, v.Attempt)
	return v
}

func buildMatrix(st bind.State) matrixView {
	m := st.Matrix()
	var mv matrixView
	n := len(m.Targets)
	if n > maxMatrixTargets {
		mv.Note = fmt.Sprintf("Showing the first %d of %d destinations.", maxMatrixTargets, n)
		n = maxMatrixTargets
	}
	for _, t := range m.Targets[:n] {
		who := t.Process
		if t.In != "" {
			who += " in " + t.In
		}
		mv.Cols = append(mv.Cols, fmt.Sprintf("%s %s (%s)", t.Proto, t.Dial, who))
	}
	for i, vp := range m.Vantages {
		row := matrixRow{Vantage: vantageLabel(vp)}
		for _, r := range m.Cells[i][:n] {
			title := ""
			if len(r.Reasons) > 0 {
				title = r.Reasons[len(r.Reasons)-1]
			}
			row.Cells = append(row.Cells, matrixCell{Verdict: r.Verdict.String(), Tone: tone(r.Verdict), Title: title})
		}
		mv.Rows = append(mv.Rows, row)
	}
	return mv
}
