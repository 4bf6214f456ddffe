package bind

import "net/netip"

// Preset is a ready-made scenario for one pitfall.
type Preset struct {
	Name     string   `json:"name"`  // short, for URLs: "container-loopback"
	Title    string   `json:"title"` // the symptom, as people search for it
	Lesson   string   `json:"lesson"`
	Scenario Scenario `json:"scenario"`
}

// Presets returns every preset, in the order the lab lists them.
func Presets() []Preset {
	return []Preset{
		{"container-loopback", "Works in the container, unreachable through -p", "A process listening on 127.0.0.1 inside a container takes only connections from inside it; a published port delivers to the container's bridge address. Listen on 0.0.0.0 in the container.", ContainerLoopback()},
		{"address-in-use", "Address already in use: 8080", "0.0.0.0 covers 127.0.0.1 on the same port, and [::] with IPV6_V6ONLY off covers 0.0.0.0; two different specific addresses do not clash.", AddressInUse()},
		{"localhost-ipv6", "localhost works in the browser but the client gets connection refused", "localhost resolves to ::1 first; a server on 127.0.0.1 only refuses ::1. A client that tries only the first address fails; Happy Eyeballs goes on to 127.0.0.1.", LocalhostIPv6()},
		{"privileged-port", "Permission denied binding port 80", "On Linux ports below 1024 need root or CAP_NET_BIND_SERVICE; containers and Windows do not restrict them, macOS only on specific addresses.", PrivilegedPort()},
		{"ephemeral-port", "Port 0: let the kernel choose", "Binding port 0 gets a free port from the ephemeral range; the program must ask which (getsockname) to tell its clients.", EphemeralPort()},
		{"time-wait", "Restarted server: Address already in use", "Connections a server closed stay in TIME_WAIT for 60 s on Linux; SO_REUSEADDR, on the old and new socket, lets the new server bind.", TimeWaitRestart()},
		{"reuseport", "Two workers on one port", "SO_REUSEPORT lets sockets of the same user share an address and port; Linux refuses another user's.", ReusePort()},
		{"windows-specific-bind", "Windows: a specific bind beside a wildcard one", "Windows lets a socket on a specific address join a wildcard socket on the same port (same user), unless the first set SO_EXCLUSIVEADDRUSE.", WindowsSpecificBind()},
		{"nat-inbound", "Reachable on the LAN, not from the internet", "The router's NAT drops unsolicited inbound connections; a port forward opens a door, and the host firewall can still drop them.", NATInbound()},
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
			listen(Socket{Process: "sniffer", Addr: lan, Port: 5150}),
			listen(Socket{Process: "sniffer", Addr: lan, Port: 5151}),
			listen(Socket{Process: "other-user", Addr: lo4, Port: 5150, User: "guest"}),
			connect(FromLAN, lan.String(), 5150),
			connect(FromHost, "127.0.0.1", 5150),
			listen(Socket{Process: "web", Addr: any4, Port: 80}),
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
			connect(FromLAN, lan.String(), 25565),
			connect(FromInternet, DefaultPublic.String(), 25565),
			connect(FromInternet, lan.String(), 25565),
			connect(FromInternet, DefaultPublic.String(), 443),
			connect(FromHost, "127.0.0.1", 25565),
		},
	}
}
