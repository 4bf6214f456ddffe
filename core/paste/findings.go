package paste

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/netground/netground/core/bind"
	"github.com/netground/netground/core/internal/enum"
)

// FindingKind is the kind of mistake a Finding reports. The zero
// FindingKind is not a finding.
type FindingKind uint8

// Kinds of finding on a machine and in a cluster.
const (
	_ FindingKind = iota
	// DatabaseExposed: a database listens on every address, so the LAN
	// reaches it.
	DatabaseExposed
	// LoopbackFromContainer: a host server listens on 127.0.0.1, which
	// containers cannot reach.
	LoopbackFromContainer
	// FirewallBypass: a port published on every address is reachable
	// from the LAN even with the host firewall on, as Docker's DNAT runs
	// before it (Linux).
	FirewallBypass
	// IPv6LoopbackOnly: a server listens on ::1 only, so clients dialling
	// 127.0.0.1 are refused.
	IPv6LoopbackOnly
	// PublishedEverywhere: a database or admin port is published on every
	// address, although it looks meant for this machine only.
	PublishedEverywhere
	// NoEndpoints: a Service has no endpoints.
	NoEndpoints
	// SelectorMatchesNothing: a Service's selector matches no pod's labels.
	SelectorMatchesNothing
	// RangeOverlap: cluster ranges overlap each other or the nodes'
	// network.
	RangeOverlap
)

var findingNames = enum.Set[FindingKind]{Kind: "finding", List: enum.Or, Names: []string{
	"", "database-exposed", "loopback-from-container", "firewall-bypass", "ipv6-loopback-only",
	"published-everywhere", "no-endpoints", "selector-matches-nothing", "range-overlap"}}

// String returns the kind's name, such as "database-exposed".
func (k FindingKind) String() string { return findingNames.Text(k) }

// MarshalText returns String.
func (k FindingKind) MarshalText() ([]byte, error) { return findingNames.Marshal(k) }

// Finding is one mistake found in a machine's or a cluster's paste, with
// the socket or object it is about and a plain sentence.
type Finding struct {
	Kind      FindingKind    `json:"kind"`
	Severity  string         `json:"severity"` // "warning" or "info"
	Proto     bind.Proto     `json:"proto"`
	Socket    netip.AddrPort `json:"socket,omitzero"`   // the listening or published socket
	Process   string         `json:"process,omitempty"` // its process
	Container string         `json:"container,omitempty"`
	Object    string         `json:"object,omitempty"` // a cluster's object: "service default/web"
	Message   string         `json:"message"`
}

// databasePorts are the default ports of databases and caches.
var databasePorts = []int{5432, 3306, 33060, 27017, 27018, 6379, 9200, 9300, 11211, 5984, 1433, 1521, 9042, 8086, 26257, 7687, 2379, 8529, 5433, 6380}

var databaseProcs = []string{"postgres", "postgresql", "mysqld", "mariadbd", "mariadb", "mongod", "redis-server", "redis", "memcached",
	"couchdb", "sqlservr", "cockroach", "neo4j", "etcd", "influxd", "arangod", "clickhouse", "clickhouse-server", "elasticsearch"}

// adminPorts are dashboards and admin interfaces usually meant for one
// machine: RabbitMQ's management, MailHog/Mailpit, pgAdmin, Docker's API,
// mongo-express, Adminer.
var adminPorts = []int{15672, 8025, 5050, 2375, 2376, 8081, 9000, 9001}

func isDatabase(p int, process string) bool {
	return slices.Contains(databasePorts, p) || slices.Contains(databaseProcs, strings.ToLower(process))
}

// Findings checks the machine for the usual mistakes, running its
// scenario in the Bind lab to confirm each: a database on every address
// that the LAN reaches, a server on 127.0.0.1 that containers cannot
// reach, published ports past the host firewall, ::1-only listeners, and
// database or admin ports published on every address.
func (m Machine) Findings() []Finding {
	s, _ := m.Scenario()
	return m.findings(s)
}

// findings checks the machine whose scenario is s.
func (m Machine) findings(s bind.Scenario) []Finding {
	s.Actions = nil
	tr, err := bind.Run(s)
	if err != nil {
		return nil
	}
	st := tr.Initial
	lan := orPrefix(s.Host.LAN, bind.DefaultLAN)
	gw := orPrefix(s.Host.Bridge, bind.DefaultBridge).Addr()
	var out []Finding
	for _, so := range st.Sockets() {
		if so.In != "" || so.Forward.IsValid() || so.State != bind.Listening {
			continue
		}
		sock := netip.AddrPortFrom(so.Addr, uint16(so.Port))
		f := Finding{Severity: "warning", Proto: so.Proto, Socket: sock, Process: so.Process}
		switch {
		case isDatabase(so.Port, so.Process) && so.Addr.IsUnspecified():
			dst := netip.AddrPortFrom(lan.Addr(), uint16(so.Port))
			if so.Addr.Is6() && !so.Addr.Is4() && so.V6Only == bind.On && s.Host.LAN6.IsValid() {
				dst = netip.AddrPortFrom(s.Host.LAN6.Addr(), uint16(so.Port))
			}
			if st.Connect(bind.FromLAN, dst, so.Proto).Verdict == bind.Connected {
				f.Kind = DatabaseExposed
				f.Message = fmt.Sprintf("%s listens on %s, every address: any machine on your LAN (%v) can connect to it at %v; if only this machine uses it, bind it to 127.0.0.1 (PostgreSQL: listen_addresses = 'localhost'; MySQL: bind-address = 127.0.0.1; Redis: bind 127.0.0.1)",
					so.Process, socketText(so.Socket), lan.Masked(), dst)
				out = append(out, f)
			}
		case so.Addr.Is4() && so.Addr.IsLoopback() && s.OS == bind.Linux && m.hasDocker():
			verdict := bind.Refused
			if len(s.Containers) > 0 {
				verdict = st.Connect(bind.FromContainer(s.Containers[0].Name), netip.AddrPortFrom(gw, uint16(so.Port)), so.Proto).Verdict
			}
			if verdict != bind.Connected && so.Port != 53 {
				f.Kind, f.Severity = LoopbackFromContainer, "info"
				f.Message = fmt.Sprintf("%s listens on %v only: containers cannot reach it. Inside a container 127.0.0.1 is the container itself, and the host's bridge address %v (host.docker.internal with --add-host=host.docker.internal:host-gateway) has nothing listening on port %d; listen on 0.0.0.0 or on %v, or run the container with --network host",
					so.Process, sock, gw, so.Port, gw)
				out = append(out, f)
			}
		case so.Addr == lo6 && !listensOn4(s.OS, s.Sockets, so.Socket):
			if st.Connect(bind.FromHost, netip.AddrPortFrom(lo4, uint16(so.Port)), so.Proto).Verdict != bind.Connected {
				f.Kind = IPv6LoopbackOnly
				f.Message = fmt.Sprintf("%s listens on [::1]:%d only: clients that dial 127.0.0.1:%d are refused, and localhost works only for those that try ::1 first (Node.js 17+ listens on ::1 when told localhost); listen on both, or on 127.0.0.1 and ::1, or tell clients to use localhost",
					so.Process, so.Port, so.Port)
				out = append(out, f)
			}
		}
	}
	// On Linux, the published ports are checked again with the host
	// firewall on: one run answers for all of them.
	var fwState *bind.State
	if s.OS == bind.Linux && slices.ContainsFunc(s.Publish, func(p bind.Port) bool { return !p.Addr.IsValid() || p.Addr.IsUnspecified() }) {
		fw := s
		fw.Host.Firewall = bind.Firewall{On: true}
		if ftr, err := bind.Run(fw); err == nil {
			fwState = &ftr.Initial
		}
	}
	for _, p := range s.Publish {
		if p.Addr.IsValid() && !p.Addr.IsUnspecified() {
			continue
		}
		sock := netip.AddrPortFrom(orAddr(p.Addr, any4), uint16(p.HostPort))
		mapping := fmt.Sprintf("%d:%d", p.HostPort, p.Port)
		if isDatabase(p.Port, "") || slices.Contains(adminPorts, p.Port) || isDatabase(p.HostPort, "") {
			out = append(out, Finding{Kind: PublishedEverywhere, Severity: "warning", Proto: p.Proto, Socket: sock, Container: p.Container,
				Message: fmt.Sprintf("container %s publishes port %d on every address (-p %s): the whole LAN reaches it at %v:%d. If it is for this machine only, publish it on loopback: -p 127.0.0.1:%s",
					p.Container, p.Port, mapping, lan.Addr(), p.HostPort, mapping)})
		}
		if fwState == nil {
			continue
		}
		dst := netip.AddrPortFrom(lan.Addr(), uint16(p.HostPort))
		if fwState.Connect(bind.FromLAN, dst, p.Proto).Verdict == bind.Connected {
			out = append(out, Finding{Kind: FirewallBypass, Severity: "warning", Proto: p.Proto, Socket: sock, Container: p.Container,
				Message: fmt.Sprintf("container %s's port %d is published on every address: even with ufw or firewalld dropping port %d, the LAN reaches it at %v, because Docker's DNAT rule rewrites the connection before the host firewall's INPUT chain sees it; publish on 127.0.0.1, or filter in the DOCKER-USER chain",
					p.Container, p.Port, p.HostPort, dst)})
		}
	}
	return out
}

func socketText(so bind.Socket) string {
	if so.Addr == any6 && so.V6Only != bind.On {
		return fmt.Sprintf("*:%d (IPv4 and IPv6)", so.Port)
	}
	return netip.AddrPortFrom(so.Addr, uint16(so.Port)).String()
}
