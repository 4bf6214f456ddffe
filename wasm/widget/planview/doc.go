// Package planview computes what the Plan page shows for its inputs: the
// summary, facts, result tables (a page at a time), the pictures of the
// address space and the messages under each input. It holds no go-app
// code, so the page (package planui) and the first-answer binary both
// render from it, and its tests run under Node.
package planview
