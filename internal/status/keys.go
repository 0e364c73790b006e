package status

import (
	"cmp"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// A status page's bytes are a function of its frame (the data it shows,
// its title) and of what every page of the site reads (Site.Inputs: the
// settings, the build date, the commit, the templates, the code of roll).
// So a page is keyed by what it shows rather than by every record: every
// value its data holds, walked as a template reads it (exported fields,
// through pointers, slices, maps and interfaces). A record's source
// (model.Source) is keyed by its file and the SHA-256 of its bytes, which
// its positions and raw value are a function of. An edit to a hero's
// narrative, which no list shows, then leaves heroes.html, pending.html
// and the other lists as they were; an edit to a field a list shows, or a
// commit that changes a record's last change a list names, changes the
// page's key.
//
// Data the walk cannot key (an unexported field a method could read, a
// function, a value graph too large) keys the page by every record and
// finding, as before.

// dataKey is the key of a page showing data under the frame f; all when
// the data cannot be walked.
func dataKey(all site.Key, f site.Frame, data any) site.Key {
	in := site.NewInputs("shown").String(f.Title).String(f.Section).String(f.Export)
	w := walker{in: in, budget: maxValues}
	if !w.value(reflect.ValueOf(data), 0) {
		return all
	}
	return in.Done()
}

// maxValues bounds the values one page's key walks (a list of 100,000
// rows of a dozen fields is ~1.5 million); maxDepth bounds the nesting, and
// so a cycle of pointers.
const (
	maxValues = 1 << 24
	maxDepth  = 64
)

var (
	timeType   = reflect.TypeFor[time.Time]()
	sourceType = reflect.TypeFor[model.Source]()
)

type walker struct {
	in     *site.Inputs
	budget int
}

// value writes v; false when it cannot be keyed.
func (w *walker) value(v reflect.Value, depth int) bool {
	w.budget--
	if w.budget < 0 || depth > maxDepth {
		return false
	}
	in := w.in
	if !v.IsValid() {
		in.String("nil")
		return true
	}
	switch v.Type() {
	case timeType:
		in.String(v.Interface().(time.Time).Format(time.RFC3339Nano))
		return true
	case sourceType:
		src := v.Interface().(model.Source)
		in.String(src.File).Record(src.Sum) // an unknown sum makes the key unknown: always rendered
		return true
	}
	switch v.Kind() {
	case reflect.Bool:
		in.Bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		in.Int(int(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		in.Int(int(v.Uint()))
	case reflect.Float32, reflect.Float64:
		in.String(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.String:
		in.String(v.String())
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			in.Int(0)
			return true
		}
		in.Int(1).String(v.Elem().Type().String())
		return w.value(v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		in.Int(v.Len())
		for i := range v.Len() {
			if !w.value(v.Index(i), depth+1) {
				return false
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		switch v.Type().Key().Kind() {
		case reflect.String:
			slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.String(), b.String()) })
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.Int(), b.Int()) })
		default:
			return false
		}
		in.Int(len(keys))
		for _, k := range keys {
			if !w.value(k, depth+1) || !w.value(v.MapIndex(k), depth+1) {
				return false
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				return false
			}
			in.String(f.Name)
			if !w.value(v.Field(i), depth+1) {
				return false
			}
		}
	default: // functions, channels, complex numbers
		return false
	}
	return true
}
