package practice

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strings"

	"github.com/netground/netground/core/bind"
)

var (
	any4 = netip.IPv4Unspecified()
	any6 = netip.IPv6Unspecified()
	lo4  = netip.AddrFrom4([4]byte{127, 0, 0, 1})
	lo6  = netip.IPv6Loopback()
)

// connectChoices are the outcomes of a connection, in bind.Verdict terms.
var connectChoices = []verdictChoice[bind.Verdict]{
	{bind.Connected, "it connects"},
	{bind.Refused, "connection refused"},
	{bind.TimedOut, "it times out (no answer)"},
	{bind.NoRoute, "no route to the address"},
	{bind.Reset, "connection reset (curl: empty reply from server)"},
}

var bindChoices = []verdictChoice[bind.Verdict]{
	{bind.OK, "it binds"},
	{bind.AddrInUse, "EADDRINUSE: address already in use"},
	{bind.Access, "EACCES: permission denied"},
	{bind.AddrNotAvail, "EADDRNOTAVAIL: cannot assign the address"},
}

// runBind runs a bind scenario that must be valid.
func runBind(s bind.Scenario) bind.Trace {
	tr, err := bind.Run(s)
	if err != nil {
		panic("practice: bind scenario: " + err.Error())
	}
	return tr
}

func genBind(r *rand.Rand, level int) Question {
	if level == 1 || r.IntN(3) == 0 {
		if r.IntN(2) == 0 {
			return bindContainer(r, level)
		}
		return bindHost(r, level)
	}
	return bindConflict(r, level)
}

func describeSocket(so bind.Socket) string {
	where := "on the host"
	if so.In != "" {
		where = "in the container " + so.In
	}
	s := fmt.Sprintf("%s %s listens on %s", so.Process, where, netip.AddrPortFrom(so.Addr, uint16(so.Port)))
	if opts := so.Options(); len(opts) > 0 {
		s += " with " + strings.Join(opts, " and ")
	}
	if so.User != "" {
		s += ", as user " + so.User
	}
	if so.Privileged {
		s += ", as root"
	}
	if so.State == bind.TimeWait {
		s = fmt.Sprintf("%s %s closed its socket on %s a moment ago; its connections are in TIME_WAIT", so.Process, where, netip.AddrPortFrom(so.Addr, uint16(so.Port)))
		if so.ReuseAddr {
			s += " (it had set SO_REUSEADDR)"
		}
	}
	return s
}

func vantageText(v bind.Vantage) string {
	switch v {
	case bind.FromHost:
		return "a client on the host"
	case bind.FromLAN:
		return "a laptop on the LAN"
	case bind.FromInternet:
		return "a machine on the internet"
	}
	return "a process in the container " + v.Container()
}

// connectQuestion runs s with one connect action and asks for its outcome.
func connectQuestion(s bind.Scenario, from bind.Vantage, to netip.Addr, p int, setting string) Question {
	s.V = bind.Version
	s.Actions = []bind.Action{{Do: bind.Connect, From: from, To: to.String(), Socket: bind.Socket{Port: p}}}
	tr := runBind(s)
	res := tr.Steps[0].Result
	choices, right, why := outcomeChoices(connectChoices, res.Verdict, "the connection ends as "+res.Verdict.String()+": "+lastReason(res))
	q := choiceQ(fmt.Sprintf("%s Then %s connects to %s. What happens?", setting, vantageText(from), netip.AddrPortFrom(to, uint16(p))), choices, right, why)
	q.Steps = append(q.Steps, res.Reasons...)
	q.verify = func() error {
		again := runBind(s).Steps[0].Result
		if again.Verdict != res.Verdict {
			return fmt.Errorf("run again: %s, first %s", again.Verdict, res.Verdict)
		}
		return nil
	}
	return q
}

func lastReason(res bind.Result) string {
	if len(res.Reasons) == 0 {
		return ""
	}
	return strings.TrimSuffix(res.Reasons[len(res.Reasons)-1], ".")
}

func bindContainer(r *rand.Rand, level int) Question {
	listenAddr := pick(r, []netip.Addr{lo4, any4})
	cport := pick(r, []int{80, 3000, 5000, 8000})
	hport := pick(r, []int{8080, 8000, 3000, 5000, 9090})
	so := bind.Socket{Process: pick(r, []string{"flask", "node", "nginx", "uvicorn"}), In: "web", Addr: listenAddr, Port: cport}
	s := bind.Scenario{
		Containers: []bind.Container{{Name: "web"}},
		Sockets:    []bind.Socket{so},
		Publish:    []bind.Port{{Container: "web", HostPort: hport, Port: cport}},
	}
	setting := "In a Docker container web, " + so.Process + " listens on " + netip.AddrPortFrom(listenAddr, uint16(cport)).String() + fmt.Sprintf(". The container runs with -p %d:%d.", hport, cport)
	type target struct {
		from bind.Vantage
		to   netip.Addr
		port int
	}
	targets := []target{
		{bind.FromHost, lo4, hport},
		{bind.FromLAN, bind.DefaultLAN.Addr(), hport},
		{bind.FromContainer("web"), lo4, cport},
	}
	if level >= 2 {
		targets = append(targets, target{bind.FromHost, lo4, cport}, target{bind.FromInternet, bind.DefaultPublic, hport})
	}
	t := pick(r, targets)
	return connectQuestion(s, t.from, t.to, t.port, setting)
}

func bindHost(r *rand.Rand, level int) Question {
	lan := bind.DefaultLAN.Addr()
	addrs := []netip.Addr{lo4, any4, lan}
	if level >= 2 {
		addrs = append(addrs, lo6, any6)
	}
	so := bind.Socket{Process: pick(r, []string{"postgres", "api", "vite", "redis"}), Addr: pick(r, addrs), Port: pick(r, []int{5432, 8080, 5173, 6379})}
	s := bind.Scenario{Sockets: []bind.Socket{so}, Containers: []bind.Container{{Name: "worker"}}}
	setting := "On a Linux host with the LAN address " + lan.String() + ", " + describeSocket(so) + "."
	if level >= 2 && r.IntN(3) == 0 {
		s.Host.Router.Forwards = []bind.Forward{{Port: so.Port, To: so.Port}}
		setting += fmt.Sprintf(" The router (public address %s) forwards port %d to the host.", bind.DefaultPublic, so.Port)
	}
	type target struct {
		from bind.Vantage
		to   netip.Addr
	}
	targets := []target{{bind.FromHost, lo4}, {bind.FromLAN, lan}, {bind.FromContainer("worker"), bind.DefaultBridge.Addr()}}
	if level >= 2 {
		targets = append(targets, target{bind.FromHost, lo6}, target{bind.FromInternet, bind.DefaultPublic}, target{bind.FromContainer("worker"), lo4})
	}
	t := pick(r, targets)
	return connectQuestion(s, t.from, t.to, so.Port, setting)
}

func bindConflict(r *rand.Rand, level int) Question {
	os := bind.Linux
	if level >= 3 {
		os = pick(r, []bind.OS{bind.Linux, bind.MacOS, bind.Windows})
	}
	addrs := []netip.Addr{any4, lo4, bind.DefaultLAN.Addr(), any6}
	portNum := pick(r, []int{8080, 3000, 5432})
	first := bind.Socket{Process: "api", Addr: pick(r, addrs), Port: portNum}
	second := bind.Socket{Process: "dev", Addr: pick(r, addrs), Port: portNum}
	if r.IntN(4) == 0 {
		second.Port = pick(r, []int{80, 443})
		first.Port = second.Port
		first.Privileged = true
	}
	if level >= 3 {
		switch r.IntN(6) {
		case 0:
			first.ReuseAddr, second.ReuseAddr = true, r.IntN(2) == 0
		case 1:
			first.ReusePort, second.ReusePort = true, true
			if r.IntN(2) == 0 {
				first.User, second.User = "alice", "bob"
			}
		case 2:
			first.State = bind.TimeWait
			first.ReuseAddr, second.ReuseAddr = r.IntN(2) == 0, r.IntN(2) == 0
		case 3:
			if first.Addr.Is6() {
				first.V6Only = bind.On
			}
			if second.Addr.Is6() {
				second.V6Only = pick(r, []bind.Toggle{bind.On, bind.Off})
			}
		case 4:
			if os == bind.Windows {
				first.ExclusiveAddrUse = true
			}
		}
	}
	s := bind.Scenario{V: bind.Version, OS: os, Sockets: []bind.Socket{first},
		Actions: []bind.Action{{Do: bind.Listen, Socket: second}}}
	tr := runBind(s)
	res := tr.Steps[0].Result
	choices, right, why := outcomeChoices(bindChoices, res.Verdict, "the bind ends as "+res.Verdict.String()+": "+lastReason(res))
	osName := map[bind.OS]string{bind.Linux: "Linux", bind.MacOS: "macOS", bind.Windows: "Windows"}[os]
	secondText := strings.Replace(describeSocket(second), " listens on ", " tries to listen on ", 1)
	q := choiceQ(fmt.Sprintf("On a %s host, %s. Then %s. What does its bind do?", osName, describeSocket(first), secondText), choices, right, why)
	q.Steps = append(q.Steps, res.Reasons...)
	q.verify = func() error {
		if v, _ := bind.Conflict(os, first, second); res.Verdict != bind.Access && v != res.Verdict {
			return fmt.Errorf("Conflict says %s, Run %s", v, res.Verdict)
		}
		return nil
	}
	return q
}
