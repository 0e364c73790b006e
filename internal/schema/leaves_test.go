package schema

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestLeaves(t *testing.T) {
	s, err := Compile(os.DirFS("../../schemas"))
	if err != nil {
		t.Fatal(err)
	}
	hero := map[string]any{
		"id":               "H-2020-0001",
		"status":           "confirmed",
		"disability_grade": json.Number("7"),
		"deed":             map[string]any{"summary": "救人", "case": "C-2020-0001"},
		"honors":           []any{map[string]any{"note": "表彰"}},
		"private":          map[string]any{"phone": "13800000000"},
		"extra":            map[string]any{"x": "y"},
	}
	var got []string
	s.Leaves(Hero, hero, func(path []string, vis string, v any) {
		got = append(got, fmt.Sprintf("%s=%v:%s", strings.Join(path, "."), v, vis))
	})
	want := []string{
		"deed.case=C-2020-0001:public",
		"deed.summary=救人:public",
		"disability_grade=7:private",
		"extra.x=y:private",
		"honors.0.note=表彰:public",
		"id=H-2020-0001:public",
		"private.phone=13800000000:private",
		"status=confirmed:internal",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Leaves =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	keys := s.Keys(Hero)
	for k, want := range map[string]string{"private": Private, "phone": Private, "disability_grade": Private, "summary": Public, "status": Internal, "date": Internal} {
		if keys[k] != want {
			t.Errorf("Keys(hero)[%s] = %q, want %q", k, keys[k], want)
		}
	}
}
