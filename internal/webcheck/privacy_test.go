package webcheck_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/fold"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/schemas"
)

// privateValues are the values of a repository's records that are never
// published, by what they are: ID numbers and phones of heroes, kin and
// team contacts; and the addresses of heroes.
func privateValues(t *testing.T, root string) (numbers map[string]string, addresses map[string]string) {
	t.Helper()
	set, err := schema.Compile(schemas.FS)
	if err != nil {
		t.Fatal(err)
	}
	repo, _ := records.Load(os.DirFS(root), set)
	numbers, addresses = map[string]string{}, map[string]string{}
	for _, h := range repo.Heroes {
		for what, v := range map[string]string{"id_number": h.Private.IDNumber, "phone": h.Private.Phone} {
			if v != "" {
				numbers[v] = h.ID + " " + what
			}
		}
		for _, v := range digitRuns(h.Private.NextOfKin) {
			numbers[v] = h.ID + " next_of_kin"
		}
		if a := strings.TrimSpace(h.Private.Address); a != "" {
			addresses[a] = h.ID + " address"
		}
	}
	for _, tm := range repo.Teams {
		if tm.Contact != nil && tm.Contact.Phone != "" {
			numbers[tm.Contact.Phone] = tm.ID + " contact"
		}
	}
	return numbers, addresses
}

// digitRun is a run of digits that may be split by spaces or dashes
// (138 0000 1234, 138-0000-1234), an ID number's X at its end.
var digitRun = regexp.MustCompile(`[0-9](?:[ \-]?[0-9])+[Xx]?`)

// digitRuns returns the runs of digits of s, spaces and dashes taken out.
func digitRuns(s string) []string {
	var out []string
	for _, m := range digitRun.FindAllString(s, -1) {
		out = append(out, strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(m)))
	}
	return out
}

// secrets are the private values to look for: numbers by their digits,
// addresses in a fold.Dict, which reads a text once whatever their number
// (as rule 10 of roll check does).
type secrets struct {
	numbers   map[string]string // digits → whose
	addresses fold.Dict
	whose     []string // of each address, by its index in the Dict
}

func newSecrets(numbers, addresses map[string]string) *secrets {
	s := &secrets{numbers: numbers}
	for a, whose := range addresses {
		if i := s.addresses.Add(a); i == len(s.whose) {
			s.whose = append(s.whose, whose)
		}
	}
	return s
}

// leaks returns what of the private values text holds.
func (s *secrets) leaks(text string) []string {
	var out []string
	for _, run := range digitRuns(text) {
		if whose, ok := s.numbers[run]; ok {
			out = append(out, whose+" "+run)
		}
	}
	s.addresses.Find(fold.New(text), func(m fold.Match) {
		out = append(out, s.whose[m.Word]+" "+s.addresses.Word(m.Word))
	})
	return out
}

// TestPublicHasNoPrivateValue scans every file of the public site of both
// builds, the pages of group deeds, facets, statistics and the search
// index's shards among them, for every private value of every record: an
// ID number, a phone (whole, or split by spaces or dashes) or an address.
func TestPublicHasNoPrivateValue(t *testing.T) {
	for _, b := range sites(t) {
		t.Run(b.name, func(t *testing.T) {
			numbers, addresses := privateValues(t, b.root)
			if len(numbers) == 0 || len(addresses) == 0 {
				t.Fatalf("%d private numbers and %d addresses in the records: the scan would find nothing", len(numbers), len(addresses))
			}
			sec := newSecrets(numbers, addresses)
			var probs []string
			scanned := 0
			for name := range b.public.Files {
				body, err := os.ReadFile(filepath.Join(b.public.Dir, filepath.FromSlash(name)))
				if err != nil {
					t.Fatal(err)
				}
				scanned++
				for _, l := range sec.leaks(string(body)) {
					probs = append(probs, name+": "+l)
				}
			}
			report(t, "private value", probs)
			for _, want := range []string{"search.json", "stats.html", "roll.html"} {
				if !b.public.Files[want] {
					t.Errorf("the public site has no %s to scan", want)
				}
			}
			t.Logf("%d files scanned for %d private numbers and %d addresses", scanned, len(numbers), len(addresses))
		})
	}
}

// TestLeaks: the scan finds a phone split by dashes or spaces, an ID
// number with its X, and an address; not a number that merely contains
// one.
func TestLeaks(t *testing.T) {
	sec := newSecrets(map[string]string{"13800001234": "H-1 phone", "32092419850314001X": "H-1 id_number"},
		map[string]string{"射阳县合德镇示例路8号": "H-1 address"})
	for _, tc := range []struct {
		text string
		want int
	}{
		{"电话 138-0000-1234。", 1},
		{"电话 138 0000 1234", 1},
		{"身份证 32092419850314001x", 1},
		{"住在射阳县合德镇示例路8号。", 1},
		{"编号 913800001234", 0},
		{"H-2020-0001 2020年", 0},
	} {
		if got := sec.leaks(tc.text); len(got) != tc.want {
			t.Errorf("leaks(%q) = %q, want %d", tc.text, got, tc.want)
		}
	}
}
