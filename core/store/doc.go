// Package store is Netground's scenario library: the scenarios people save, kept as files on a
// [hackpadfs.FS] — IndexedDB in the browser, memory in tests and when the browser refuses
// storage.
//
// Each scenario is one file, scenarios/<id>.json, holding the [scenario.Document] exactly as
// [scenario.Marshal] writes it, so a file carries its own format version and can be exported
// as it is. The file's modification time is the time the scenario was last saved, taken from
// the clock the caller passes in.
//
// Nothing is half-written: every write goes through [FS], which writes a whole temporary file
// and renames it over the old one (in IndexedDB a rename is one transaction, an overwrite in
// place is two), and which refuses to rename a file over a directory. A document is marshalled
// and checked before anything is written.
//
// A file that cannot be read or opened is listed with the reason ([Entry.Err]); it can still be
// exported as it is ([Library.Raw]) or deleted, and never hides the other scenarios. A scenario
// saved by an older version of Netground is migrated when it is opened; one saved by a newer
// version is reported and left as it is.
//
// Import takes one scenario file or a whole-library export ([Library.ExportAll]), checks all of
// it before writing anything ([ParseImport]), and resolves name clashes with the decision the
// caller passes ([Clash]).
package store
