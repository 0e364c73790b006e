package care

import (
	"testing"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/schemas"
)

// TestReasons: why a family is visited first, in the words of the
// schemas: their titles of the outcomes and of the hardship property, not
// words of this package's own.
func TestReasons(t *testing.T) {
	set, err := schema.Compile(schemas.FS)
	if err != nil {
		t.Fatal(err)
	}
	deceased := set.EnumTitle(schema.Hero, []string{"outcome"}, "deceased")
	disabled := set.EnumTitle(schema.Hero, []string{"outcome"}, "disabled")
	hardship := set.Title(schema.Hero, "hardship")
	if deceased == "deceased" || disabled == "disabled" || hardship == "" {
		t.Fatalf("the schemas give no words: %q %q %q", deceased, disabled, hardship)
	}
	for _, tc := range []struct {
		hero model.Hero
		set  *schema.Set
		want string
	}{
		{model.Hero{Status: "confirmed", Outcome: "deceased"}, set, deceased},
		{model.Hero{Status: "confirmed", Outcome: "disabled", Hardship: true}, set, disabled + "、" + hardship},
		{model.Hero{Status: "confirmed", Outcome: "injured", Hardship: true}, set, hardship},
		{model.Hero{Status: "confirmed", Outcome: "injured"}, set, ""},
		{model.Hero{Status: "pending", Outcome: "deceased"}, set, ""},
		// Without schemas, the values themselves.
		{model.Hero{Status: "confirmed", Outcome: "deceased", Hardship: true}, nil, "deceased、hardship"},
	} {
		if got := Reasons(tc.set, &tc.hero); got != tc.want {
			t.Errorf("Reasons(%s, hardship %v) = %q, want %q", tc.hero.Outcome, tc.hero.Hardship, got, tc.want)
		}
	}
}
