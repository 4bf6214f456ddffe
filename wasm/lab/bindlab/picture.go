package bindlab

import (
	"fmt"
	"html"
	"net/netip"
	"strings"

	"github.com/netground/netground/core/bind"
)

// svg accumulates the elements of a picture.
type svg struct{ b strings.Builder }

func (s *svg) rect(x, y, w, h int, class string) {
	fmt.Fprintf(&s.b, `<rect x="%d" y="%d" width="%d" height="%d" rx="6" class="%s"/>`, x, y, w, h, class)
}

func (s *svg) text(x, y int, class, t string) {
	fmt.Fprintf(&s.b, `<text x="%d" y="%d" class="%s">%s</text>`, x, y, class, html.EscapeString(t))
}

func (s *svg) line(x1, y1, x2, y2 int, class string) {
	fmt.Fprintf(&s.b, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="%s"/>`, x1, y1, x2, y2, class)
}

// chip draws a socket as a labelled box.
func (s *svg) chip(x, y, w int, class, label string) {
	s.rect(x, y, w, 20, "bindlab-chip "+class)
	s.text(x+6, y+14, "bindlab-chip-text", clip(label, w/7))
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// Layout of the picture, in SVG units.
const (
	picWidth = 760
	colWidth = 232
	colGap   = 8
	chipH    = 24
)

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

// picture draws the host, its interfaces and containers, with each socket
// on the interface it binds, and describes the same in words.
func picture(sc bind.Scenario, st bind.State) (string, string) {
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
	var words []string
	var body svg
	// The outside world.
	nat := "NAT"
	if sc.Host.Router.NoNAT {
		nat = "no NAT"
	}
	body.rect(10, 10, 364, 40, "bindlab-outside")
	body.text(20, 35, "bindlab-label", fmt.Sprintf("Internet → router %v (%s)", public, nat))
	body.rect(386, 10, 364, 40, "bindlab-outside")
	body.text(396, 35, "bindlab-label", "LAN neighbour on "+lan.Masked().String())
	body.line(192, 50, 192, 70, "bindlab-wire")
	body.line(568, 50, 568, 70, "bindlab-wire")

	y := 70
	top := y
	y += 40
	hostLabel := fmt.Sprintf("Host (%s)", st.OS())
	if sc.Host.Firewall.On {
		hostLabel += " — firewall on"
	}
	words = append(words, fmt.Sprintf("The host runs %s with loopback 127.0.0.1 and ::1, LAN address %v and Docker bridge %v.", st.OS(), lan, bridge))
	if len(wild) > 0 {
		body.text(20, y, "bindlab-small", "All interfaces (wildcard sockets):")
		y += 6
		for _, so := range wild {
			body.chip(20, y, picWidth-40, chipClass(so), chipLabel(so)+"  — every interface")
			words = append(words, fmt.Sprintf("%s listens on %s: every interface of the host.", so.Process, sockAddr(so.Addr, so.Port)))
			y += chipH
		}
		y += 8
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
	deep := 0
	for i := range cols {
		deep = max(deep, len(cols[i]))
	}
	colTop := y
	colH := 44 + max(deep, 1)*chipH
	for i, h := range heads {
		x := 20 + i*(colWidth+colGap)
		body.rect(x, colTop, colWidth, colH, "bindlab-iface")
		body.text(x+8, colTop+18, "bindlab-label", h[0])
		body.text(x+8, colTop+34, "bindlab-small", h[1])
		for j, so := range cols[i] {
			body.chip(x+6, colTop+42+j*chipH, colWidth-12, chipClass(so), chipLabel(so))
			words = append(words, fmt.Sprintf("%s listens on %s, on %s only.", so.Process, sockAddr(so.Addr, so.Port), h[0]))
		}
	}
	y = colTop + colH + 16
	// Containers, three to a row, joined to docker0.
	ctrs := st.Containers()
	bridgeX := 20 + 2*(colWidth+colGap) + colWidth/2
	rowTop := y
	rowH := 0
	for i, c := range ctrs {
		if i%3 == 0 && i > 0 {
			rowTop += rowH + 12
			rowH = 0
		}
		x := 20 + (i%3)*(colWidth+colGap)
		socks := byCtr[c.Name]
		h := 50 + max(len(socks), 1)*chipH
		rowH = max(rowH, h)
		body.rect(x, rowTop, colWidth, h, "bindlab-container")
		body.text(x+8, rowTop+18, "bindlab-label", "container "+c.Name)
		if c.Network == "host" {
			body.text(x+8, rowTop+34, "bindlab-small", "host network: shares the host's")
			words = append(words, fmt.Sprintf("Container %s shares the host's network.", c.Name))
		} else {
			body.text(x+8, rowTop+34, "bindlab-small", fmt.Sprintf("lo 127.0.0.1 · eth0 %v", c.Addr))
			body.line(x+colWidth/2, rowTop, bridgeX, colTop+colH, "bindlab-wire")
			words = append(words, fmt.Sprintf("Container %s has its own network namespace: its own loopback 127.0.0.1 and %v on the bridge.", c.Name, c.Addr))
		}
		for j, so := range socks {
			where := "eth0"
			switch {
			case so.Addr.IsUnspecified():
				where = "all"
			case so.Addr.IsLoopback():
				where = "lo only"
			}
			body.chip(x+6, rowTop+42+j*chipH, colWidth-12, chipClass(so), chipLabel(so)+" ["+where+"]")
			words = append(words, fmt.Sprintf("In container %s, %s listens on %s (%s).", c.Name, so.Process, sockAddr(so.Addr, so.Port), where))
		}
	}
	if len(ctrs) > 0 {
		y = rowTop + rowH + 12
	}
	height := y + 10
	var out strings.Builder
	fmt.Fprintf(&out, `<svg xmlns="http://www.w3.org/2000/svg" class="bindlab-svg" viewBox="0 0 %d %d" role="img" aria-labelledby="bindlab-picture-title">`, picWidth, height)
	fmt.Fprintf(&out, `<title id="bindlab-picture-title">%s</title>`, html.EscapeString("The host, its interfaces, containers and listening sockets"))
	fmt.Fprintf(&out, `<rect x="10" y="%d" width="%d" height="%d" rx="8" class="bindlab-host"/>`, top, picWidth-20, y-top)
	fmt.Fprintf(&out, `<text x="20" y="%d" class="bindlab-label">%s</text>`, top+20, html.EscapeString(hostLabel))
	out.WriteString(body.b.String())
	out.WriteString(`</svg>`)
	return out.String(), strings.Join(words, " ")
}
