// Package enum is the one helper behind the engines' small enums (uint8
// values named in a slice): their text, and parsing it back with an error
// that quotes the input and lists what would be right.
package enum

import (
	"fmt"
	"strconv"
	"strings"
)

// Text returns names[v], or kind(v), such as "os(7)", for a value out of
// range.
func Text(kind string, names []string, v uint8) string {
	if int(v) < len(names) {
		return names[v]
	}
	return kind + "(" + strconv.Itoa(int(v)) + ")"
}

// Parse returns the value whose name is s. Otherwise it returns an error
// such as `unknown os "bsd": want "linux", "macos" or "windows"`, the names
// listed by list (Or or OneOf).
func Parse(kind string, names []string, s string, list func([]string) string) (uint8, error) {
	for i, n := range names {
		if n == s {
			return uint8(i), nil
		}
	}
	return 0, fmt.Errorf("unknown %s %q: want %s", kind, s, list(names))
}

// Unmarshal sets *v to the index of b in names; see Parse.
func Unmarshal[T ~uint8](v *T, kind string, names []string, b []byte, list func([]string) string) error {
	n, err := Parse(kind, names, string(b), list)
	*v = T(n)
	return err
}

// Or lists names quoted, the last after "or": `"a", "b" or "c"`.
func Or(names []string) string {
	q := quoted(names)
	if len(q) <= 1 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// OneOf lists names quoted after "one of": `one of "a", "b", "c"`.
func OneOf(names []string) string { return "one of " + strings.Join(quoted(names), ", ") }

func quoted(names []string) []string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return q
}

// Set is a small enum's names, in the order of its values: the kind of value
// they name in text and errors, and how an error lists them (Or or OneOf).
// An enum type's String, MarshalText and UnmarshalText call its Set.
type Set[T ~uint8] struct {
	Kind  string
	Names []string
	List  func([]string) string
}

// Text returns v's name; see Text.
func (s Set[T]) Text(v T) string { return Text(s.Kind, s.Names, uint8(v)) }

// Marshal returns v's name as bytes, for MarshalText.
func (s Set[T]) Marshal(v T) ([]byte, error) { return []byte(s.Text(v)), nil }

// Unmarshal sets *v to the value named b, for UnmarshalText; see Parse.
func (s Set[T]) Unmarshal(v *T, b []byte) error {
	return Unmarshal(v, s.Kind, s.Names, b, s.List)
}
