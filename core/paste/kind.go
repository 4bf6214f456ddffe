package paste

import "github.com/netground/netground/core/internal/enum"

// Kind is what a pasted text is. The zero Kind is KindUnknown.
type Kind uint8

// Kinds of paste.
const (
	KindUnknown    Kind = iota // not recognised
	KindAddress                // one IP address: /addr
	KindPrefix                 // a subnet, address and mask, wildcard mask, or a list of them: /subnet or /plan
	KindRange                  // an address range first-last: /plan?mode=range
	KindPort                   // a port, 80/tcp, udp/53 or a service name: /ports
	KindSocket                 // IP:port, [v6]:port or host:port: /ports
	KindURL                    // a URL: /ports
	KindError                  // an error message: the lab that reproduces it
	KindSockets                // an ss, netstat or lsof listing: /bind
	KindContainers             // docker ps: /bind
	KindInterfaces             // ip addr, ip -br addr, ifconfig, ipconfig: /bind
	KindCluster                // kubectl get pods, svc, endpoints, endpointslices, nodes: /k8s
)

var kindNames = enum.Set[Kind]{Kind: "kind", List: enum.Or, Names: []string{
	"unknown", "address", "prefix", "range", "port", "socket", "url", "error",
	"sockets", "containers", "interfaces", "cluster"}}

// String returns "unknown", "address", "prefix", "range", "port",
// "socket", "url", "error", "sockets", "containers", "interfaces" or
// "cluster": the value of the page's paste-kind field.
func (k Kind) String() string { return kindNames.Text(k) }

// MarshalText returns String.
func (k Kind) MarshalText() ([]byte, error) { return kindNames.Marshal(k) }

// UnmarshalText parses the text String returns.
func (k *Kind) UnmarshalText(b []byte) error { return kindNames.Unmarshal(k, b) }
