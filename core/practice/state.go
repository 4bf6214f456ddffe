package practice

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/netground/netground/core/scenario"
)

// MaxSeed is the largest seed a link may carry: the largest integer a
// JavaScript number holds exactly, so the seed a host page receives is the
// seed of the link.
const MaxSeed = 1<<53 - 1

// State is what a practice link holds: the set's seed, topics and level,
// as /practice?topics=subnet,nat&level=2&seed=42. The zero State has no
// topics and level 0; ParseState never returns it.
type State struct {
	Seed   uint64
	Topics []Topic
	Level  int
}

// Widget returns scenario.WidgetPractice.
func (s State) Widget() scenario.Widget { return scenario.WidgetPractice }

// Query returns the state as query parameters.
func (s State) Query() url.Values {
	q := url.Values{}
	q.Set("topics", JoinTopics(s.Topics))
	q.Set("level", strconv.Itoa(s.Level))
	q.Set("seed", strconv.FormatUint(s.Seed, 10))
	return q
}

// Encode writes topics, level and seed in that order, commas unescaped, so
// a link reads /practice?topics=subnet,nat&level=2&seed=42. ParseState reads
// it back.
func (s State) Encode() string {
	return "topics=" + JoinTopics(s.Topics) + "&level=" + strconv.Itoa(s.Level) + "&seed=" + strconv.FormatUint(s.Seed, 10)
}

// ParseState reads a link's parameters. A missing or bad value falls back
// to its default (DefaultTopics, DefaultLevel, and for the seed fallbackSeed,
// which the page draws at random); each bad value, and each parameter that
// is neither the state's nor the page's (scenario.IsViewParam), is reported
// as a problem quoting it. hasSeed reports whether the link named a usable
// seed.
func ParseState(q url.Values, fallbackSeed uint64) (s State, hasSeed bool, problems []scenario.Problem) {
	s = State{Seed: fallbackSeed, Topics: DefaultTopics(), Level: DefaultLevel}
	report := func(param, value, reason string) {
		problems = append(problems, scenario.NewProblem(param, value, reason))
	}
	if vs, ok := q["topics"]; ok {
		ts, err := ParseTopics(strings.Join(vs, ","))
		switch {
		case err != nil && len(ts) > 0:
			report("topics", strings.Join(vs, ","), err.Error()+"; ignored it")
			s.Topics = ts
		case err != nil:
			report("topics", strings.Join(vs, ","), err.Error()+"; using the default topics")
		default:
			s.Topics = ts
		}
	}
	if v, ok := q["level"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(v[0]))
		if err != nil || n < MinLevel || n > MaxLevel {
			report("level", v[0], fmt.Sprintf("not a level from %d to %d; using %d", MinLevel, MaxLevel, DefaultLevel))
		} else {
			s.Level = n
		}
	}
	if v, ok := q["seed"]; ok {
		n, ok := ParseSeed(v[0])
		if !ok {
			report("seed", v[0], fmt.Sprintf("not a whole number from 0 to %d; using a new seed", uint64(MaxSeed)))
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

// ParseSeed reads a seed as a link or the seed input writes it, and
// reports whether it is one: a whole number from 0 to MaxSeed, spaces
// around it ignored.
func ParseSeed(s string) (uint64, bool) {
	n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	if err != nil || n > MaxSeed {
		return 0, false
	}
	return n, true
}
