// Package learn is the course: /learn lists the chapters with the progress
// kept in this browser, and /learn/<chapter> shows one, its prose with the
// live widgets embedded at the examples it discusses, then its questions,
// checked by the practice engine. Each chapter is a Markdown file in
// chapters/ (see package course for the format), rendered into the
// pre-rendered page when the bundle is built; the app in the browser takes
// the rendered prose from the page rather than render Markdown itself.
package learn

import (
	"embed"
	"fmt"
	"path"
	"slices"
	"sync"

	"github.com/netground/netground/core/course"
)

// Path is the course's page; a chapter is at Path + "/" + its slug.
const Path = "/learn"

//go:embed chapters/*.md
var sources embed.FS

// load reads every chapter once, in the order of their numbers.
var load = sync.OnceValues(func() ([]course.Chapter, error) { return read(course.ParseChapter) })

// index reads what names each chapter (number, slug, title, summary) once:
// the page registry needs it as the app starts, before any chapter is
// shown, and reading the front matter alone costs next to nothing.
var index = sync.OnceValues(func() ([]course.Chapter, error) { return read(course.ParseFront) })

// read reads every chapter's source with parse, in the order of their
// numbers, which must run from 1 without gaps.
func read(parse func(name, src string) (course.Chapter, error)) ([]course.Chapter, error) {
	names, err := sources.ReadDir("chapters")
	if err != nil {
		return nil, err
	}
	var out []course.Chapter
	for i, e := range names {
		b, err := sources.ReadFile(path.Join("chapters", e.Name()))
		if err != nil {
			return nil, err
		}
		c, err := parse(e.Name(), string(b))
		if err != nil {
			return nil, err
		}
		if c.Number != i+1 {
			return nil, fmt.Errorf("chapter %q: its number is %d, but it is chapter %d; number the files 01, 02, … without gaps", e.Name(), c.Number, i+1)
		}
		out = append(out, c)
	}
	return out, nil
}

// Chapters returns the course's chapters in order, or why they cannot be
// read (a test makes sure they can).
func Chapters() ([]course.Chapter, error) { return load() }

// chapter returns the chapter of a slug.
func chapter(slug string) (course.Chapter, bool) {
	cs, _ := load()
	i := slices.IndexFunc(cs, func(c course.Chapter) bool { return c.Slug == slug })
	if i < 0 {
		return course.Chapter{}, false
	}
	return cs[i], true
}
