package rules

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPackedTextsAreValues: rule 10 reads a loaded record's texts from its
// binary form (schema.Set.PackedLeaves); the same records with their
// values as maps (walked by schema.Set.Leaves) give the same findings, on
// the sample with private values, numbers, a hidden name and a grade
// written into public values and narratives, so that the findings name
// values of every depth by their paths.
func TestPackedTextsAreValues(t *testing.T) {
	root := sampleCopy(t)
	r := filepath.Join(root, "records/heroes/sheyang/H-2019-0003.md")
	replaceIn(t, r, "五名船员全部获救。", "五名船员全部获救，电话 138 0000 1924，身份证 320924198001011234，七级伤残，朱明也在。")
	p := filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	address := ""
	for _, l := range lines {
		if a, ok := strings.CutPrefix(l, "  address: "); ok {
			address = a
		}
	}
	if address == "" {
		t.Fatal("no address in H-2019-0002")
	}
	for i, l := range lines {
		if strings.HasPrefix(l, "  summary: ") {
			lines[i] = l + "（" + address + "，13900001111）"
		}
	}
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}

	repo, schemas := loadRepo(t, root)
	packed := 0
	for _, rec := range repo.Records {
		if rec.Src.Raw == nil && rec.Src.Packed != nil {
			packed++
		}
	}
	if packed != len(repo.Records) || packed == 0 {
		t.Fatalf("%d of %d records loaded packed", packed, len(repo.Records))
	}
	opts := Options{Today: memoDay, Schemas: schemas}
	fromPacked := findingLines(repo, opts)

	asMaps := *repo
	asMaps.Records = slices.Clone(repo.Records)
	for i := range asMaps.Records {
		src := &asMaps.Records[i].Src
		src.Raw, src.Packed = src.Value(), nil
	}
	fromMaps := findingLines(&asMaps, opts)
	if strings.Join(fromPacked, "\n") != strings.Join(fromMaps, "\n") {
		t.Errorf("from the binary form:\n%s\nfrom the maps:\n%s", strings.Join(fromPacked, "\n"), strings.Join(fromMaps, "\n"))
	}
	n := 0
	for _, l := range fromPacked {
		if privacyLine(l) {
			n++
		}
	}
	if n < 5 {
		t.Errorf("only %d findings of rule 10 to compare:\n%s", n, strings.Join(fromPacked, "\n"))
	}
}
