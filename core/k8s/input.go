package k8s

import (
	"strconv"
	"strings"

	"github.com/netground/netground/core/field"
)

// ConnectInput is a connect action as a person types it into a form.
type ConnectInput struct{ From, To string }

// ScaleInput is a scale action as typed.
type ScaleInput struct{ Deployment, Replicas string }

// Action returns the connect action in reads. Whether its names resolve
// is Validate's and the run's to say, so it never fails.
func (in ConnectInput) Action() (Action, error) {
	return Action{Do: Connect, From: in.From, To: strings.TrimSpace(in.To)}, nil
}

// Action returns the scale action in reads, or a *field.Error at
// "replicas" if that is not a whole number. The limits on replicas are
// Validate's.
func (in ScaleInput) Action() (Action, error) {
	n, err := strconv.Atoi(strings.TrimSpace(in.Replicas))
	if err != nil {
		return Action{}, field.Errorf("replicas", "%s is not a number of replicas", field.Quote(in.Replicas, 80))
	}
	return Action{Do: Scale, Deployment: in.Deployment, Replicas: n}, nil
}
