package k8s

import "github.com/netground/netground/core/internal/enum"

// enumText returns names[v], or a placeholder for an out-of-range value.
func enumText(kind string, names []string, v uint8) string { return enum.Text(kind, names, v) }

// enumUnmarshal sets *v to the index of b in names.
func enumUnmarshal[T ~uint8](v *T, kind string, names []string, b []byte) error {
	return enum.Unmarshal(v, kind, names, b, enum.OneOf)
}

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

var kindNames = []string{"delete-pod", "restart-pod", "scale", "unready", "ready", "connect"}

// String returns the action's name as written in a scenario.
func (k Kind) String() string { return enumText("action", kindNames, uint8(k)) }

// MarshalText returns String.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText parses the text String returns.
func (k *Kind) UnmarshalText(b []byte) error {
	return enumUnmarshal(k, "action", kindNames, b)
}

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

var verdictNames = []string{"done", "not found", "limit reached", "connected", "refused", "timed out", "no route", "pending"}

// String returns "done", "not found", "limit reached", "connected",
// "refused", "timed out", "no route" or "pending".
func (v Verdict) String() string { return enumText("verdict", verdictNames, uint8(v)) }

// MarshalText returns String.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText parses the text String returns.
func (v *Verdict) UnmarshalText(b []byte) error {
	return enumUnmarshal(v, "verdict", verdictNames, b)
}

// Failed reports whether v is an error: a connection that fails, a name or
// pod not found, a pod left Pending, a limit reached.
func (v Verdict) Failed() bool { return v != Done && v != Connected }
