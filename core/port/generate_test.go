package port

import (
	"testing"

	"github.com/netground/netground/core/internal/gentest"
)

// TestGeneratedIsFresh: data/services.bin is what go generate writes from
// the committed IANA snapshot.
func TestGeneratedIsFresh(t *testing.T) { gentest.Fresh(t, "-out", "data/services.bin") }
