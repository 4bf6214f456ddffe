package bind

import "github.com/netground/netground/core/internal/enum"

// OS selects whose bind rules apply on the host. The zero OS is Linux.
type OS uint8

// Operating systems whose bind rules differ.
const (
	Linux   OS = iota // Linux (man 7 socket, man 7 ip, man 7 ipv6)
	MacOS             // macOS, BSD rules (xnu bsd/netinet/in_pcb.c)
	Windows           // Windows (Winsock, Windows Server 2003 and later)
)

var osNames = enum.Set[OS]{Kind: "os", List: enum.Or, Names: []string{
	"linux", "macos", "windows"}}

// String returns "linux", "macos" or "windows".
func (o OS) String() string { return osNames.Text(o) }

// MarshalText returns String.
func (o OS) MarshalText() ([]byte, error) { return osNames.Marshal(o) }

// UnmarshalText parses the text String returns.
func (o *OS) UnmarshalText(b []byte) error { return osNames.Unmarshal(o, b) }

// Ephemeral returns the default range the OS picks a port from when a
// socket binds to port 0: Linux 32768–60999 (net.ipv4.ip_local_port_range,
// man 7 ip), macOS 49152–65535 (net.inet.ip.portrange.first and .last) and
// Windows 49152–65535 (netsh int ipv4 show dynamicport).
func (o OS) Ephemeral() (first, last uint16) {
	if o == Linux {
		return 32768, 60999
	}
	return 49152, 65535
}

// V6OnlyDefault reports whether an IPv6 socket is IPv6-only unless the
// program sets IPV6_V6ONLY: false on Linux (net.ipv6.bindv6only is 0, man 7
// ipv6) and macOS (net.inet6.ip6.v6only is 0), true on Windows ("Dual-Stack
// Sockets for IPv6 Winsock Applications").
func (o OS) V6OnlyDefault() bool { return o == Windows }

// Proto is a transport protocol. The zero Proto is TCP.
type Proto uint8

// Transport protocols.
const (
	TCP Proto = iota
	UDP
)

var protoNames = enum.Set[Proto]{Kind: "proto", List: enum.Or, Names: []string{
	"tcp", "udp"}}

// String returns "tcp" or "udp".
func (p Proto) String() string { return protoNames.Text(p) }

// MarshalText returns String.
func (p Proto) MarshalText() ([]byte, error) { return protoNames.Marshal(p) }

// UnmarshalText parses the text String returns.
func (p *Proto) UnmarshalText(b []byte) error { return protoNames.Unmarshal(p, b) }

// Toggle is a socket option that is either left at the OS default or set on
// or off. The zero Toggle is Default.
type Toggle uint8

// Toggle values.
const (
	Default Toggle = iota
	On
	Off
)

var toggleNames = enum.Set[Toggle]{Kind: "toggle", List: enum.Or, Names: []string{
	"default", "on", "off"}}

// String returns "default", "on" or "off".
func (t Toggle) String() string { return toggleNames.Text(t) }

// MarshalText returns String.
func (t Toggle) MarshalText() ([]byte, error) { return toggleNames.Marshal(t) }

// UnmarshalText parses the text String returns.
func (t *Toggle) UnmarshalText(b []byte) error { return toggleNames.Unmarshal(t, b) }

// SockState is the state of a bound socket. The zero SockState is Listening.
type SockState uint8

// Socket states.
const (
	Listening SockState = iota // a TCP socket after listen; a bound UDP socket
	Bound                      // a TCP socket bound but not listening: it accepts nothing
	TimeWait                   // what a closed server's connections leave for 2×MSL
)

var stateNames = enum.Set[SockState]{Kind: "state", List: enum.Or, Names: []string{
	"listening", "bound", "time-wait"}}

// String returns "listening", "bound" or "time-wait".
func (s SockState) String() string { return stateNames.Text(s) }

// MarshalText returns String.
func (s SockState) MarshalText() ([]byte, error) { return stateNames.Marshal(s) }

// UnmarshalText parses the text String returns.
func (s *SockState) UnmarshalText(b []byte) error { return stateNames.Unmarshal(s, b) }

// Order is the order in which the name localhost resolves. The zero Order
// is IPv6First, what getaddrinfo returns with the default address selection
// policy of RFC 6724 (::1 has precedence 50, IPv4 35).
type Order uint8

// Resolution orders for localhost.
const (
	IPv6First Order = iota // ::1, then 127.0.0.1
	IPv4First              // 127.0.0.1, then ::1
	IPv4Only               // 127.0.0.1
	IPv6Only               // ::1
)

var orderNames = enum.Set[Order]{Kind: "order", List: enum.Or, Names: []string{
	"ipv6-first", "ipv4-first", "ipv4-only", "ipv6-only"}}

// String returns "ipv6-first", "ipv4-first", "ipv4-only" or "ipv6-only".
func (o Order) String() string { return orderNames.Text(o) }

// MarshalText returns String.
func (o Order) MarshalText() ([]byte, error) { return orderNames.Marshal(o) }

// UnmarshalText parses the text String returns.
func (o *Order) UnmarshalText(b []byte) error { return orderNames.Unmarshal(o, b) }

// Dialer is how a client uses the addresses a name resolves to. The zero
// Dialer is HappyEyeballs.
type Dialer uint8

// Dialers.
const (
	// HappyEyeballs tries the addresses in order, starting the next one
	// 250 ms after the previous one unless it has answered (RFC 8305), and
	// keeps the first that connects: Go's net.Dial, browsers, curl, Node.js 20.
	HappyEyeballs Dialer = iota
	// Sequential tries the addresses one after another, waiting for each to
	// fail: the classic getaddrinfo loop (Python's socket.create_connection).
	Sequential
	// FirstOnly tries only the first address: Node.js 17–19's net.connect.
	FirstOnly
)

var dialerNames = enum.Set[Dialer]{Kind: "client", List: enum.Or, Names: []string{
	"happy-eyeballs", "sequential", "first-only"}}

// String returns "happy-eyeballs", "sequential" or "first-only".
func (d Dialer) String() string { return dialerNames.Text(d) }

// MarshalText returns String.
func (d Dialer) MarshalText() ([]byte, error) { return dialerNames.Marshal(d) }

// UnmarshalText parses the text String returns.
func (d *Dialer) UnmarshalText(b []byte) error { return dialerNames.Unmarshal(d, b) }

// Kind is what an Action does. The zero Kind is Listen.
type Kind uint8

// Action kinds.
const (
	Listen    Kind = iota // bind a socket and listen on it (a UDP socket only binds)
	BindOnly              // bind a socket without listening
	Close                 // close the sockets of a process
	Wait                  // wait until every TIME_WAIT has expired (2×MSL)
	Publish               // publish a container port on the host (docker run -p)
	Connect               // connect from a vantage point to an address and port
	Localhost             // set the order localhost resolves in
	Client                // set how clients use several addresses
)

var kindNames = enum.Set[Kind]{Kind: "action", List: enum.Or, Names: []string{
	"listen", "bind", "close", "wait", "publish", "connect", "localhost", "client"}}

// String returns the action's name as written in a scenario: "listen",
// "bind", "close", "wait", "publish", "connect", "localhost" or "client".
func (k Kind) String() string { return kindNames.Text(k) }

// MarshalText returns String.
func (k Kind) MarshalText() ([]byte, error) { return kindNames.Marshal(k) }

// UnmarshalText parses the text String returns.
func (k *Kind) UnmarshalText(b []byte) error { return kindNames.Unmarshal(k, b) }

// Verdict is the outcome of an action. The zero Verdict is Done, for actions
// that cannot fail.
type Verdict uint8

// Verdicts of bind and connect.
const (
	Done         Verdict = iota // the action took effect
	OK                          // bind (or publish) succeeded
	AddrInUse                   // EADDRINUSE (WSAEADDRINUSE)
	AddrNotAvail                // EADDRNOTAVAIL: the address is not one of this machine's
	Access                      // EACCES (WSAEACCES): a privileged port, or Windows refusing to share
	LimitReached                // the scenario's size limits were reached
	Connected                   // a socket accepted the connection
	Refused                     // nothing listens: the kernel answers RST (UDP: ICMP port unreachable)
	TimedOut                    // dropped on the way (NAT, firewall): no answer at all
	NoRoute                     // no route to the address, or no machine has it
	// Reset: a proxy (docker-proxy) accepted the connection, then found
	// nothing behind it and closed it: the client sees "connection reset by
	// peer", or curl's "empty reply from server", not a refusal.
	Reset
)

var verdictNames = enum.Set[Verdict]{Kind: "verdict", List: enum.Or, Names: []string{
	"done", "ok", "EADDRINUSE", "EADDRNOTAVAIL", "EACCES", "limit reached",
	"connected", "refused", "timed out", "no route", "reset"}}

// String returns "done", "ok", "EADDRINUSE", "EADDRNOTAVAIL", "EACCES",
// "limit reached", "connected", "refused", "timed out", "no route" or
// "reset".
func (v Verdict) String() string { return verdictNames.Text(v) }

// MarshalText returns String.
func (v Verdict) MarshalText() ([]byte, error) { return verdictNames.Marshal(v) }

// UnmarshalText parses the text String returns.
func (v *Verdict) UnmarshalText(b []byte) error { return verdictNames.Unmarshal(v, b) }

// Failed reports whether v is an error: a failed bind or connection.
func (v Verdict) Failed() bool { return v != Done && v != OK && v != Connected }
