package practice

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/netground/netground/core/practice"
	"github.com/netground/netground/core/scenario"
)

// maxSeed is the largest seed a link may carry: the largest integer a
// JavaScript number holds exactly, so the seed a host page receives is the
// seed of the link.
const maxSeed = 1<<53 - 1

// state is what a practice link holds: the set's seed, topics and level.
type state struct {
	Seed   uint64
	Topics []practice.Topic
	Level  int
}

func (s state) Widget() scenario.Widget { return scenario.WidgetPractice }

func (s state) Query() url.Values {
	q := url.Values{}
	q.Set("topics", practice.JoinTopics(s.Topics))
	q.Set("level", strconv.Itoa(s.Level))
	q.Set("seed", strconv.FormatUint(s.Seed, 10))
	return q
}

// Encode writes topics, level and seed in that order, commas unescaped, so
// a link reads /practice?topics=subnet,nat&level=2&seed=42.
func (s state) Encode() string {
	return "topics=" + practice.JoinTopics(s.Topics) + "&level=" + strconv.Itoa(s.Level) + "&seed=" + strconv.FormatUint(s.Seed, 10)
}

// storageKey names the progress of the set in localStorage.
func (s state) storageKey() string {
	return "netground-practice:" + strconv.FormatUint(s.Seed, 10) + ":" + practice.JoinTopics(s.Topics) + ":" + strconv.Itoa(s.Level)
}

// readState reads a link's parameters. A missing or bad value falls back to
// its default (every topic, level 1, and for the seed the fallback, which
// the page draws at random); each bad value is reported. hasSeed reports
// whether the link named a usable seed.
func readState(q url.Values, fallbackSeed uint64) (s state, hasSeed bool, problems []scenario.Problem) {
	s = state{Seed: fallbackSeed, Topics: practice.Topics(), Level: practice.DefaultLevel}
	report := func(param, value, reason string) {
		problems = append(problems, scenario.Problem{Param: param, Value: short(value), Reason: reason})
	}
	if vs, ok := q["topics"]; ok {
		ts, err := practice.ParseTopics(strings.Join(vs, ","))
		switch {
		case err != nil && len(ts) > 0:
			report("topics", strings.Join(vs, ","), err.Error()+"; ignored it")
			s.Topics = ts
		case err != nil:
			report("topics", strings.Join(vs, ","), err.Error()+"; using every topic")
		default:
			s.Topics = ts
		}
	}
	if v, ok := q["level"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(v[0]))
		if err != nil || n < practice.MinLevel || n > practice.MaxLevel {
			report("level", v[0], fmt.Sprintf("not a level from %d to %d; using %d", practice.MinLevel, practice.MaxLevel, practice.DefaultLevel))
		} else {
			s.Level = n
		}
	}
	if v, ok := q["seed"]; ok {
		n, err := strconv.ParseUint(strings.TrimSpace(v[0]), 10, 64)
		if err != nil || n > maxSeed {
			report("seed", v[0], fmt.Sprintf("not a whole number from 0 to %d; using a new seed", uint64(maxSeed)))
		} else {
			s.Seed, hasSeed = n, true
		}
	}
	var unknown []string
	for k := range q {
		if k != "topics" && k != "level" && k != "seed" && !scenario.IsViewParam(k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		report(k, q.Get(k), "not a practice parameter; ignored")
	}
	return s, hasSeed, problems
}

func short(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
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
