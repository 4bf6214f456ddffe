package bindlab

import (
	"fmt"
	"html"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/bind"
)

// markup accumulates the picture's HTML.
type markup struct{ b strings.Builder }

// open writes a start tag; attrs are name, value pairs, values escaped.
func (m *markup) open(tag, class string, attrs ...string) {
	m.b.WriteString("<" + tag)
	if class != "" {
		m.b.WriteString(` class="` + class + `"`)
	}
	for i := 0; i+1 < len(attrs); i += 2 {
		fmt.Fprintf(&m.b, ` %s="%s"`, attrs[i], html.EscapeString(attrs[i+1]))
	}
	m.b.WriteString(">")
}

func (m *markup) close(tag string) { m.b.WriteString("</" + tag + ">") }

// el writes an element holding text.
func (m *markup) el(tag, class, text string, attrs ...string) {
	m.open(tag, class, attrs...)
	m.b.WriteString(html.EscapeString(text))
	m.close(tag)
}

// ifaceColumn is the interface a specific address belongs to: 0 loopback,
// 1 LAN, 2 the Docker bridge, -1 none of the host's.
func ifaceColumn(a netip.Addr, lan, lan6, bridge netip.Prefix) int {
	switch {
	case a.IsLoopback():
		return 0
	case a == lan.Addr() || (lan6.IsValid() && a == lan6.Addr()):
		return 1
	case a == bridge.Addr():
		return 2
	}
	return -1
}

func chipLabel(so bind.Open) string {
	l := sockAddr(so.Addr, so.Port) + " " + so.Process
	if so.Proto == bind.UDP {
		l = "udp " + l
	}
	if so.Forward.IsValid() {
		l += " → " + so.Forward.String()
	}
	if so.State == bind.TimeWait {
		l += " (TIME_WAIT)"
	}
	return l
}

func chipClass(so bind.Open) string {
	switch {
	case so.State == bind.TimeWait:
		return "bindlab-chip-wait"
	case so.State == bind.Bound:
		return "bindlab-chip-bound"
	case so.Addr.IsUnspecified():
		return "bindlab-chip-wild"
	}
	return ""
}

// placeKey names a box of the map a hop is in: "host", "ctr:NAME", "lan",
// "internet" (the router and the internet share one box).
func placeKey(h bind.Hop) string {
	switch h.Kind {
	case bind.HopHost, bind.HopProxy:
		return "host"
	case bind.HopContainer:
		return "ctr:" + h.Container
	case bind.HopLAN:
		return "lan"
	case bind.HopRouter, bind.HopInternet:
		return "internet"
	}
	return ""
}

// pathMarks is which boxes of the map the attempt passes: the hop numbers
// per box, and the box it stops in.
type pathMarks struct {
	order map[string][]string
	stop  string
}

func marksOf(at attempt) pathMarks {
	pm := pathMarks{order: map[string][]string{}}
	if at.Kind != "connect" {
		return pm
	}
	for i, h := range at.Hops {
		k := placeKey(h)
		n := strconv.Itoa(i + 1)
		if o := pm.order[k]; len(o) == 0 || o[len(o)-1] != n {
			pm.order[k] = append(pm.order[k], n)
		}
		pm.stop = k
	}
	return pm
}

// box opens a box of the map, marked when the attempt passes it.
func (m *markup) box(class, key string, pm pathMarks) {
	attrs := []string{"data-place", key}
	if o := pm.order[key]; len(o) > 0 {
		attrs = append(attrs, "data-on-path", "true")
		if pm.stop == key {
			attrs = append(attrs, "data-stop", "true")
		}
	}
	m.open("div", "bindlab-box "+class, attrs...)
}

// badge writes a box's hop numbers, as the NAT lab numbers a packet's hops.
func (m *markup) badge(key string, pm pathMarks) {
	if o := pm.order[key]; len(o) > 0 {
		m.el("span", "lab-path-badge", "▶ "+strings.Join(o, ", "), "data-field", "attempt-mark")
	}
}

// renderAttempt writes the attempt: from, to, each hop and the stop, as
// a vertical list that keeps its text size on any screen.
func (m *markup) renderAttempt(at attempt) {
	if at.Kind == "" {
		m.open("section", "lab-path bindlab-attempt", "data-field", "attempt", "data-kind", "none")
		m.el("p", "lab-path-none", at.title()+" tries no connection and binds no socket: "+at.Action+".")
		m.close("section")
		return
	}
	m.open("section", "lab-path bindlab-attempt", "data-field", "attempt", "data-kind", at.Kind, "aria-labelledby", "bindlab-attempt-title")
	m.el("h3", "lab-path-title", at.title(), "id", "bindlab-attempt-title")
	m.open("dl", "lab-path-ends")
	m.open("div", "")
	m.el("dt", "", "From")
	m.el("dd", "", at.From, "data-field", "attempt-from")
	m.close("div")
	m.open("div", "")
	m.el("dt", "", "To")
	m.open("dd", "")
	m.el("code", "", at.To, "data-field", "attempt-to")
	m.b.WriteString(" " + html.EscapeString(at.Proto))
	m.close("dd")
	m.close("div")
	m.close("dl")
	if at.Kind == "connect" {
		m.open("ol", "lab-path-hops", "aria-label", "The path, place by place")
		for i, h := range at.Hops {
			attrs := []string{"data-field", "attempt-hop", "data-kind", h.Kind}
			if i == len(at.Hops)-1 {
				attrs = append(attrs, "data-stop", "true", "data-tone", at.Tone)
			}
			m.open("li", "lab-path-hop", attrs...)
			switch {
			case i == 0:
				m.el("span", "lab-path-via", "starts at")
			case h.Via != "":
				m.el("span", "lab-path-via", "via "+h.Via)
			}
			m.el("strong", "lab-path-place", h.Name)
			if h.Dst.IsValid() {
				m.b.WriteString(" ")
				m.el("code", "lab-path-addr", h.Dst.String())
			}
			m.close("li")
		}
		m.close("ol")
	}
	mark := "✗"
	if at.Tone == "yes" {
		mark = "✓"
	}
	m.open("p", "lab-path-stop", "data-field", "attempt-stop", "data-verdict", at.Verdict, "data-tone", at.Tone)
	m.el("span", "lab-path-mark", mark+" ", "aria-hidden", "true")
	m.el("strong", "", at.Verdict)
	m.b.WriteString(" — " + html.EscapeString(at.Stop))
	m.close("p")
	m.close("section")
}

// picture draws the attempt of the step shown, then the host, its
// interfaces and containers, with each socket on the interface it binds
// and the places the attempt passes numbered; and says the same in words.
// It is HTML boxes, so its text keeps its size on a narrow screen.
func picture(sc bind.Scenario, st bind.State, at attempt) (string, string) {
	lan, lan6, bridge := sc.Host.LAN, sc.Host.LAN6, sc.Host.Bridge
	if !lan.IsValid() {
		lan = bind.DefaultLAN
	}
	if !bridge.IsValid() {
		bridge = bind.DefaultBridge
	}
	public := sc.Host.Router.Public
	if !public.IsValid() {
		public = bind.DefaultPublic
	}
	var host, wild []bind.Open
	byCtr := map[string][]bind.Open{}
	for _, so := range st.Sockets() {
		switch {
		case so.In != "":
			byCtr[so.In] = append(byCtr[so.In], so)
		case so.Addr.IsUnspecified():
			wild = append(wild, so)
		default:
			host = append(host, so)
		}
	}
	pm := marksOf(at)
	var words []string
	if w := at.words(); w != "" {
		words = append(words, w)
	}
	var m markup
	m.open("div", "bindlab-picture")
	m.renderAttempt(at)
	m.open("div", "bindlab-map", "data-field", "host-map")
	chip := func(so bind.Open, label string) {
		attrs := []string{"data-field", "picture-socket"}
		if at.Socket != 0 && so.ID == at.Socket {
			attrs = append(attrs, "data-accepts", "true")
			label += " ✓ accepts"
		}
		m.el("li", "bindlab-chip "+chipClass(so), label, attrs...)
	}
	// The outside world.
	nat := "NAT"
	if sc.Host.Router.NoNAT {
		nat = "no NAT"
	}
	m.open("div", "bindlab-outside-row")
	m.box("bindlab-outside", "internet", pm)
	m.badge("internet", pm)
	m.el("p", "bindlab-label", fmt.Sprintf("Internet → router %v (%s)", public, nat))
	m.close("div")
	m.box("bindlab-outside", "lan", pm)
	m.badge("lan", pm)
	m.el("p", "bindlab-label", "LAN neighbour on "+lan.Masked().String())
	m.close("div")
	m.close("div")

	hostLabel := fmt.Sprintf("Host (%s)", st.OS())
	if sc.Host.Firewall.On {
		hostLabel += " — firewall on"
	}
	m.box("bindlab-host", "host", pm)
	m.badge("host", pm)
	m.el("p", "bindlab-label", hostLabel)
	words = append(words, fmt.Sprintf("The host runs %s with loopback 127.0.0.1 and ::1, LAN address %v and Docker bridge %v.", st.OS(), lan, bridge))
	if len(wild) > 0 {
		m.el("p", "bindlab-small", "All interfaces (wildcard sockets):")
		m.open("ul", "bindlab-chips")
		for _, so := range wild {
			chip(so, chipLabel(so)+" — every interface")
			words = append(words, fmt.Sprintf("%s listens on %s: every interface of the host.", so.Process, sockAddr(so.Addr, so.Port)))
		}
		m.close("ul")
	}
	cols := [3][]bind.Open{}
	for _, so := range host {
		if c := ifaceColumn(so.Addr, lan, lan6, bridge); c >= 0 {
			cols[c] = append(cols[c], so)
		}
	}
	heads := [3][2]string{{"lo (loopback)", "127.0.0.1/8, ::1"}, {"LAN (eth0)", lan.String()}, {"docker0 (bridge)", bridge.String()}}
	if lan6.IsValid() {
		heads[1][1] += ", " + lan6.String()
	}
	if st.OS() != bind.Linux {
		heads[2][0] = "Docker Desktop VM"
	}
	m.open("div", "bindlab-ifaces")
	for i, h := range heads {
		m.open("div", "bindlab-box bindlab-iface")
		m.el("p", "bindlab-label", h[0])
		m.el("p", "bindlab-small", h[1])
		if len(cols[i]) > 0 {
			m.open("ul", "bindlab-chips")
			for _, so := range cols[i] {
				chip(so, chipLabel(so))
				words = append(words, fmt.Sprintf("%s listens on %s, on %s only.", so.Process, sockAddr(so.Addr, so.Port), h[0]))
			}
			m.close("ul")
		}
		m.close("div")
	}
	m.close("div")
	// Containers, joined to docker0.
	if ctrs := st.Containers(); len(ctrs) > 0 {
		m.open("div", "bindlab-ctrs")
		for _, c := range ctrs {
			key := "ctr:" + c.Name
			m.box("bindlab-container", key, pm)
			m.badge(key, pm)
			m.el("p", "bindlab-label", "container "+c.Name)
			if c.Network == "host" {
				m.el("p", "bindlab-small", "host network: shares the host's")
				words = append(words, fmt.Sprintf("Container %s shares the host's network.", c.Name))
			} else {
				m.el("p", "bindlab-small", fmt.Sprintf("on docker0 · lo 127.0.0.1 · eth0 %v", c.Addr))
				words = append(words, fmt.Sprintf("Container %s has its own network namespace: its own loopback 127.0.0.1 and %v on the bridge.", c.Name, c.Addr))
			}
			if socks := byCtr[c.Name]; len(socks) > 0 {
				m.open("ul", "bindlab-chips")
				for _, so := range socks {
					where := "eth0"
					switch {
					case so.Addr.IsUnspecified():
						where = "all"
					case so.Addr.IsLoopback():
						where = "lo only"
					}
					chip(so, chipLabel(so)+" ["+where+"]")
					words = append(words, fmt.Sprintf("In container %s, %s listens on %s (%s).", c.Name, so.Process, sockAddr(so.Addr, so.Port), where))
				}
				m.close("ul")
			}
			m.close("div")
		}
		m.close("div")
	}
	m.close("div") // host
	if len(pm.order) > 0 {
		m.el("p", "lab-path-legend", "▶ numbers mark the places the connection above passes, in order.")
	}
	m.close("div") // map
	m.close("div")
	return m.b.String(), strings.Join(words, " ")
}
