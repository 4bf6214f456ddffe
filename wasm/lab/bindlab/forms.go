package bindlab

import "github.com/netground/netground/core/bind"

// The forms, as typed: core/bind reads them (see bind.ListenInput).
type (
	listenForm  = bind.ListenInput
	connectForm = bind.ConnectInput
	publishForm = bind.PublishInput
)
