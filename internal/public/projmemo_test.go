package public

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"reflect"
	"testing"
)

// fill sets every field of the value v points to, through pointers and
// slices (two items each), to a value of its own: a field added to Hero
// is filled too.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("值%d", *n))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(*n))
	case reflect.Bool:
		v.SetBool(*n%2 == 0)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	default:
		panic("fill: a field of kind " + v.Kind().String() + " in Hero: teach projmemo.go to keep it")
	}
}

// TestProjectionsRoundTrip: every field of a projection, every field of
// Hero set, comes back from the bytes roll build keeps (a field added to
// Hero and not to appendHero fails here); a hero without a martyr rating
// or titles, with an empty list of titles; a damaged, cut or foreign
// file is no projection at all.
func TestProjectionsRoundTrip(t *testing.T) {
	var full Hero
	n := 0
	fill(reflect.ValueOf(&full).Elem(), &n)
	m := &Memo{onDisk: true, projSeen: map[[sha256.Size]byte]Hero{
		sha256.Sum256([]byte("full")):  full,
		sha256.Sum256([]byte("bare")):  {ID: "H-1", Name: "张三"},
		sha256.Sum256([]byte("empty")): {ID: "H-2", Name: "李四", Honors: []Award{}},
	}}
	b := m.ProjectionBytes()
	if got := readProjections(b); !reflect.DeepEqual(got, m.projSeen) {
		t.Errorf("read back:\n%+v\nwant\n%+v", got, m.projSeen)
	}
	for i := range len(b) {
		if got := readProjections(b[:i]); len(got) != 0 {
			t.Fatalf("the first %d of %d bytes give %d projections", i, len(b), len(got))
		}
	}
	for _, i := range []int{0, len(projHeader), len(projHeader) + 40, len(b) - 1} {
		bad := append([]byte(nil), b...)
		bad[i] ^= 1
		if got := readProjections(bad); len(got) != 0 {
			t.Errorf("bytes altered at %d give %d projections", i, len(got))
		}
	}
	// What this build projected is written only when it differs.
	read := &Memo{}
	read.ReadProjections(b)
	read.projSeen = maps.Clone(read.projKnown)
	if read.ProjectionsChanged() {
		t.Error("the same projections count as changed")
	}
	delete(read.projSeen, sha256.Sum256([]byte("bare")))
	if !read.ProjectionsChanged() {
		t.Error("a hero fewer does not count as changed")
	}
}
