package bind

import (
	"net/netip"

	"github.com/netground/netground/core/story"
)

// Preset is a ready-made scenario for one pitfall, told as a story: the
// lab opens it on the failing step and the person steps on to the fix.
type Preset = story.Preset[Scenario]

// Presets returns every preset, in the order the lab lists them.
func Presets() []Preset {
	return []Preset{
		{Name: "container-loopback", Title: "Works in the container, unreachable through -p", Lesson: "A process listening on 127.0.0.1 inside a container takes only connections from inside it; a published port delivers to the container's bridge address. Listen on 0.0.0.0 in the container.", Scenario: ContainerLoopback(),
			Story: story.Story{Symptom: 2, Fixed: 7,
				Problem: "curl localhost:8080 on the host gets an empty reply (connection reset), and the LAN gets connection refused, though the app answers inside the container.",
				Cause:   "flask listens on 127.0.0.1 inside the container, which only the container itself can reach; -p 8080:80 delivers to the container's bridge address.",
				Fix:     "Listen on 0.0.0.0 inside the container (flask run --host 0.0.0.0); publish on 127.0.0.1 on the host if only the host should reach it."}},
		{Name: "address-in-use", Title: "Address already in use: 8080", Lesson: "0.0.0.0 covers 127.0.0.1 on the same port, and [::] with IPV6_V6ONLY off covers 0.0.0.0; two different specific addresses do not clash.", Scenario: AddressInUse(),
			Story: story.Story{Symptom: 1, Fixed: 8,
				Problem: "A second server on port 8080 fails with EADDRINUSE, Address already in use, though it asks only for 127.0.0.1.",
				Cause:   "api already listens on 0.0.0.0:8080, which covers 127.0.0.1:8080; a dual-stack [::]:8080 covers it too.",
				Fix:     "Give each server its own port, or addresses that do not overlap: IPV6_V6ONLY on [::], or two different specific addresses."}},
		{Name: "localhost-ipv6", Title: "localhost works in the browser but the client gets connection refused", Lesson: "localhost resolves to ::1 first; a server on 127.0.0.1 only refuses ::1. A client that tries only the first address fails; Happy Eyeballs goes on to 127.0.0.1.", Scenario: LocalhostIPv6(),
			Story: story.Story{Symptom: 1, Fixed: 9,
				Problem: "A client of localhost:5173 gets connection refused, while the browser loads the page.",
				Cause:   "localhost resolves to ::1 first and vite listens on 127.0.0.1 only; a client that tries only the first address never tries 127.0.0.1.",
				Fix:     "Listen on :: with IPV6_V6ONLY off (or on both loopback addresses), or dial 127.0.0.1."}},
		{Name: "privileged-port", Title: "Permission denied binding port 80", Lesson: "On Linux ports below 1024 need root or CAP_NET_BIND_SERVICE; containers and Windows do not restrict them, macOS only on specific addresses.", Scenario: PrivilegedPort(),
			Story: story.Story{Symptom: 1, Fixed: 5,
				Problem: "A server fails to start on port 80 with EACCES, Permission denied.",
				Cause:   "On Linux only root, or a program with CAP_NET_BIND_SERVICE, may bind a port below 1024.",
				Fix:     "Use a port from 1024 up behind a reverse proxy, grant CAP_NET_BIND_SERVICE, or run the server in a container and publish port 80."}},
		{Name: "ephemeral-port", Title: "Port 0: let the kernel choose", Lesson: "Binding port 0 gets a free port from the ephemeral range; the program must ask which (getsockname) to tell its clients.", Scenario: EphemeralPort(),
			Story: story.Story{Symptom: 2, Fixed: 5,
				Problem: "The test client connects to the port it expected and gets connection refused.",
				Cause:   "The test server bound port 0, so the kernel chose a free port from the ephemeral range; nothing listens on the port the client guessed.",
				Fix:     "Ask the socket which port it got (getsockname) and hand that port to the client."}},
		{Name: "time-wait", Title: "Restarted server: Address already in use", Lesson: "Connections a server closed stay in TIME_WAIT for 60 s on Linux; SO_REUSEADDR, on the old and new socket, lets the new server bind.", Scenario: TimeWaitRestart(),
			Story: story.Story{Symptom: 3, Fixed: 7,
				Problem: "The restarted server fails with EADDRINUSE, though the old one has stopped.",
				Cause:   "The connections the old server closed stay in TIME_WAIT for 60 s, and they still hold the port.",
				Fix:     "Set SO_REUSEADDR on the server's socket (before bind), or wait until TIME_WAIT expires."}},
		{Name: "reuseport", Title: "Two workers on one port", Lesson: "SO_REUSEPORT lets sockets of the same user share an address and port; Linux refuses another user's.", Scenario: ReusePort(),
			Story: story.Story{Symptom: 3, Fixed: 5,
				Problem: "A third process fails with EADDRINUSE on the port two workers share.",
				Cause:   "SO_REUSEPORT shares a port only among sockets that all set it, and on Linux only among sockets of the same user.",
				Fix:     "Start every worker as the same user with SO_REUSEPORT set; the kernel spreads the connections among them."}},
		{Name: "windows-specific-bind", Title: "Windows: access forbidden (10013) binding a port in use", Lesson: "Windows lets a socket on a specific address join a wildcard socket on the same port (same user), unless the first set SO_EXCLUSIVEADDRUSE; another user's is refused with WSAEACCES.", Scenario: WindowsSpecificBind(),
			Story: story.Story{Symptom: 1, Fixed: 7,
				Problem: "A server fails with WSAEACCES (10013), \"An attempt was made to access a socket in a way forbidden by its access permissions\".",
				Cause:   "Another user's service holds 0.0.0.0:5150; Windows lets a specific bind join a wildcard one only for the same user, and never one with SO_EXCLUSIVEADDRUSE — and a same-user process that joins takes the traffic to its address.",
				Fix:     "Use a port no other program holds (netstat -ano shows who holds one), and set SO_EXCLUSIVEADDRUSE on services that must not be joined."}},
		{Name: "nat-inbound", Title: "Reachable on the LAN, not from the internet", Lesson: "The router's NAT drops unsolicited inbound connections; a port forward opens a door, and the host firewall can still drop them.", Scenario: NATInbound(),
			Story: story.Story{Symptom: 3, Fixed: 5,
				Problem: "Friends on the internet time out connecting to the game server at the router's public address.",
				Cause:   "The router's NAT has no mapping for unsolicited inbound connections and drops them, and the host firewall allows only ports 22 and 8443.",
				Fix:     "Forward the port on the router to the host, and allow it in the host firewall, as port 443 is forwarded to the allowed 8443."}},
	}
}

var (
	any4 = netip.IPv4Unspecified()
	any6 = netip.IPv6Unspecified()
	lo4  = netip.AddrFrom4([4]byte{127, 0, 0, 1})
	lo6  = netip.IPv6Loopback()
	lan  = DefaultLAN.Addr()
)

func connect(from Vantage, to string, port int) Action {
	return Action{Do: Connect, From: from, To: to, Socket: Socket{Port: port}}
}

func listen(so Socket) Action { return Action{Do: Listen, Socket: so} }

// ContainerLoopback returns the preset where a process in a container
// listens on 127.0.0.1:80, published with -p 8080:80: the host and the LAN
// are refused until the process listens on 0.0.0.0.
func ContainerLoopback() Scenario {
	return Scenario{V: Version,
		Containers: []Container{{Name: "web"}},
		Sockets:    []Socket{{Process: "flask", In: "web", Addr: lo4, Port: 80}},
		Publish:    []Port{{Container: "web", HostPort: 8080, Port: 80}},
		Actions: []Action{
			connect(FromContainer("web"), "127.0.0.1", 80),
			connect(FromHost, "127.0.0.1", 8080),
			connect(FromLAN, lan.String(), 8080),
			{Do: Close, Socket: Socket{Process: "flask", In: "web"}},
			listen(Socket{Process: "flask", In: "web", Addr: any4, Port: 80}),
			connect(FromHost, "127.0.0.1", 8080),
			connect(FromLAN, lan.String(), 8080),
		},
	}
}

// AddressInUse returns the preset "Address already in use: 8080": a
// wildcard socket blocks 127.0.0.1 and dual-stack [::] on its port;
// IPV6_V6ONLY and different specific addresses avoid the clash.
func AddressInUse() Scenario {
	return Scenario{V: Version,
		Sockets: []Socket{{Process: "api", Addr: any4, Port: 8080}},
		Actions: []Action{
			listen(Socket{Process: "dev-server", Addr: lo4, Port: 8080}),
			listen(Socket{Process: "node", Addr: any6, Port: 8080}),
			listen(Socket{Process: "node", Addr: any6, Port: 8080, V6Only: On}),
			listen(Socket{Process: "admin", Addr: lo4, Port: 9090}),
			listen(Socket{Process: "metrics", Addr: lan, Port: 9090}),
			connect(FromHost, "127.0.0.1", 8080),
			connect(FromHost, "::1", 8080),
			connect(FromLAN, lan.String(), 9090),
		},
	}
}

// LocalhostIPv6 returns the preset where localhost resolves to ::1 first
// and the server listens on 127.0.0.1 only.
func LocalhostIPv6() Scenario {
	return Scenario{V: Version,
		Sockets: []Socket{{Process: "vite", Addr: lo4, Port: 5173}},
		Actions: []Action{
			{Do: Connect, From: FromHost, To: "localhost", Socket: Socket{Port: 5173}, Client: FirstOnly},
			{Do: Connect, From: FromHost, To: "localhost", Socket: Socket{Port: 5173}, Client: Sequential},
			{Do: Connect, From: FromHost, To: "localhost", Socket: Socket{Port: 5173}},
			{Do: Localhost, Order: IPv4First},
			{Do: Connect, From: FromHost, To: "localhost", Socket: Socket{Port: 5173}, Client: FirstOnly},
			{Do: Localhost, Order: IPv6First},
			{Do: Close, Socket: Socket{Process: "vite"}},
			listen(Socket{Process: "vite", Addr: any6, Port: 5173}),
			{Do: Connect, From: FromHost, To: "localhost", Socket: Socket{Port: 5173}, Client: FirstOnly},
		},
	}
}

// PrivilegedPort returns the preset of a port below 1024 bound without
// privilege on Linux, with root, and in a container.
func PrivilegedPort() Scenario {
	return Scenario{V: Version,
		Containers: []Container{{Name: "nginx"}},
		Actions: []Action{
			listen(Socket{Process: "web", Addr: any4, Port: 80}),
			listen(Socket{Process: "web", Addr: any4, Port: 8080}),
			listen(Socket{Process: "nginx", Addr: any4, Port: 80, Privileged: true}),
			listen(Socket{Process: "nginx", In: "nginx", Addr: any4, Port: 80}),
			connect(FromLAN, lan.String(), 80),
		},
	}
}

// EphemeralPort returns the preset of binding port 0.
func EphemeralPort() Scenario {
	return Scenario{V: Version,
		Actions: []Action{
			listen(Socket{Process: "test-server", Addr: lo4, Port: 0}),
			connect(FromHost, "127.0.0.1", 8080),
			listen(Socket{Process: "test-server-2", Addr: lo4, Port: 0}),
			connect(FromHost, "127.0.0.1", 32768),
			connect(FromHost, "127.0.0.1", 32769),
		},
	}
}

// TimeWaitRestart returns the preset of a server restarted while its old
// connections are in TIME_WAIT.
func TimeWaitRestart() Scenario {
	return Scenario{V: Version,
		Sockets: []Socket{
			{Process: "old-server", Addr: any4, Port: 8080, ReuseAddr: true},
			{Process: "legacy", Addr: any4, Port: 9000},
		},
		Actions: []Action{
			{Do: Close, Socket: Socket{Process: "old-server"}, TimeWait: true},
			{Do: Close, Socket: Socket{Process: "legacy"}, TimeWait: true},
			listen(Socket{Process: "new-server", Addr: any4, Port: 8080}),
			listen(Socket{Process: "new-server", Addr: any4, Port: 8080, ReuseAddr: true}),
			listen(Socket{Process: "legacy", Addr: any4, Port: 9000, ReuseAddr: true}),
			{Do: Wait},
			listen(Socket{Process: "legacy", Addr: any4, Port: 9000}),
		},
	}
}

// ReusePort returns the preset of SO_REUSEPORT workers.
func ReusePort() Scenario {
	return Scenario{V: Version,
		Actions: []Action{
			listen(Socket{Process: "worker-1", Addr: any4, Port: 8080, ReusePort: true, User: "www"}),
			listen(Socket{Process: "worker-2", Addr: any4, Port: 8080, ReusePort: true, User: "www"}),
			listen(Socket{Process: "intruder", Addr: any4, Port: 8080, ReusePort: true, User: "mallory"}),
			listen(Socket{Process: "worker-3", Addr: any4, Port: 8080, User: "www"}),
			connect(FromLAN, lan.String(), 8080),
		},
	}
}

// WindowsSpecificBind returns the preset of Windows sharing a port between
// a wildcard and a specific bind.
func WindowsSpecificBind() Scenario {
	return Scenario{V: Version, OS: Windows,
		Sockets: []Socket{
			{Process: "service", Addr: any4, Port: 5150},
			{Process: "guarded", Addr: any4, Port: 5151, ExclusiveAddrUse: true},
		},
		Actions: []Action{
			listen(Socket{Process: "other-user", Addr: lo4, Port: 5150, User: "guest"}),
			listen(Socket{Process: "sniffer", Addr: lan, Port: 5150}),
			connect(FromLAN, lan.String(), 5150),
			connect(FromHost, "127.0.0.1", 5150),
			listen(Socket{Process: "sniffer", Addr: lan, Port: 5151}),
			listen(Socket{Process: "web", Addr: any4, Port: 80}),
			listen(Socket{Process: "other-user", Addr: lo4, Port: 5152, User: "guest"}),
		},
	}
}

// NATInbound returns the preset of a service reachable on the LAN but not
// from the internet until the router forwards a port.
func NATInbound() Scenario {
	return Scenario{V: Version,
		Host: Host{
			Router:   Router{Forwards: []Forward{{Port: 443, To: 8443}}},
			Firewall: Firewall{On: true, Allow: []int{22, 8443}},
		},
		Sockets: []Socket{
			{Process: "game-server", Addr: any4, Port: 25565},
			{Process: "https", Addr: any4, Port: 8443},
		},
		Actions: []Action{
			connect(FromHost, "127.0.0.1", 25565),
			connect(FromLAN, lan.String(), 25565),
			connect(FromInternet, DefaultPublic.String(), 25565),
			connect(FromInternet, lan.String(), 25565),
			connect(FromInternet, DefaultPublic.String(), 443),
		},
	}
}
