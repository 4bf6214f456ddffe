package scenario

import (
	"net/url"
	"strconv"

	"github.com/netground/netground/core/field"
)

// ParseStep returns the step a link's step parameter names, clamped to a
// scenario of total steps, or def when it names none. problems say what
// was wrong with a step that could not be used as it was.
func ParseStep(q url.Values, def, total int) (int, []Problem) {
	s := q.Get("step")
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	switch {
	case err != nil || n < 0:
		return def, []Problem{{Param: "step", Value: field.Shorten(s, 40), Reason: "not a step number from 0; showing step " + strconv.Itoa(def)}}
	case n > total:
		return total, []Problem{{Param: "step", Value: field.Shorten(s, 40), Reason: "the scenario has " + field.Count(total, "step", "steps") + "; showing the last"}}
	}
	return n, nil
}
