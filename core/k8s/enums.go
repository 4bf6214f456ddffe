package k8s

import "github.com/netground/netground/core/internal/enum"

// Kind is what an Action does. The zero Kind is DeletePod.
type Kind uint8

// Action kinds.
const (
	DeletePod  Kind = iota // delete a pod; its ReplicaSet creates a replacement
	RestartPod             // replace a pod as kubectl rollout restart does: new pod first, then the old one goes
	Scale                  // set a deployment's replicas
	Unready                // a pod's readiness probe starts failing
	Ready                  // a pod's readiness probe passes again
	Connect                // connect from a pod, a node or outside to an address or name and port
)

var kindNames = enum.Set[Kind]{Kind: "action", List: enum.OneOf, Names: []string{
	"delete-pod", "restart-pod", "scale", "unready", "ready", "connect"}}

// String returns the action's name as written in a scenario.
func (k Kind) String() string { return kindNames.Text(k) }

// MarshalText returns String.
func (k Kind) MarshalText() ([]byte, error) { return kindNames.Marshal(k) }

// UnmarshalText parses the text String returns.
func (k *Kind) UnmarshalText(b []byte) error { return kindNames.Unmarshal(k, b) }

// Verdict is the outcome of an action. The zero Verdict is Done.
type Verdict uint8

// Verdicts.
const (
	Done         Verdict = iota // the action took effect
	NotFound                    // a name that does not resolve, or a pod that does not exist
	LimitReached                // the scenario's size limits were reached
	Connected                   // a pod accepted the connection
	Refused                     // RST, or kube-proxy's REJECT for a Service without endpoints
	TimedOut                    // dropped on the way: no answer
	NoRoute                     // no route, or no machine has the address
	Pending                     // a pod the action creates stays Pending: no node has room for it
)

var verdictNames = enum.Set[Verdict]{Kind: "verdict", List: enum.OneOf, Names: []string{
	"done", "not found", "limit reached", "connected", "refused", "timed out", "no route", "pending"}}

// String returns "done", "not found", "limit reached", "connected",
// "refused", "timed out", "no route" or "pending".
func (v Verdict) String() string { return verdictNames.Text(v) }

// MarshalText returns String.
func (v Verdict) MarshalText() ([]byte, error) { return verdictNames.Marshal(v) }

// UnmarshalText parses the text String returns.
func (v *Verdict) UnmarshalText(b []byte) error { return verdictNames.Unmarshal(v, b) }

// Failed reports whether v is an error: a connection that fails, a name or
// pod not found, a pod left Pending, a limit reached.
func (v Verdict) Failed() bool { return v != Done && v != Connected }
