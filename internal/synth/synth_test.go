package synth

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/frontmatter"
	"github.com/yancheng-jyyw/roll/internal/idcard"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

func generate(t *testing.T, opts Options) *Repo {
	t.Helper()
	r, err := Generate(opts)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", opts, err)
	}
	return r
}

// TestCheckPasses is the generator's contract: roll check finds no errors.
func TestCheckPasses(t *testing.T) {
	for _, opts := range []Options{{Heroes: 300, Seed: 1, Year: 2020}, {Heroes: 120, Seed: 7, Year: 2023}} {
		dir := t.TempDir()
		if err := generate(t, opts).Write(dir); err != nil {
			t.Fatal(err)
		}
		res, err := check.Run(dir, check.Options{Today: date(opts.Year, 12, 31)})
		if err != nil {
			t.Fatal(err)
		}
		warnings := 0
		for _, f := range res.Findings {
			// Errors never; warnings only of the kinds left in on purpose.
			if f.Severity == finding.Error || f.Rule != "insurance" && f.Rule != "minor" && f.Rule != "report" && f.Rule != "fund" {
				t.Errorf("%+v: %v", opts, f)
			} else {
				warnings++
			}
		}
		if res.Findings.Errors() > 0 {
			t.Errorf("%+v: %d errors", opts, res.Findings.Errors())
		}
		if got := len(res.Repo.Heroes); got != opts.Heroes {
			t.Errorf("%+v: loaded %d heroes, want %d", opts, got, opts.Heroes)
		}
		if len(res.Repo.Tasks) != 15 || len(res.Repo.Plans) != 1 || res.Repo.Plans[0].Year != opts.Year {
			t.Errorf("%+v: %d tasks and plans %+v, want the 15 tasks of %d", opts, len(res.Repo.Tasks), res.Repo.Plans, opts.Year)
		}
		if len(res.Repo.Visits) == 0 || len(res.Repo.Stations) < len(places) {
			t.Errorf("%+v: %d visits, %d stations", opts, len(res.Repo.Visits), len(res.Repo.Stations))
		}
		// The newer kinds, in proportion: two quarters of reports, at
		// least an event and a team per jurisdiction, five years of the
		// ledger with a voucher for most amounts of the visits.
		if n := len(res.Repo.Reports); n < 2*len(places)*8/10 || n > 2*len(places) {
			t.Errorf("%+v: %d reports, want about %d", opts, n, 2*len(places))
		}
		if len(res.Repo.Events) < len(places) || len(res.Repo.Teams) < len(places) {
			t.Errorf("%+v: %d events, %d teams", opts, len(res.Repo.Events), len(res.Repo.Teams))
		}
		if len(res.Repo.Fund) != 5*12 {
			t.Errorf("%+v: %d months of the fund, want 60", opts, len(res.Repo.Fund))
		}
		paid := map[string]bool{}
		for _, m := range res.Repo.Fund {
			for _, v := range m.Vouchers {
				paid[v.Ref] = true
			}
		}
		unpaid := 0
		for _, v := range res.Repo.Visits {
			if !paid[v.ID] && slices.ContainsFunc(v.Beneficiaries, func(b model.Beneficiary) bool { return b.Amount > 0 }) {
				unpaid++
			}
		}
		if unpaid > max(2, len(res.Repo.Visits)/5) {
			t.Errorf("%+v: %d of %d visits unpaid, want about one in twenty", opts, unpaid, len(res.Repo.Visits))
		}
		t.Logf("%+v: %d findings, all warnings", opts, warnings)
	}
}

// TestDeterministic: the same options give the same bytes, another seed others.
func TestDeterministic(t *testing.T) {
	a := generate(t, Options{Heroes: 200, Seed: 3, Year: 2020})
	b := generate(t, Options{Heroes: 200, Seed: 3, Year: 2020})
	c := generate(t, Options{Heroes: 200, Seed: 4, Year: 2020})
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	same := true
	for i := range a.Files {
		if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			t.Fatalf("file %d differs: %s and %s", i, a.Files[i].Path, b.Files[i].Path)
		}
		if i < len(c.Files) && !bytes.Equal(a.Files[i].Data, c.Files[i].Data) {
			same = false
		}
	}
	if same {
		t.Error("seeds 3 and 4 gave the same repository")
	}
}

// TestHeroes checks what roll check does not: narrative length, ID numbers,
// spread over jurisdictions, proportions.
func TestHeroes(t *testing.T) {
	r := generate(t, Options{Heroes: 2000, Seed: 11, Year: 2020})
	status := map[string]int{}
	jur := map[string]int{}
	honored := 0
	for _, f := range r.Files {
		if !strings.HasPrefix(f.Path, "records/heroes/") {
			continue
		}
		doc, err := frontmatter.Split(f.Data)
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		body := strings.ReplaceAll(string(doc.Body), "\n", "")
		if n := utf8.RuneCountInString(body); n < 300 || n > 900 {
			t.Errorf("%s: the narrative has %d characters, want 300–900", f.Path, n)
		}
		meta := string(doc.Meta)
		id := field(meta, "  id_number: ")
		id = strings.Trim(id, `"`)
		if !idcard.Valid(id) {
			t.Errorf("%s: invalid ID number %s", f.Path, id)
		}
		status[field(meta, "status: ")]++
		jur[path.Base(path.Dir(f.Path))]++
		if strings.Contains(meta, "  - honor: ") {
			honored++
		}
	}
	if len(jur) != len(places) {
		t.Errorf("heroes in %d jurisdictions, want %d", len(jur), len(places))
	}
	n := 2000.0
	if c := float64(status["confirmed"]) / n; c < 0.7 || c > 0.92 {
		t.Errorf("%.0f%% confirmed, want about 85%%", 100*c)
	}
	if p := float64(status["pending"]) / n; p < 0.04 || p > 0.2 {
		t.Errorf("%.0f%% pending", 100*p)
	}
	if w := status["withdrawn"]; w == 0 {
		t.Error("no withdrawn heroes")
	}
	if h := float64(honored) / n; h < 0.2 || h > 0.7 {
		t.Errorf("%.0f%% honored", 100*h)
	}
	if c := r.Count(); c.Visits < 80 || c.Visits > 100 {
		t.Errorf("%d visits for 2000 heroes, want about 100", c.Visits)
	}
}

func field(meta, prefix string) string {
	for line := range strings.SplitSeq(meta, "\n") {
		if v, ok := strings.CutPrefix(line, prefix); ok {
			return v
		}
	}
	return ""
}

// TestBaseMatchesRecords keeps the embedded copies equal to the sample records.
func TestBaseMatchesRecords(t *testing.T) {
	r := generate(t, Options{Heroes: 1, Seed: 1, Year: 2020})
	n := 0
	for _, f := range r.Files {
		if kind := records.Kind(f.Path); kind != "" && kind != schema.Plan && kind != schema.Task && !records.Listed(kind) && kind != schema.Site {
			continue // generated, not copied
		}
		if records.Kind(f.Path) == schema.Fund {
			continue
		}
		want, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		if records.Kind(f.Path) == schema.Plan || records.Kind(f.Path) == schema.Task {
			want = openYear(want)
		}
		if !bytes.Equal(f.Data, want) {
			t.Errorf("%s differs from the repository's copy; copy it into internal/synth/base", f.Path)
		}
		n++
	}
	templates := 0
	filepath.WalkDir(filepath.Join("..", "..", "templates"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) != ".go" {
			templates++
		}
		return nil
	})
	if want := len(schema.Kinds()) + 3 + 16 + templates; n != want {
		t.Errorf("compared %d files, want %d (%d schemas, %d template files, site, 2 catalogs, plan, 15 tasks)", n, want, len(schema.Kinds()), templates)
	}
}

func TestCommit(t *testing.T) {
	r := generate(t, Options{Heroes: 150, Seed: 5, Year: 2020})
	dir := t.TempDir()
	start := time.Now()
	made, err := r.Commit(dir, 40)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("40 commits of 150 heroes in %v", time.Since(start))
	if made != 40 {
		t.Errorf("made %d commits, want 40", made)
	}
	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	head, err := repo.Head()
	if err != nil {
		t.Fatal(err)
	}
	iter, err := repo.Log(&git.LogOptions{From: head.Hash()})
	if err != nil {
		t.Fatal(err)
	}
	var count int
	var prev time.Time
	iter.ForEach(func(c *object.Commit) error {
		count++
		if !prev.IsZero() && !c.Author.When.Before(prev) {
			t.Errorf("commit %s at %v is not before its child at %v", c.Hash, c.Author.When, prev)
		}
		prev = c.Author.When
		return nil
	})
	if count != 40 {
		t.Errorf("the log has %d commits, want 40", count)
	}
	// The worktree is clean and holds exactly the generated files.
	wt, _ := repo.Worktree()
	st, err := wt.Status()
	if err != nil {
		t.Fatal(err)
	}
	if !st.IsClean() {
		t.Errorf("the worktree is not clean:\n%v", st)
	}
	for _, f := range r.Files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil || !bytes.Equal(got, f.Data) {
			t.Errorf("%s: the committed file differs from the generated one (%v)", f.Path, err)
		}
	}
	// The same generation commits to the same hash.
	dir2 := t.TempDir()
	if _, err := generate(t, Options{Heroes: 150, Seed: 5, Year: 2020}).Commit(dir2, 40); err != nil {
		t.Fatal(err)
	}
	repo2, _ := git.PlainOpen(dir2)
	head2, _ := repo2.Head()
	if head.Hash() != head2.Hash() {
		t.Errorf("HEAD is %s, then %s: commits are not deterministic", head.Hash(), head2.Hash())
	}
}

func TestGenerateErrors(t *testing.T) {
	for _, opts := range []Options{{Heroes: 0, Year: 2020}, {Heroes: 10, Year: 1990}} {
		if _, err := Generate(opts); err == nil {
			t.Errorf("Generate(%+v) = nil error, want one", opts)
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "x"), nil, 0o644)
	if err := generate(t, Options{Heroes: 1, Year: 2020}).Write(dir); err == nil {
		t.Error("Write into a folder that is not empty: nil error, want one")
	}
}

// TestPortraits: with Options.Portraits, every n-th hero has a photo that
// the check accepts, and the rest of the archive is the same bytes as
// without them (a record differs only by its photo_consent line).
func TestPortraits(t *testing.T) {
	opts := Options{Heroes: 300, Seed: 1, Year: 2020}
	plain := generate(t, opts)
	opts.Portraits = 10
	with := generate(t, opts)
	if c := with.Count(); c.Portraits != 30 || c.Heroes != 300 {
		t.Errorf("Count() = %+v, want 30 portraits of 300 heroes", c)
	}
	before := map[string][]byte{}
	for _, f := range plain.Files {
		before[f.Path] = f.Data
	}
	for _, f := range with.Files {
		if strings.HasSuffix(f.Path, ".jpg") {
			continue
		}
		if b := bytes.Replace(f.Data, []byte("  photo_consent: true\n"), nil, 1); !bytes.Equal(b, before[f.Path]) {
			t.Errorf("%s differs from the archive without portraits", f.Path)
		}
	}
	dir := t.TempDir()
	if err := with.Write(dir); err != nil {
		t.Fatal(err)
	}
	res, err := check.Run(dir, check.Options{Today: date(opts.Year, 12, 31)})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.Severity == finding.Error {
			t.Errorf("%v", f)
		}
	}
	usable, consent := 0, 0
	for _, p := range res.Repo.Portraits {
		if p.Usable {
			usable++
		}
	}
	for _, h := range res.Repo.Heroes {
		if h.Public.PhotoConsent {
			consent++
		}
	}
	if usable != 30 || consent < 10 || consent > 20 {
		t.Errorf("%d usable portraits, %d heroes consenting: want 30, and about two in three", usable, consent)
	}
}
