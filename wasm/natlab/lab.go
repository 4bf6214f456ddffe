package natlab

import (
	"errors"
	"slices"

	"github.com/netground/netground/core/nat"
)

// lab is a scenario and a simulator positioned at one of its steps. Going
// forward runs the next steps; going back replays from the start, as the
// simulator keeps no history (nat.Run would keep a table per step, too much
// for a 10,000-step scenario in a browser).
type lab struct {
	sc    nat.Scenario
	sim   *nat.Sim
	at    int       // how many steps the simulator has run
	trace nat.Trace // the trace of step at-1; zero when at is 0
}

// newLab returns a lab at the start of sc, or the scenario's validation error.
func newLab(sc nat.Scenario) (*lab, error) {
	l := &lab{sc: sc}
	if err := l.reset(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *lab) reset() error {
	sim, err := nat.New(l.sc)
	if err != nil {
		return err
	}
	l.sim, l.at, l.trace = sim, 0, nat.Trace{}
	return nil
}

// total returns the number of steps of the scenario.
func (l *lab) total() int { return len(l.sc.Steps) }

// seek moves to the point after n steps, clamped to the scenario.
func (l *lab) seek(n int) error {
	n = max(0, min(n, len(l.sc.Steps)))
	if n < l.at {
		if err := l.reset(); err != nil {
			return err
		}
	}
	for l.at < n {
		tr, err := l.sim.Apply(l.sc.Steps[l.at])
		if err != nil {
			return err
		}
		tr.Step = l.at
		l.trace = tr
		l.at++
	}
	return nil
}

// add runs st after the last step and appends it to the scenario. A step
// that does not fit the topology is refused with the simulator's
// *nat.FieldError, whose field starts with "step", and nothing changes.
func (l *lab) add(st nat.Step) error {
	if len(l.sc.Steps) >= nat.MaxSteps {
		return &nat.FieldError{Field: "steps", Reason: "the scenario already has the most steps a scenario may have, " + itoa(nat.MaxSteps)}
	}
	if err := l.seek(len(l.sc.Steps)); err != nil {
		return err
	}
	tr, err := l.sim.Apply(st)
	if err != nil {
		return err
	}
	l.sc.Steps = append(slices.Clip(l.sc.Steps), st)
	tr.Step = l.at
	l.trace = tr
	l.at++
	return nil
}

// replace swaps in an edited scenario and moves to the same step, or
// reports why the edit is not valid and keeps the old scenario.
func (l *lab) replace(sc nat.Scenario) error {
	if err := sc.Validate(); err != nil {
		return err
	}
	at := l.at
	old := l.sc
	l.sc = sc
	if err := l.reset(); err != nil {
		l.sc = old
		l.reset()
		return err
	}
	return l.seek(at)
}

// table returns the translation table at the current step.
func (l *lab) table() []nat.Row { return l.sim.Table() }

// fieldError returns err as a *nat.FieldError, wrapping other errors.
func fieldError(err error) *nat.FieldError {
	var fe *nat.FieldError
	if errors.As(err, &fe) {
		return fe
	}
	return &nat.FieldError{Reason: err.Error()}
}
