package scenario

import "fmt"

// Migration brings a document up by one version. It receives a document of its version and
// returns the same scenario as the next version would have written it; the Version field is
// set by [Migrations.Apply].
type Migration func(Document) (Document, error)

// Migrations is a chain of migrations: Migrations[i] turns a version i+1 document into version
// i+2, so a chain of n migrations reads documents up to version n+1.
type Migrations []Migration

// builtinMigrations returns the migrations of this package: none while Version is 1.
func builtinMigrations() Migrations {
	return Migrations{}
}

// Latest returns the version the chain brings documents up to: len(m)+1.
func (m Migrations) Latest() int { return len(m) + 1 }

// Apply brings d up to m.Latest(), one version at a time. It fails if d.Version is not from
// 1 to m.Latest(), or if a migration fails.
func (m Migrations) Apply(d Document) (Document, error) {
	if d.Version < 1 || d.Version > m.Latest() {
		return Document{}, fmt.Errorf("version %d is not from 1 to %d", d.Version, m.Latest())
	}
	for d.Version < m.Latest() {
		from := d.Version
		if m[from-1] == nil {
			return Document{}, fmt.Errorf("from version %d to %d: no migration", from, from+1)
		}
		next, err := m[from-1](d)
		if err != nil {
			return Document{}, fmt.Errorf("from version %d to %d: %w", from, from+1, err)
		}
		next.Format = FormatTag
		next.Version = from + 1
		if !next.Widget.IsValid() {
			return Document{}, fmt.Errorf("from version %d to %d: unknown widget %q", from, from+1, next.Widget)
		}
		d = next
	}
	return d, nil
}
