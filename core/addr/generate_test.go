package addr

import (
	"testing"

	"github.com/netground/netground/core/internal/gentest"
)

// TestGeneratedIsFresh: zz_registry.go is what go generate writes from the
// committed IANA snapshots.
func TestGeneratedIsFresh(t *testing.T) { gentest.Fresh(t, "-o", "zz_registry.go") }
