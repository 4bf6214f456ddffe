package scenario

import "errors"

// The ways a document or a link can fail to open. Every error from [Unmarshal],
// [DecodeFragment] and their [Options] forms is a *[DecodeError] that matches exactly one of
// these with [errors.Is].
var (
	// ErrNoScenario means a link's fragment carries no scenario (no s= part).
	ErrNoScenario = errors.New("the link carries no scenario")
	// ErrTooLong means a link is longer than MaxLinkBytes.
	ErrTooLong = errors.New("the link is too long")
	// ErrTooLarge means a scenario is larger than MaxDocumentBytes, or inflates to more.
	ErrTooLarge = errors.New("the scenario is too large")
	// ErrTruncated means a link or file ends before the scenario does.
	ErrTruncated = errors.New("the scenario is cut short")
	// ErrDamaged means a link's characters or compressed data were changed or damaged.
	ErrDamaged = errors.New("the scenario was changed or damaged")
	// ErrMalformed means the scenario is not the JSON document it should be.
	ErrMalformed = errors.New("the scenario is not well-formed")
	// ErrNotScenario means the JSON is not a Netground scenario (its format tag is wrong).
	ErrNotScenario = errors.New("this is not a Netground scenario")
	// ErrUnknownWidget means the scenario is for a widget this version does not know.
	ErrUnknownWidget = errors.New("the scenario is for an unknown widget")
	// ErrNewerVersion means the scenario or link was made by a newer version of Netground.
	ErrNewerVersion = errors.New("the scenario was made by a newer version of Netground")
	// ErrMigration means a scenario of an older version could not be brought up to date.
	ErrMigration = errors.New("the scenario could not be brought up to date")
	// ErrInvalidState means the widget's state inside the scenario is not valid.
	ErrInvalidState = errors.New("the scenario's state is not valid")
)

// DecodeError is the error of a document or link that cannot be opened: which of the Err
// values above it is, in what the person opened, and what could still be read.
type DecodeError struct {
	// Kind is one of the Err values of this package.
	Kind error
	// Link reports whether the scenario came from a link rather than a file.
	Link bool
	// Detail says what exactly was found, for example "the data stops after 212 bytes".
	Detail string
	// Partial is what could be read before the problem: its Widget and Name when they came
	// before it, its Version, and for a simple widget the parameters that were read in full.
	// The zero Document when nothing could be read.
	Partial Document
	// Err is the underlying cause, if any.
	Err error
}

// Error returns the problem in plain words, such as
// "the link is cut short: the compressed data stops early".
func (e *DecodeError) Error() string {
	s := e.headline()
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

func (e *DecodeError) headline() string {
	what := "file"
	if e.Link {
		what = "link"
	}
	switch e.Kind {
	case ErrTruncated:
		return "the " + what + " is cut short"
	case ErrDamaged:
		return "the " + what + " was changed or damaged"
	case ErrMalformed:
		return "the " + what + " does not hold a well-formed scenario"
	case ErrNotScenario:
		return "the " + what + " does not hold a Netground scenario"
	case ErrTooLarge:
		return "the " + what + "'s scenario is too large"
	case ErrNewerVersion:
		return "the " + what + " was made by a newer version of Netground"
	case nil:
		return "the " + what + " cannot be opened"
	}
	return e.Kind.Error()
}

// Unwrap returns Kind and, if set, Err.
func (e *DecodeError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}
