package paste

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netground/netground/core/port"
	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
)

// Result is what Classify found in a paste and where its answer is. The
// zero Result is a KindUnknown paste.
type Result struct {
	Kind Kind `json:"kind"`
	// Page is the page that answers the paste; "" for KindUnknown.
	Page scenario.Widget `json:"page,omitempty"`
	// Link is the page's link, path and query or fragment: "/addr?ip=8.8.8.8",
	// "/subnet?net=10.0.0.0/24", "/bind#s=1.…" ("/bind?step=1#s=1.…" for an
	// error, on the step that fails); "" for KindUnknown. It holds
	// the parsed value or scenario, never the raw paste.
	Link string `json:"link,omitempty"`
	// Summary says in one sentence what the paste is.
	Summary string `json:"summary"`
	// Diagnosis explains an error message (Kind KindError).
	Diagnosis Diagnosis `json:"diagnosis,omitzero"`
	// Machine is the parsed tool output for KindSockets, KindContainers
	// and KindInterfaces; Cluster for KindCluster.
	Machine Machine `json:"machine,omitzero"`
	Cluster Cluster `json:"cluster,omitzero"`
	// Findings are the usual mistakes found on the machine or in the
	// cluster: what Machine.Findings or Cluster.Findings return.
	Findings []Finding `json:"findings,omitempty"`
	// Notes say what was left out: limits reached, lines not understood.
	Notes []string `json:"notes,omitempty"`
}

// Forms returns the forms Classify understands, one line each, for the
// page's "not recognised" message.
func Forms() []string {
	return []string{
		"an IP address: 192.0.2.1, 2001:db8::1, fe80::1%eth0",
		"a subnet: 10.0.0.0/24, 10.0.0.0 255.255.255.0, 10.0.0.0 0.0.0.255 (wildcard mask)",
		"a range: 10.0.0.5-10.0.0.20",
		"a list of subnets, addresses or ranges, one per line",
		"a port or service: 5432, 80/tcp, udp/53, postgres",
		"a socket or URL: 127.0.0.1:8080, [::1]:5432, localhost:3000, https://example.com",
		"an error message: address already in use, connection refused, timed out, no route to host, network is unreachable, cannot assign requested address, permission denied, empty reply from server, connection reset, WSAE codes 10048 10061 10060 10065 10051 10049 10013 10054",
		"sockets: ss -ltnup, netstat -an (macOS), netstat -ano (Windows), lsof -iTCP -sTCP:LISTEN -n -P",
		"containers: docker ps",
		"interfaces: ip addr, ip -br addr, ifconfig, ipconfig (English, German, French or Spanish Windows)",
		"a cluster: kubectl get pods -o wide, get svc, get endpoints, get endpointslices, get nodes -o wide",
	}
}

// Classify says what a pasted text is and which page answers it, with the
// page's link. Listings come first (their headers are unmistakable), then
// error messages, then single values and lists of subnets. Unknown text
// gets a Summary that says so; Forms lists what is understood.
func Classify(text string) Result {
	l := split(text)
	// A list has at most maxListEntries lines: one more tells a longer
	// paste, which is no list.
	var nonEmpty []string
	for _, line := range l.text {
		if t := strings.TrimSpace(line); t != "" {
			if nonEmpty = append(nonEmpty, t); len(nonEmpty) > maxListEntries {
				break
			}
		}
	}
	r := classify(l, nonEmpty)
	r.Notes = append(l.notes, r.Notes...)
	return r
}

func classify(l lines, nonEmpty []string) Result {
	if len(nonEmpty) == 0 {
		return Result{Summary: "nothing to read: paste an address, a subnet, a port, an error message or the output of ss, docker ps, ip addr or kubectl"}
	}
	if len(nonEmpty) == 1 {
		if r, ok := classifyValue(nonEmpty[0]); ok {
			return r
		}
	}
	m := parseMachine(l.text)
	c := parseCluster(l.text)
	// Interfaces pasted with a cluster's listings, with no sockets or
	// containers, go with the cluster: its VPN ranges are checked.
	if c.rows() > 0 && (c.rows() >= m.rows() || len(m.Listeners)+len(m.Containers) == 0) {
		c.Networks = vpnNetworks(m.Interfaces)
		return c.result()
	}
	if m.rows() > 0 {
		return m.result()
	}
	if d, ok := diagnoseLines(l.text); ok {
		return Result{Kind: KindError, Page: d.Lab, Link: d.Link, Diagnosis: d,
			Summary: fmt.Sprintf("%s (%s)%s: %s", d.Title, d.Errno, inTarget(d.target()), d.Explanation)}
	}
	if len(nonEmpty) > 1 {
		if r, ok := classifyList(nonEmpty); ok {
			return r
		}
	}
	return Result{Summary: "not recognised; paste " + strings.Join(shortForms, ", ")}
}

var shortForms = []string{"an address", "a subnet", "a range", "a port", "a socket or URL", "an error message",
	"or the output of ss, netstat, lsof, docker ps, ip addr, ifconfig, ipconfig or kubectl get"}

// simpleLink returns the link of a simple widget's state.
func simpleLink(path string, s scenario.State) string {
	link, err := scenario.Link(path, s)
	if err != nil {
		return path
	}
	return link
}

// classifyValue reads one line as an address, subnet, range, port, socket
// or URL.
func classifyValue(t string) (Result, bool) {
	if strings.Contains(t, "://") {
		e, err := port.ParseURL(t)
		if err != nil {
			return Result{}, false
		}
		// Only the scheme, host and port go into the link: a URL's user,
		// password, path and query stay in the browser.
		q := e.Scheme() + "://" + e.Socket().String()
		if e.PortIsDefault() {
			q = e.Scheme() + "://" + hostOnly(e.Socket())
		}
		return Result{Kind: KindURL, Page: scenario.WidgetPorts, Link: simpleLink("/ports", scenario.PortsState{Q: q}),
			Summary: fmt.Sprintf("a %s URL: %s", e.Scheme(), e.Explain())}, true
	}
	if a, err := netip.ParseAddr(strings.Trim(t, "[]")); err == nil {
		return Result{Kind: KindAddress, Page: scenario.WidgetAddr, Link: simpleLink("/addr", scenario.AddrState{IP: a.String()}),
			Summary: fmt.Sprintf("the IPv%d address %v", map[bool]int{true: 4, false: 6}[a.Is4()], a)}, true
	}
	if r, ok := classifyRange(t); ok {
		return r, true
	}
	if strings.Contains(t, "/") || len(fields(t)) == 2 {
		if sub, form, err := subnet.ParseForm(t); err == nil {
			what := "the subnet"
			if form != 0 {
				what = "the subnet written with a mask"
			}
			return Result{Kind: KindPrefix, Page: scenario.WidgetSubnet, Link: simpleLink("/subnet", scenario.SubnetState{Net: sub.String()}),
				Summary: fmt.Sprintf("%s %v", what, sub.Prefix())}, true
		}
	}
	if isDigits(t) {
		if p, err := port.ParsePort(t); err == nil {
			return portResult(strconv.Itoa(int(p)), fmt.Sprintf("port %d", p)), true
		}
		return Result{}, false
	}
	if port.IsPortTransportLike(t) {
		if p, tr, err := port.ParsePortTransport(t); err == nil {
			q := fmt.Sprintf("%d/%s", p, tr)
			return portResult(q, "port "+q), true
		}
	}
	if name := strings.ToLower(t); isServiceName(name) {
		return portResult(name, "the service "+name), true
	}
	if strings.Contains(t, ":") && !strings.ContainsAny(t, " \t") {
		if s, err := port.ParseSocket(t); err == nil {
			return Result{Kind: KindSocket, Page: scenario.WidgetPorts, Link: simpleLink("/ports", scenario.PortsState{Q: s.String()}),
				Summary: "the socket " + s.String()}, true
		}
	}
	return Result{}, false
}

func hostOnly(s port.Socket) string {
	if a := s.Addr(); a.IsValid() && a.Is6() {
		return "[" + a.String() + "]"
	}
	return s.Host()
}

func portResult(q, what string) Result {
	return Result{Kind: KindPort, Page: scenario.WidgetPorts, Link: simpleLink("/ports", scenario.PortsState{Q: q}), Summary: what}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// services are names people type for a port that are not URL schemes or
// registry aliases.
var services = []string{"http", "https", "ssh", "dns", "postgres", "postgresql", "mysql", "mariadb", "redis", "mongodb", "mongo",
	"smtp", "imap", "pop3", "ftp", "telnet", "rdp", "vnc", "ldap", "ntp", "snmp", "dhcp", "tftp", "kafka", "elasticsearch",
	"memcached", "rabbitmq", "amqp", "mqtt", "smb", "nfs", "kerberos", "bgp", "sip", "syslog", "mssql", "oracle", "cassandra",
	"zookeeper", "etcd", "grafana", "prometheus", "kubernetes", "kubelet", "docker", "wireguard", "openvpn", "ipsec", "https-alt"}

// isServiceName reports whether name is a service people look up by name.
func isServiceName(name string) bool {
	if _, ok := port.LookupScheme(name); ok {
		return true
	}
	for _, a := range port.Aliases() {
		if a.Name == name {
			return true
		}
	}
	for _, s := range services {
		if s == name {
			return true
		}
	}
	return false
}

// classifyRange reads first-last, with or without spaces around the dash.
func classifyRange(t string) (Result, bool) {
	first, last, ok := splitRange(t)
	if !ok {
		return Result{}, false
	}
	list := first.String() + "-" + last.String()
	return Result{Kind: KindRange, Page: scenario.WidgetPlan, Link: simpleLink("/plan", scenario.PlanState{Mode: scenario.PlanRange, List: list}),
		Summary: "the address range " + list}, true
}

func splitRange(t string) (netip.Addr, netip.Addr, bool) {
	t = strings.ReplaceAll(t, "–", "-")
	a, b, ok := strings.Cut(t, "-")
	if !ok {
		return netip.Addr{}, netip.Addr{}, false
	}
	first, err1 := netip.ParseAddr(strings.TrimSpace(a))
	last, err2 := netip.ParseAddr(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || first.Is4() != last.Is4() || last.Less(first) || first.Zone() != "" || last.Zone() != "" {
		return netip.Addr{}, netip.Addr{}, false
	}
	return first, last, true
}

// maxListEntries is how many lines a list of subnets may have.
const maxListEntries = scenario.MaxListLines

// classifyList reads lines of subnets, addresses and ranges as a list for
// the Plan page: summarize, or range when every line is a range.
func classifyList(ls []string) (Result, bool) {
	if len(ls) > maxListEntries {
		return Result{}, false
	}
	var b strings.Builder
	ranges, n := 0, 0
	for _, line := range ls {
		if strings.HasPrefix(line, "#") {
			continue
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		var entry string
		if first, last, ok := splitRange(line); ok {
			entry = first.String() + "-" + last.String()
			ranges++
		} else if a, err := netip.ParseAddr(line); err == nil && a.Zone() == "" {
			entry = a.String()
		} else if sub, err := subnet.Parse(line); err == nil {
			entry = sub.Prefix().String()
		} else {
			return Result{}, false
		}
		if n > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(entry)
		n++
	}
	if n < 2 {
		return Result{}, false
	}
	mode, kind, what := scenario.PlanSummarize, KindPrefix, "subnets"
	if ranges == n {
		mode, kind, what = scenario.PlanRange, KindRange, "ranges"
	}
	return Result{Kind: kind, Page: scenario.WidgetPlan, Link: simpleLink("/plan", scenario.PlanState{Mode: mode, List: b.String()}),
		Summary: fmt.Sprintf("a list of %d %s", n, what)}, true
}
