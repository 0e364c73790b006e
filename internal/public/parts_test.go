package public

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/site/sitetest"
)

// hostile is text that breaks out of an element or an attribute, and
// carries a line separator and a bidi override: what a part must escape
// as the template it stands for does.
const hostile = "<script>alert(1)</script>\"' onmouseover=\"alert(2)\u2028\u202e甲"

// TestPartsAreTheTemplates holds that the public pages give the same
// bytes with their parts executed once as with each a {{template}}
// (sitetest.Inline), on the fixture made hostile wherever a part shows a
// value: the site's title, organization and contact (a javascript: URL),
// a jurisdiction, a title awarded and its note, a place.
func TestPartsAreTheTemplates(t *testing.T) {
	repo := fixture()
	repo.Site.Title += hostile
	repo.Site.Organization += hostile
	repo.Site.Contact = "javascript:alert(3)"
	for i := range repo.Jurisdictions {
		repo.Jurisdictions[i].Name += hostile
	}
	for i := range repo.Honors {
		repo.Honors[i].Name += hostile
	}
	for i := range repo.Heroes {
		for j := range repo.Heroes[i].Honors {
			repo.Heroes[i].Honors[j].Note += hostile
		}
		repo.Heroes[i].Src.Raw = rawOf(&repo.Heroes[i])
	}
	disk := os.DirFS("../../templates")
	inline, err := sitetest.Inline(disk)
	if err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(t.TempDir(), "parts"), filepath.Join(t.TempDir(), "inline")
	if _, err := renderTo(a, repo, schemaProj(t), disk, Options{Today: buildDay}); err != nil {
		t.Fatal(err)
	}
	if _, err := renderTo(b, repo, schemaProj(t), inline, Options{Today: buildDay}); err != nil {
		t.Fatal(err)
	}
	withParts := files(t, a)
	diffTrees(t, withParts, files(t, b))
	// Not vacuous: the hero's page shows the hostile values, escaped.
	page := withParts["heroes/H-2020-0001.html"]
	for _, want := range []string{"射阳县&lt;script&gt;", "盐城市见义勇为模范&lt;script&gt;", "#ZgotmplZ"} {
		if !strings.Contains(page, want) {
			t.Errorf("heroes/H-2020-0001.html lacks %q", want)
		}
	}
	if strings.Contains(page, "<script>") || strings.Contains(page, "javascript:") {
		t.Errorf("heroes/H-2020-0001.html holds hostile text unescaped")
	}
}
