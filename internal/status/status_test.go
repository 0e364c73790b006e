package status

import (
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/yancheng-jyyw/roll/internal/care"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/markdown"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// gitRepo is a sample repository committed with go-git.
type gitRepo struct {
	t    *testing.T
	dir  string
	repo *git.Repository
	wt   *git.Worktree
}

var cst = time.FixedZone("CST", 8*3600)

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	dir := sampleRepo(t)
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	return &gitRepo{t: t, dir: dir, repo: repo, wt: wt}
}

// commit stages paths (a folder stages everything under it) and commits
// them as author at when.
func (r *gitRepo) commit(author string, when time.Time, msg string, paths ...string) string {
	r.t.Helper()
	for _, p := range paths {
		if err := r.wt.AddGlob(p); err != nil {
			if _, err := r.wt.Add(p); err != nil {
				r.t.Fatal(err)
			}
		}
	}
	sig := &object.Signature{Name: author, Email: "staff@example.org", When: when}
	h, err := r.wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		r.t.Fatal(err)
	}
	return h.String()
}

// edit appends a line to a record file.
func (r *gitRepo) edit(path, old, new string) {
	r.t.Helper()
	full := filepath.Join(r.dir, filepath.FromSlash(path))
	b, err := os.ReadFile(full)
	if err != nil {
		r.t.Fatal(err)
	}
	s := strings.Replace(string(b), old, new, 1)
	if s == string(b) {
		r.t.Fatalf("edit %s: %q not found", path, old)
	}
	if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

const caiYongbing = "records/heroes/sheyang/H-2019-0002.md"

// history commits the sample in three steps by known authors: schemas and
// records, then a change to one hero, then a change to a task.
func (r *gitRepo) history() (first, second, third string) {
	first = r.commit("王芳", time.Date(2020, 11, 30, 9, 30, 0, 0, cst), "录入全部记录\n\n从原台账整理。", "schemas", "records")
	r.edit(caiYongbing, "place: 射阳县黄沙港镇外海示例海域", "place: 射阳县黄沙港镇以东外海示例海域")
	second = r.commit("李伟", time.Date(2020, 12, 18, 16, 5, 0, 0, cst), "更正蔡永兵事迹地点", caiYongbing)
	r.edit("records/tasks/2020/02.yaml", "status: in_progress", "status: in_progress\n# 复核")
	third = r.commit("张敏", time.Date(2020, 12, 19, 10, 0, 0, 0, cst), "任务2：补充复核说明", "records/tasks/2020/02.yaml")
	return first, second, third
}

// TestGitHistory commits the sample records with known authors, dates and
// messages and checks what a hero page and the footers say.
func TestGitHistory(t *testing.T) {
	r := newGitRepo(t)
	first, second, third := r.history()
	hist, err := history.Read(r.dir, "records/")
	if err != nil {
		t.Fatal(err)
	}
	out, _ := build(t, checkRepo(t, r.dir), hist)

	hero := readPage(t, out, "heroes/H-2019-0002.html")
	contains(t, "hero page", hero,
		"最后修改于 2020-12-18 16:05，修改人 李伟",
		"更正蔡永兵事迹地点", "录入全部记录", "王芳",
		second[:7], first[:7],
		"2020-11-30 09:30",
	)
	lacks(t, "hero page", hero, third[:7]+"</code></td>", "从原台账整理")
	// Another hero was changed only by the first commit.
	other := readPage(t, out, "heroes/H-2019-0003.html")
	contains(t, "other hero page", other, "最后修改于 2020-11-30 09:30，修改人 王芳")
	lacks(t, "other hero page", other, "更正蔡永兵事迹地点")

	// Every page's footer names HEAD and its time.
	foot := "构建自提交 <code>" + third[:7] + "</code>（2020-12-19 10:00，张敏）"
	for name, page := range siteFiles(t, out) {
		if strings.HasSuffix(name, ".html") && !strings.Contains(page, foot) {
			t.Errorf("%s: footer without %q", name, foot)
		}
	}
	board := readPage(t, out, "plan/2020.html")
	contains(t, "plan page", board, "录入全部记录")
	lacks(t, "plan page", board, "版本历史不完整")
}

// TestShallowClone clones the repository with depth 1 from file:// and
// checks that the pages say history is incomplete, that the data-quality
// page warns, and that the boundary commit is credited with nothing.
func TestShallowClone(t *testing.T) {
	if _, err := exec.LookPath("git-upload-pack"); err != nil {
		if _, err := exec.LookPath("git"); err != nil {
			t.Skip("cloning over file:// needs git-upload-pack")
		}
	}
	r := newGitRepo(t)
	_, _, third := r.history()
	dir := t.TempDir()
	if _, err := git.PlainClone(dir, false, &git.CloneOptions{URL: "file://" + filepath.ToSlash(r.dir), Depth: 1}); err != nil {
		t.Fatalf("shallow clone: %v", err)
	}
	hist, err := history.Read(dir, "records/")
	if err != nil {
		t.Fatal(err)
	}
	if !hist.Shallow {
		t.Fatal("history of a depth-1 clone is not shallow")
	}
	res := checkRepo(t, dir)
	out, st := build(t, res, hist)
	hero := readPage(t, out, "heroes/sheyang/2019-0000.html")
	contains(t, "hero page", hero, "版本历史不完整", "浅克隆", "构建自提交 <code>"+third[:7])
	// The boundary is HEAD itself: it changed task 2 only, but cannot be
	// credited with any file, not even that one.
	lacks(t, "hero page", hero, "任务2：补充复核说明</td>", "最后修改于")
	task := readPage(t, out, "tasks/T-2020-02.html")
	lacks(t, "task page", task, "最后修改于")
	quality := readPage(t, out, "quality.html")
	contains(t, "quality page", quality, "浅克隆（shallow clone）", "<code>history</code>")
	if want := len(res.Findings) + 1; st.Findings != want {
		t.Errorf("Stats.Findings = %d, want the %d of roll check and the shallow notice", st.Findings, want)
	}
}

// TestOutsideGit builds from records that are not in a git repository.
func TestOutsideGit(t *testing.T) {
	dir := sampleRepo(t)
	hist, err := history.Read(dir, "records/")
	if err != nil {
		t.Fatal(err)
	}
	out, _ := build(t, checkRepo(t, dir), hist)
	for _, name := range []string{"index.html", "heroes/H-2019-0002.html", "quality.html"} {
		page := readPage(t, out, name)
		contains(t, name, page, "无版本历史")
		lacks(t, name, page, "构建自提交", "浅克隆")
	}
	// And with no history at all.
	out, _ = build(t, checkRepo(t, dir), nil)
	contains(t, "index.html", readPage(t, out, "index.html"), "无版本历史")
}

// phoneLike finds 11-digit mobile numbers.
var phoneLike = regexp.MustCompile(`1[3-9][0-9]{9}`)

// TestNoPrivateValues looks for every hero's ID number and phone, and every
// phone inside a next of kin, in every file of the site.
func TestNoPrivateValues(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, _ := build(t, res, fixedHistory(res))
	files := siteFiles(t, out)
	var secrets []string
	for _, h := range res.Repo.Heroes {
		p := h.Private
		secrets = append(secrets, p.IDNumber, p.Phone)
		secrets = append(secrets, phoneLike.FindAllString(p.NextOfKin, -1)...)
		secrets = append(secrets, phoneLike.FindAllString(p.Address, -1)...)
	}
	n := 0
	for _, s := range secrets {
		if s == "" {
			continue
		}
		n++
		for name, body := range files {
			if strings.Contains(body, s) {
				t.Errorf("%s contains the private value %s", name, s)
			}
		}
	}
	if n < 2*len(res.Repo.Heroes) {
		t.Fatalf("only %d private values to look for: is the fixture missing them?", n)
	}
	// The hero's own page shows the masked forms, the address and next of kin.
	page := heroRecord(t, files, "H-2019-0002")
	contains(t, "hero page", page, "3209**********1933", "138****1924", "蔡某（配偶）138****6895", "射阳县黄沙港镇示例村三组11号")
	// Address and next of kin appear in no other record or page.
	for name, body := range files {
		body = strings.Replace(body, page, "", 1)
		if strings.Contains(body, "示例村三组11号") || strings.Contains(body, "蔡某（配偶）") {
			t.Errorf("%s shows the address or next of kin of H-2019-0002 outside its record", name)
		}
	}
}

func TestYuan(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 元"}, {999, "999 元"}, {1000, "1,000 元"}, {47000, "47,000 元"}, {1234567, "1,234,567 元"}, {-1500, "-1,500 元"}} {
		if got := care.Yuan(tc.n).Zh(); got != tc.want {
			t.Errorf("Yuan(%d).Zh() = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// careRepo is a hand-built repository of priority families for 2020,
// whose Spring Festival fell on 2020-01-25 and Mid-Autumn on 2020-10-01.
func careRepo() *model.Repo {
	hero := func(id, status, outcome string, hardship bool, deed string) model.Hero {
		return model.Hero{ID: id, Name: id, Jurisdiction: "sheyang", Status: status, Outcome: outcome,
			Hardship: hardship, Deed: model.Deed{Date: model.Date(deed)}}
	}
	return &model.Repo{
		Site:          model.Site{Year: 2020},
		Jurisdictions: []model.Jurisdiction{{ID: "sheyang", Name: "射阳县"}, {ID: "city", Name: "盐城市"}},
		Heroes: []model.Hero{
			hero("H-2018-0001", "confirmed", "deceased", false, "2018-05-01"), // visited at both
			hero("H-2018-0002", "confirmed", "disabled", false, "2018-06-01"), // visited at neither
			hero("H-2020-0003", "confirmed", "unharmed", true, "2020-07-19"),  // deed after Spring Festival
			hero("H-2020-0004", "confirmed", "injured", false, "2020-02-01"),  // not a priority family
			hero("H-2020-0005", "pending", "deceased", false, "2020-03-01"),   // not confirmed
			hero("H-2020-0006", "confirmed", "deceased", false, "2020-01-25"), // deed on the festival day
		},
		Visits: []model.Visit{
			{ID: "V-2020-0001", Date: "2020-01-20", Occasion: "spring_festival", Jurisdiction: "sheyang",
				Visitors: []string{"射阳县见义勇为基金会"}, Beneficiaries: []model.Beneficiary{{Hero: "H-2018-0001", Amount: 3000, Items: "慰问金"}}},
			{ID: "V-2020-0002", Date: "2020-09-28", Occasion: "mid_autumn", Jurisdiction: "city",
				Visitors: []string{"市见义勇为基金会"}, Beneficiaries: []model.Beneficiary{
					{Hero: "H-2018-0001", Amount: 2000, Items: "月饼"}, {Hero: "H-2020-0003", Amount: 2000}}},
			{ID: "V-2020-0003", Date: "2020-07-28", Occasion: "summer_care", Jurisdiction: "city",
				Beneficiaries: []model.Beneficiary{{Hero: "H-2018-0002", Amount: 500}}},
		},
	}
}

// TestCare checks which priority families are listed as not yet visited at
// each festival, and that a deed after a festival is not a missed visit.
func TestCare(t *testing.T) {
	s, err := newSite(Input{Repo: careRepo()}, buildDay)
	if err != nil {
		t.Fatal(err)
	}
	c, err := care.Year(s.careInput(), 2020)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := care.Year(s.careInput(), 2101); err == nil {
		t.Error("care(2101), beyond the festival table: no error")
	}
	got := map[string]string{}
	for _, f := range c.Families {
		var states []string
		for _, cell := range f.Cells {
			states = append(states, cell.State)
		}
		got[f.Hero.ID] = strings.Join(states, ",")
	}
	want := map[string]string{
		"H-2018-0001": "visited,visited",
		"H-2018-0002": "missing,missing", // a summer visit is not a festival visit
		"H-2020-0003": "na,visited",
		"H-2020-0006": "missing,missing",
	}
	if len(got) != len(want) {
		t.Errorf("families = %v, want %v", got, want)
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: festival states %q, want %q", id, got[id], w)
		}
	}
	if c.NotVisited != 4 || c.Visited != 3 {
		t.Errorf("NotVisited, Visited = %d, %d; want 4, 3", c.NotVisited, c.Visited)
	}
	if c.Totals.Sum.Amount != 7500 || c.Totals.Sum.Visits != 3 {
		t.Errorf("totals = %d yuan in %d visits, want 7500 in 3", c.Totals.Sum.Amount, c.Totals.Sum.Visits)
	}
}

// TestCarePage checks the sample's visit gaps as the page shows them.
func TestCarePage(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, st := build(t, res, nil)
	page := readPage(t, out, "care/2020.html")
	row := func(id string) string {
		i := strings.Index(page, id+"</small>")
		if i < 0 {
			t.Fatalf("care page does not list %s", id)
		}
		j := strings.Index(page[i:], "</tr>")
		return page[i : i+j]
	}
	// 钱佳怡 (deceased): visited at Mid-Autumn, not at Spring Festival.
	if r := row("H-2018-0002"); strings.Count(r, "尚未走访") != 1 || !strings.Contains(r, "2020年9月28日") {
		t.Errorf("H-2018-0002 row = %s", r)
	}
	// 聂小龙 (hardship, deed in July): no Spring Festival visit owed.
	if r := row("H-2020-0009"); strings.Contains(r, "尚未走访") || !strings.Contains(r, "事迹在节后") {
		t.Errorf("H-2020-0009 row = %s", r)
	}
	if st.NotVisited != 5 {
		t.Errorf("Stats.NotVisited = %d, want 5", st.NotVisited)
	}
	contains(t, "care page", page, "49,400 元")
}

// TestOverdue checks that tasks past due and not done stand out.
func TestOverdue(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, st := build(t, res, nil)
	// On the build date of the sample, 2021-01-20, every task of 2020 that
	// is not done is late: tasks 10 and 13 since their own due dates, the
	// others since the year's end, each measured to the day the year was
	// closed, 2021-01-15, not to the build date.
	if st.Overdue != 13 {
		t.Errorf("Stats.Overdue = %d, want 13 (all but tasks 3 and 4)", st.Overdue)
	}
	board := readPage(t, out, "plan/2020.html")
	i := strings.Index(board, `id="overdue"`)
	if i < 0 {
		t.Fatal("plan page has no overdue section")
	}
	section := board[i : i+strings.Index(board[i:], "</section>")]
	contains(t, "overdue section", section, "10. 建立工作联动机制", "已逾期 76 天", "13. 提升自身能力建设", "已逾期 46 天",
		"1. 加强体制机制建设", "已逾期 15 天")
	contains(t, "plan page", board, "本年度已于2021年1月15日关闭", "逾期计算至 2021年1月15日")
	// Tasks 3 and 4 are done.
	lacks(t, "overdue section", section, "3. 开展条例宣传工作", "4. 大力表彰宣传英模")
	if n := strings.Count(board, `<tr class="overdue">`); n != 13 {
		t.Errorf("%d overdue rows on the board, want 13", n)
	}
	contains(t, "task page", readPage(t, out, "tasks/T-2020-13.html"), "已逾期 46 天", "计至2021年1月15日，本年度已于这一天关闭")
	contains(t, "index", readPage(t, out, "index.html"), "T-2020-10 建立工作联动机制")
}

// TestAttention checks the insurance, pending and station lists.
func TestAttention(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, st := build(t, res, nil)
	if st.Uninsured != 3 || st.Pending != 6 {
		t.Errorf("Uninsured, Pending = %d, %d; want 3 and 6, as roll check warns", st.Uninsured, st.Pending)
	}
	ins := readPage(t, out, "insurance.html")
	contains(t, "insurance", ins, "H-2019-0006", "H-2017-0002", "H-2019-0003")
	pend := readPage(t, out, "pending.html")
	// H-2020-0012's deed was on 2020-09-14: 128 days before the build date.
	contains(t, "pending", pend, "H-2020-0012", "128 天")
	if strings.Index(pend, "H-2020-0012") > strings.Index(pend, "H-2020-0017") {
		t.Error("pending: the longest wait is not first")
	}
	contains(t, "stations", readPage(t, out, "stations.html"), "示范", "S-sheyang-01")
	q := readPage(t, out, "quality.html")
	contains(t, "quality", q, "records/heroes/jianhu/H-2019-0006.md:24:1", "但没有 2020 年的综合保险")
}

// TestCharts checks the SVG charts are readable without a script.
func TestCharts(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, _ := build(t, res, nil)
	page := readPage(t, out, "heroes.html")
	contains(t, "heroes", page,
		`<svg role="img"`, `<title id="chart-jurisdiction-t">各县（市、区）已确认的见义勇为人员</title>`,
		`>盐城经济技术开发区</text>`, `>2020年</text>`, "共 25 人")
	lacks(t, "heroes", page, "<script")
}

// TestBuildKeepsOldSiteOnError checks that a failing build leaves the
// previous site in place.
func TestBuildKeepsOldSiteOnError(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, _ := build(t, res, nil)
	before := readPage(t, out, "index.html")
	bad := *res
	repo := *res.Repo
	repo.Heroes = append([]model.Hero{{ID: "../evil"}}, repo.Heroes...)
	bad.Repo = &repo
	if _, err := renderTo(out, &bad, nil, os.DirFS("../../templates"), Options{Today: buildDay}); err == nil {
		t.Fatal("Site with an unsafe id: no error")
	}
	if readPage(t, out, "index.html") != before {
		t.Error("a failed build changed the site")
	}
	if _, err := renderTo(out, res, nil, os.DirFS("../../templates"), Options{}); err == nil {
		t.Error("Site without a build date: no error")
	}
}

// TestProjection checks that a hero page is built from the internal
// projection: the private fields never reach the page's Hero, and the
// disability grade is said to exist but not shown.
func TestProjection(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	s, err := newSite(Input{Repo: res.Repo, Schemas: res.Schemas, Findings: res.Findings}, buildDay)
	if err != nil {
		t.Fatal(err)
	}
	md := markdown.New()
	graded := 0
	for i := range res.Repo.Heroes {
		p, err := s.roster.Hero(&res.Repo.Heroes[i], nil, md)
		if err != nil {
			t.Fatal(err)
		}
		// The record page's view has no private field at all; the
		// projection it is copied from must hold none either.
		var proj model.Hero
		if err := res.Schemas.ProjectInto(schema.Hero, res.Repo.Heroes[i].Src.Raw, schema.Internal, &proj); err != nil {
			t.Fatal(err)
		}
		if proj.Private != (model.Private{}) || proj.DisabilityGrade != 0 {
			t.Errorf("%s: private fields in the projection: %+v, grade %d", proj.ID, proj.Private, proj.DisabilityGrade)
		}
		if p.Hero.Name == "" || p.Hero.Deed.Date == "" || p.Hero.Status.Value == "" || p.Hero.Status.Title == p.Hero.Status.Value {
			t.Errorf("%s: public or internal fields missing from the projection: %+v", p.Hero.ID, p.Hero)
		}
		if p.Private.DisabilityGrade {
			graded++
		}
	}
	if graded == 0 {
		t.Fatal("no hero with a disability grade in the sample")
	}
	out, _ := build(t, res, nil)
	page := readPage(t, out, "heroes/H-2016-0001.html")
	contains(t, "disabled hero", page, "已登记伤残等级")
	// The narrative, published with the hero, may speak of it; the field
	// itself is not shown.
	lacks(t, "disabled hero", page, "伤残等级：4", "伤残等级 4", "<dd>4</dd>")
}

// TestLinks checks that every local link and stylesheet of the site
// resolves to a file of the site, and that nothing is loaded from another
// host.
func TestLinks(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, _ := build(t, res, fixedHistory(res))
	files := siteFiles(t, out)
	ref := regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	for name, body := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range ref.FindAllStringSubmatch(body, -1) {
			link, frag, _ := strings.Cut(m[1], "#")
			if link == "" {
				link = path.Base(name)
			}
			if strings.Contains(link, "//") {
				t.Errorf("%s: link to another host %q", name, m[1])
				continue
			}
			target := filepath.ToSlash(filepath.Clean(filepath.Join(filepath.Dir(name), link)))
			body, ok := files[target]
			if !ok {
				t.Errorf("%s: broken link %q", name, m[1])
			} else if frag != "" && !strings.Contains(body, `id="`+frag+`"`) {
				t.Errorf("%s: link %q: no id %q in %s", name, m[1], frag, target)
			}
		}
	}
}
