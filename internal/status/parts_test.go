package status

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/site/sitetest"
)

// TestPartsAreTheTemplates holds that the internal pages give the same
// bytes with their parts executed once as with each a {{template}}
// (sitetest.Inline), on the sample made hostile wherever a part shows a
// name: the site's title and organization, the jurisdictions, the titles
// awarded. The hostile text breaks out of an element and an attribute,
// and carries a line separator and a bidi override.
func TestPartsAreTheTemplates(t *testing.T) {
	const hostile = "<script>alert(1)</script>\"' onmouseover=\"alert(2)\u2028\u202e甲"
	res := checkRepo(t, sampleRepo(t))
	res.Repo.Site.Title += hostile
	res.Repo.Site.Organization += hostile
	for i := range res.Repo.Jurisdictions {
		res.Repo.Jurisdictions[i].Name += hostile
	}
	for i := range res.Repo.Honors {
		res.Repo.Honors[i].Name += hostile
	}
	disk := os.DirFS("../../templates")
	inline, err := sitetest.Inline(disk)
	if err != nil {
		t.Fatal(err)
	}
	hist := fixedHistory(res)
	a, b := filepath.Join(t.TempDir(), "parts"), filepath.Join(t.TempDir(), "inline")
	if _, err := renderTo(a, res, hist, disk, Options{Today: buildDay}); err != nil {
		t.Fatal(err)
	}
	if _, err := renderTo(b, res, hist, inline, Options{Today: buildDay}); err != nil {
		t.Fatal(err)
	}
	withParts, without := siteFiles(t, a), siteFiles(t, b)
	for name, body := range withParts {
		if other, ok := without[name]; !ok {
			t.Errorf("%s only with parts", name)
		} else if other != body {
			t.Errorf("%s differs with parts and without", name)
		}
	}
	if len(withParts) != len(without) {
		t.Errorf("%d files with parts, %d without", len(withParts), len(without))
	}
	// Not vacuous: a record shows the hostile names, escaped.
	record := heroRecord(t, withParts, "H-2020-0001")
	for _, want := range []string{"<dt>辖区</dt><dd>建湖县&lt;script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&#39; onmouseover=&#34;alert(2)\u2028\u202e甲</td>"} {
		if !strings.Contains(record, want) {
			t.Errorf("the record of H-2020-0001 lacks %q", want)
		}
	}
	if strings.Contains(record, "<script>") {
		t.Errorf("the record of H-2020-0001 holds hostile text unescaped")
	}
}
