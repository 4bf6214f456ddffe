// Package strictjson is the one strict JSON decoder of the engines'
// scenarios: a size limit, no unknown fields, nothing after the value.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Decode reads data as one JSON value of type T. Unknown fields are errors,
// so that a typo does not pass silently. Errors start with what, as in
// "scenario: 2000000 bytes is more than the limit of 1048576"; a JSON error
// is wrapped.
func Decode[T any](what string, data []byte, limit int) (T, error) {
	var v T
	if len(data) > limit {
		return v, fmt.Errorf("%s: %d bytes is more than the limit of %d", what, len(data), limit)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return v, fmt.Errorf("%s: %w", what, err)
	}
	if dec.More() {
		return v, errors.New(what + ": unexpected data after the JSON object")
	}
	return v, nil
}

// DecodeValid is Decode followed by the value's Validate: the zero T and
// the first error, or the valid value.
func DecodeValid[T interface{ Validate() error }](what string, data []byte, limit int) (T, error) {
	v, err := Decode[T](what, data, limit)
	if err == nil {
		err = v.Validate()
	}
	if err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}
