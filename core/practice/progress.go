package practice

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// Progress is what the browser keeps of a practice set (in localStorage,
// under ProgressKey): each question's first answer, "" while it is not
// answered, the question shown, and the streaks. Correctness is not kept:
// it is checked again when the progress is loaded. The JSON field names
// are stored in people's browsers and do not change.
type Progress struct {
	V       int      `json:"v"`
	Current int      `json:"current"`
	Answers []string `json:"answers"`
	Streak  int      `json:"streak"`
	Best    int      `json:"best"`
}

// ProgressVersion is the version of Progress this code writes and reads.
const ProgressVersion = 1

// MaxStoredAnswer is the longest answer Progress may hold, in bytes.
const MaxStoredAnswer = 512

// ProgressKey is the storage key of the progress of the set of s.
func ProgressKey(s State) string {
	return "netground-practice:" + strconv.FormatUint(s.Seed, 10) + ":" + JoinTopics(s.Topics) + ":" + strconv.Itoa(s.Level)
}

// Check reports why stored progress cannot be used for a set of total
// questions, or nil. Its errors say what is wrong in words a person
// reads in the page's notice ("it has 3 answers for 10 questions").
func (p Progress) Check(total int) error {
	answered := 0
	for _, a := range p.Answers {
		if a != "" {
			answered++
		}
	}
	switch {
	case p.V != ProgressVersion:
		return fmt.Errorf("it has version %d, not %d", p.V, ProgressVersion)
	case len(p.Answers) != total:
		return fmt.Errorf("it has %d answers for %d questions", len(p.Answers), total)
	case p.Current < 0 || p.Current >= total:
		return fmt.Errorf("its current question %d is out of range", p.Current)
	case p.Streak < 0 || p.Best < p.Streak || p.Best > answered:
		return fmt.Errorf("its streaks %d and %d do not fit %d answers", p.Streak, p.Best, answered)
	}
	for _, a := range p.Answers {
		if len(a) > MaxStoredAnswer {
			return errors.New("an answer is too long")
		}
	}
	return nil
}

// DecodeProgress reads stored progress, as the page reads it from
// localStorage, and checks it for a set of total questions.
func DecodeProgress(data []byte, total int) (Progress, error) {
	var p Progress
	if err := json.Unmarshal(data, &p); err != nil {
		return Progress{}, errors.New("it is not valid JSON")
	}
	if err := p.Check(total); err != nil {
		return Progress{}, err
	}
	return p, nil
}

// OpenProgress reads the progress a browser keeps of a set of total
// questions, as its page opens: found is false when none is kept (nothing,
// an empty text, null or {}); otherwise p is the progress, or notice says
// in a sentence why what is kept was ignored.
func OpenProgress(stored string, total int) (p Progress, found bool, notice string) {
	if stored == "" {
		return Progress{}, false, ""
	}
	if json.Unmarshal([]byte(stored), &p) != nil {
		return Progress{}, false, "Saved progress for this set could not be read (it is not valid JSON) and was ignored."
	}
	if p.V == 0 && p.Answers == nil {
		return Progress{}, false, "" // {} or null: nothing kept
	}
	if err := p.Check(total); err != nil {
		return Progress{}, false, "Saved progress for this set could not be used (" + err.Error() + ") and was ignored."
	}
	return p, true, ""
}
