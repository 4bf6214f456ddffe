package natlab

import (
	"errors"
	"slices"
	"strconv"

	"github.com/netground/netground/core/nat"
)

// lab is a scenario and a simulator positioned at one of its steps. Going
// forward runs the next steps; going back restarts from the nearest
// checkpoint before it, a copy of the simulator kept every few steps (the
// simulator keeps no history, and nat.Run's table per step is too much for
// a 10,000-step scenario in a browser).
type lab struct {
	sc    nat.Scenario
	sim   *nat.Sim
	at    int       // how many steps the simulator has run
	trace nat.Trace // the trace of step at-1; zero when at is 0

	every       int        // steps between checkpoints
	checkpoints []*nat.Sim // checkpoints[k] has run k*every steps
}

// checkpointEvery returns the steps between checkpoints for a scenario of
// n steps: often enough that going back replays few steps, rarely enough
// that a long scenario keeps at most about 64 copies of the simulator.
func checkpointEvery(n int) int { return max(32, (n+63)/64) }

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
	l.every = checkpointEvery(len(l.sc.Steps))
	l.checkpoints = []*nat.Sim{sim.Clone()}
	return nil
}

// total returns the number of steps of the scenario.
func (l *lab) total() int { return len(l.sc.Steps) }

// seek moves to the point after n steps, clamped to the scenario.
func (l *lab) seek(n int) error {
	n = max(0, min(n, len(l.sc.Steps)))
	if n < l.at {
		// Restart from the last checkpoint before step n-1, so that at
		// least one step runs and gives the trace shown (none at 0).
		k := min(max(n-1, 0)/l.every, len(l.checkpoints)-1)
		l.sim, l.at, l.trace = l.checkpoints[k].Clone(), k*l.every, nat.Trace{}
	}
	for l.at < n {
		tr, err := l.sim.Apply(l.sc.Steps[l.at])
		if err != nil {
			return err
		}
		l.ran(tr)
	}
	return nil
}

// ran records that the simulator ran step l.at and gave tr, and keeps a
// checkpoint when one is due.
func (l *lab) ran(tr nat.Trace) {
	tr.Step = l.at
	l.trace = tr
	l.at++
	if l.at%l.every == 0 && l.at/l.every == len(l.checkpoints) {
		l.checkpoints = append(l.checkpoints, l.sim.Clone())
	}
}

// add runs st after the last step and appends it to the scenario. A step
// that does not fit the topology is refused with the simulator's
// *nat.FieldError, whose field starts with "step", and nothing changes.
func (l *lab) add(st nat.Step) error {
	if len(l.sc.Steps) >= nat.MaxSteps {
		return &nat.FieldError{Field: "steps", Reason: "the scenario already has the most steps a scenario may have, " + strconv.Itoa(nat.MaxSteps)}
	}
	if err := l.seek(len(l.sc.Steps)); err != nil {
		return err
	}
	tr, err := l.sim.Apply(st)
	if err != nil {
		return err
	}
	l.sc.Steps = append(slices.Clip(l.sc.Steps), st)
	l.ran(tr)
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
