package practice

import "github.com/netground/netground/core/practice"

// state is what a practice link holds: the set's seed, topics and level.
type state = practice.State
