package practice

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/netground/netground/core/practice"
)

// state is what a practice link holds: the set's seed, topics and level.
type state = practice.State

// storageKey names the progress of the set in localStorage.
func storageKey(s state) string {
	return "netground-practice:" + strconv.FormatUint(s.Seed, 10) + ":" + practice.JoinTopics(s.Topics) + ":" + strconv.Itoa(s.Level)
}

// progress is what localStorage keeps of a set: each question's first
// answer ("" when not answered yet), the question shown, and the streaks.
// Correctness is not stored: it is checked again on load.
type progress struct {
	V       int      `json:"v"`
	Current int      `json:"current"`
	Answers []string `json:"answers"`
	Streak  int      `json:"streak"`
	Best    int      `json:"best"`
}

const progressVersion = 1

// restore checks stored progress against the set and returns it, or an
// error saying why it cannot be used.
func restore(raw progress, total int) (progress, error) {
	answered := 0
	for _, a := range raw.Answers {
		if a != "" {
			answered++
		}
	}
	switch {
	case raw.V != progressVersion:
		return progress{}, fmt.Errorf("it has version %d, not %d", raw.V, progressVersion)
	case len(raw.Answers) != total:
		return progress{}, fmt.Errorf("it has %d answers for %d questions", len(raw.Answers), total)
	case raw.Current < 0 || raw.Current >= total:
		return progress{}, fmt.Errorf("its current question %d is out of range", raw.Current)
	case raw.Streak < 0 || raw.Best < raw.Streak || raw.Best > answered:
		return progress{}, fmt.Errorf("its streaks %d and %d do not fit %d answers", raw.Streak, raw.Best, answered)
	}
	for _, a := range raw.Answers {
		if len(a) > 512 {
			return progress{}, fmt.Errorf("an answer is too long")
		}
	}
	return raw, nil
}

// decodeProgress is restore for the JSON text itself, for tests.
func decodeProgress(text string, total int) (progress, error) {
	var raw progress
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		return progress{}, fmt.Errorf("it is not valid JSON")
	}
	return restore(raw, total)
}
