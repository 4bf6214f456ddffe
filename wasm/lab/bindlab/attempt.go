package bindlab

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/bind"
)

// attempt is what the step shown tried: a connection, a bind or a
// publish, from where, to which address and port, the places it passed
// and where and why it stopped, all as core/bind computed them.
type attempt struct {
	Kind    string // "connect", "bind", "publish"; "" when the step tries none
	Step    int
	Action  string // the step's action in words
	From    string
	To      string
	Proto   string
	Hops    []bind.Hop
	Verdict string
	Tone    string
	Stop    string
	Socket  int // connect: the accepting socket's ID
}

// attemptOf reads the attempt of action a with result r, shown at step.
func attemptOf(step int, a bind.Action, r bind.Result, action string) attempt {
	at := attempt{Step: step, Action: action, Verdict: r.Verdict.String(), Tone: tone(r.Verdict), Stop: r.Stop, Hops: r.Path}
	if len(r.Path) == 0 {
		return at
	}
	at.Proto = a.Proto.String()
	switch a.Do {
	case bind.Connect:
		at.Kind = "connect"
		at.From = r.Path[0].Name
		at.To = a.To + ":" + strconv.Itoa(a.Port)
		if ad, err := netip.ParseAddr(a.To); err == nil {
			at.To = netip.AddrPortFrom(ad, uint16(a.Port)).String()
		}
		if r.Verdict == bind.Connected {
			at.Socket = r.Socket
		}
	case bind.Listen, bind.BindOnly:
		at.Kind = "bind"
		who := a.Process
		if who == "" {
			who = "a process"
		}
		at.From = who + " " + placeWords(r.Path[0])
		at.To = r.Path[0].Dst.String()
	case bind.Publish:
		at.Kind = "publish"
		at.From = "Docker on the host"
		if p := a.Publish; p != nil {
			at.Proto = p.Proto.String()
			at.To = fmt.Sprintf("host port %s → container %s port %d", portText(r.Port, p.HostPort), p.Container, p.Port)
		}
	default:
		at.Kind = ""
	}
	return at
}

func portText(bound, asked int) string {
	if bound != 0 {
		return strconv.Itoa(bound)
	}
	return strconv.Itoa(asked)
}

// placeWords says where a hop is: "on the host", "in container web".
func placeWords(h bind.Hop) string {
	if h.Kind == bind.HopContainer {
		return "in " + h.Name
	}
	return "on " + h.Name
}

// title heads the attempt.
func (at attempt) title() string {
	when := "Step " + strconv.Itoa(at.Step)
	if at.Step == 0 {
		when = "At the start"
	}
	switch at.Kind {
	case "connect":
		return when + ": the connection tried"
	case "bind":
		return when + ": the bind tried"
	case "publish":
		return when + ": the port published"
	}
	return when
}

// words says the attempt in one paragraph.
func (at attempt) words() string {
	if at.Kind == "" {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: from %s to %s (%s).", at.title(), at.From, at.To, at.Proto)
	if at.Kind == "connect" && len(at.Hops) > 1 {
		var legs []string
		for _, h := range at.Hops[1:] {
			leg := h.Name
			if h.Dst.IsValid() {
				leg += " at " + h.Dst.String()
			}
			if h.Via != "" {
				leg = "via " + h.Via + " to " + leg
			}
			legs = append(legs, leg)
		}
		b.WriteString(" It goes " + strings.Join(legs, ", then ") + ".")
	}
	fmt.Fprintf(&b, " It stops: %s — %s.", at.Verdict, at.Stop)
	return b.String()
}
