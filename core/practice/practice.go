// Package practice generates networking exercises whose answers come from
// Netground's own engines (addr, subnet, plan, port, bind, nat, k8s), checks
// what a learner types, says what is wrong in a wrong answer and shows the
// worked solution.
//
// A Set is defined by a seed, a list of topics and a difficulty level: the
// same three always give the same questions, on every platform, so a link
// reproduces a set for a whole class. Every question draws from its own
// PCG source seeded from the set's seed and the question's position; the
// package holds no mutable state.
package practice

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Topic is a kind of exercise. Its string is what links carry.
type Topic string

// The topics, in the order Topics lists them.
const (
	TopicAddr       Topic = "addr"       // address facts: private or public, registry row, canonical IPv6 form
	TopicSubnet     Topic = "subnet"     // network, broadcast, usable range, counts, masks; IPv6 nibble boundaries
	TopicNeighbours Topic = "neighbours" // direct or through the gateway
	TopicSplit      Topic = "split"      // equal splits, VLSM, summarization
	TopicPorts      Topic = "ports"      // default ports of URLs, service ↔ port, port ranges, ephemeral ranges
	TopicBind       Topic = "bind"       // who can connect to a listener; will a bind fail
	TopicNAT        Topic = "nat"        // translation table, inbound packets, hole punching
	TopicK8s        Topic = "k8s"        // pod addresses after a restart, Services
	TopicErrors     Topic = "errors"     // read an error line: its likeliest cause and its fix
	TopicToolbox    Topic = "toolbox"    // EUI-64 and SLAAC, solicited-node groups, nth address, address ± N, reverse zones
)

// Topics returns every topic in a fixed order.
func Topics() []Topic {
	return []Topic{TopicAddr, TopicSubnet, TopicNeighbours, TopicSplit, TopicPorts, TopicBind, TopicNAT, TopicK8s, TopicErrors, TopicToolbox}
}

// DefaultTopics returns the topics of a link that names none, or names
// "all", and of a set given no valid topic: the eight topics before "read
// the error" (TopicErrors) was added, so that such links keep giving the
// same questions. Later topics ("errors", "toolbox") are asked for by name.
func DefaultTopics() []Topic { return Topics()[:8] }

// Title returns the topic's name for people, such as "Subnet facts", or ""
// for an unknown topic.
func (t Topic) Title() string {
	switch t {
	case TopicAddr:
		return "Address facts"
	case TopicSubnet:
		return "Subnet facts"
	case TopicNeighbours:
		return "Neighbours"
	case TopicSplit:
		return "Splitting and VLSM"
	case TopicPorts:
		return "Ports"
	case TopicBind:
		return "Sockets and binding"
	case TopicNAT:
		return "NAT"
	case TopicK8s:
		return "Kubernetes"
	case TopicErrors:
		return "Read the error"
	case TopicToolbox:
		return "Address toolbox"
	}
	return ""
}

// IsValid reports whether t is one of Topics.
func (t Topic) IsValid() bool { return t.Title() != "" }

// ParseTopics reads a comma-separated list of topics, such as "subnet,nat".
// Case and spaces are ignored, duplicates merged, and the result is in the
// order of Topics, so that "nat,subnet" and "subnet,nat" define the same set.
// "all" means DefaultTopics. An unknown name is an error that quotes it; the
// known topics are still returned.
func ParseTopics(s string) ([]Topic, error) {
	var bad []string
	seen := map[Topic]bool{}
	for _, part := range strings.Split(s, ",") {
		name := strings.ToLower(strings.TrimSpace(part))
		switch {
		case name == "":
			continue
		case name == "all":
			for _, t := range DefaultTopics() {
				seen[t] = true
			}
		case name == "neighbors":
			seen[TopicNeighbours] = true
		case name == "error":
			seen[TopicErrors] = true
		case Topic(name).IsValid():
			seen[Topic(name)] = true
		default:
			bad = append(bad, strconv.Quote(part))
		}
	}
	var out []Topic
	for _, t := range Topics() {
		if seen[t] {
			out = append(out, t)
		}
	}
	if len(bad) > 0 {
		return out, fmt.Errorf("unknown topic %s; the topics are %s", strings.Join(bad, ", "), JoinTopics(Topics()))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no topic given; the topics are %s", JoinTopics(Topics()))
	}
	return out, nil
}

// JoinTopics returns topics as a link writes them: "subnet,nat".
func JoinTopics(topics []Topic) string {
	s := make([]string, len(topics))
	for i, t := range topics {
		s[i] = string(t)
	}
	return strings.Join(s, ",")
}

// Difficulty levels.
const (
	MinLevel     = 1 // one step, round numbers: octet boundaries, common ports, one packet
	MaxLevel     = 3 // several steps: IPv6 nibbles, VLSM, OS differences, hole punching
	DefaultLevel = 1
)

// DefaultCount is the number of questions in a set when none is asked for,
// and MaxCount the most a set may hold.
const (
	DefaultCount = 10
	MaxCount     = 50
)

// Kind is how a question is answered. The zero Kind is FreeText.
type Kind uint8

const (
	FreeText Kind = iota // the learner types the answer
	Choice               // the learner picks one of Choices
)

// String returns "free-text" or "choice".
func (k Kind) String() string {
	if k == Choice {
		return "choice"
	}
	return "free-text"
}

// Table is a small table in a worked solution, such as a NAT translation
// table. The zero Table is no table.
type Table struct {
	Caption string
	Head    []string
	Rows    [][]string
}

// Question is one exercise. Its answer was computed by an engine when the
// question was generated. The zero Question is no question; its Check
// reports every answer wrong.
type Question struct {
	Topic Topic
	Level int
	Kind  Kind
	// Text is the question in one or two sentences.
	Text string
	// Given lists what the question is about, one item a line: requests,
	// sockets, packets. Nil when the text says it all.
	Given []string
	// Choices are the options of a Choice question, in the order shown.
	Choices []string
	// Format says what to type in a FreeText question, such as
	// "an address, like 192.0.2.0".
	Format string
	// Answer is the right answer, in its usual written form (for a Choice
	// question, the text of the right choice).
	Answer string
	// Steps are the worked solution in plain words, one step each.
	Steps []string
	// Work is a preformatted block the steps refer to, such as a binary
	// AND; nil when there is none.
	Work []string
	// Table is a table the steps refer to, such as a translation table.
	Table Table

	check  func(string) Feedback
	verify func() error // recomputes the answer another way; nil when Answer is the engine's value as is
}

// Feedback is the verdict on one answer.
type Feedback struct {
	// Correct reports whether the answer is right.
	Correct bool
	// Blank reports whether nothing was typed; Message then asks for an
	// answer and the attempt should not count.
	Blank bool
	// Invalid reports whether the text cannot be an answer to the
	// question, such as "10.0.0.1" for a question with two choices;
	// Message then says what would be one, and the attempt should not
	// count.
	Invalid bool
	// Message says so in plain words, starting with "correct" or "wrong"
	// (or, for a blank answer, "type an answer", and for an invalid one
	// "not counted").
	Message string
}

// Check judges an answer. It accepts every correct way to write it and
// says what is wrong in a wrong one.
func (q Question) Check(answer string) Feedback {
	if strings.TrimSpace(answer) == "" {
		return Feedback{Blank: true, Message: "type an answer first"}
	}
	if q.check == nil {
		return wrongf("this question has no answer")
	}
	return q.check(answer)
}

// ChoiceIndex returns the position (from 0) of the right choice of a Choice
// question, or -1.
func (q Question) ChoiceIndex() int {
	if q.Kind != Choice {
		return -1
	}
	return slices.Index(q.Choices, q.Answer)
}

// Set is a list of questions defined by a seed, topics and a level.
type Set struct {
	Seed      uint64
	Topics    []Topic
	Level     int
	Questions []Question
}

// NewSet generates count questions on the topics at the level. Topics take
// turns in the order of Topics, whatever the order given; unknown topics
// are skipped, and no valid topic means DefaultTopics. A level outside
// MinLevel–MaxLevel is clamped, and so is count (0 means DefaultCount).
func NewSet(seed uint64, topics []Topic, level, count int) Set {
	var ts []Topic
	for _, t := range Topics() {
		if slices.Contains(topics, t) {
			ts = append(ts, t)
		}
	}
	if len(ts) == 0 {
		ts = DefaultTopics()
	}
	level = min(max(level, MinLevel), MaxLevel)
	if count <= 0 {
		count = DefaultCount
	}
	count = min(count, MaxCount)
	s := Set{Seed: seed, Topics: ts, Level: level}
	for i := range count {
		s.Questions = append(s.Questions, Generate(ts[i%len(ts)], level, seed, i))
	}
	return s
}

// Generate returns question number index (from 0) of the seed for the topic
// at the level. It is what NewSet calls for each question.
func Generate(t Topic, level int, seed uint64, index int) Question {
	level = min(max(level, MinLevel), MaxLevel)
	r := rand.New(rand.NewPCG(seed, uint64(index)<<8|uint64(level)))
	var q Question
	switch t {
	case TopicAddr:
		q = genAddr(r, level)
	case TopicSubnet:
		q = genSubnet(r, level)
	case TopicNeighbours:
		q = genNeighbours(r, level)
	case TopicSplit:
		q = genSplit(r, level)
	case TopicPorts:
		q = genPorts(r, level)
	case TopicBind:
		q = genBind(r, level)
	case TopicNAT:
		q = genNAT(r, level)
	case TopicK8s:
		q = genK8s(r, level)
	case TopicErrors:
		q = genErrors(r, level)
	case TopicToolbox:
		q = genToolbox(r, level)
	default:
		return Question{}
	}
	q.Topic, q.Level = t, level
	return q
}

// Verify recomputes the question's answer in a second way (a brute-force
// model, or the engine run again from the question's scenario) and reports
// a disagreement. It is for tests.
func (q Question) Verify() error {
	if q.verify == nil {
		return nil
	}
	return q.verify()
}
