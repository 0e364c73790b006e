package public

import (
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/templates"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the fixture")

func schemaProj(t testing.TB) Projector { return loadSchemaProjector(t, "testdata/hero.schema.json") }

func TestPublication(t *testing.T) {
	day := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	adult := func() model.Hero {
		return model.Hero{Status: "confirmed", BirthYear: 1980, Public: model.Publication{Consent: true}}
	}
	for _, tc := range []struct {
		name string
		edit func(*model.Hero)
		want Withheld
	}{
		{"confirmed with consent", func(*model.Hero) {}, Published},
		{"no consent", func(h *model.Hero) { h.Public.Consent = false }, NoConsent},
		{"pending", func(h *model.Hero) { h.Status = "pending" }, NotConfirmed},
		{"withdrawn", func(h *model.Hero) { h.Status = "withdrawn" }, WithdrawnRecord},
		{"withdrawn even with consent", func(h *model.Hero) { h.Status = "withdrawn"; h.Public.GuardianConsent = true }, WithdrawnRecord},
		{"empty status", func(h *model.Hero) { h.Status = "" }, UnknownStatus},
		{"minor without guardian consent", func(h *model.Hero) { h.BirthYear = 2010 }, NoGuardianConsent},
		{"minor with guardian consent", func(h *model.Hero) { h.BirthYear = 2010; h.Public.GuardianConsent = true }, Published},
		{"minor with guardian consent but not own", func(h *model.Hero) {
			h.BirthYear = 2010
			h.Public.GuardianConsent = true
			h.Public.Consent = false
		}, NoConsent},
		{"18 tomorrow", func(h *model.Hero) { h.Private.IDNumber = "320924200606020015" }, NoGuardianConsent},
		{"18 today", func(h *model.Hero) { h.Private.IDNumber = "320924200606010015" }, Published},
	} {
		h := adult()
		tc.edit(&h)
		if got := Publication(&h, day); got != tc.want {
			t.Errorf("%s: Publication = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestAnonymize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"张三", "张某某"},
		{"王伟", "王某某"},
		{"欧阳明华", "欧阳某某"},
		{"欧阳锋", "欧阳某某"},
		{"司马光", "司马某某"},
		{"诸葛亮", "诸葛某某"},
		{"上官婉儿", "上官某某"},
		{"尉迟恭", "尉迟某某"},
		{"令狐冲", "令狐某某"},
		{"钟离春", "钟离某某"},
		{"端木蓉", "端木某某"},
		{"欧阳", "欧某某"}, // a two-character name: surname 欧, given name 阳
		{" 李四 ", "李某某"},
		{"", "某某"},
	} {
		if got := Anonymize(tc.in); got != tc.want {
			t.Errorf("Anonymize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestNothingPrivateLeaks is the publication contract over the whole
// output: no private or internal field, withheld hero, full name of an
// anonymized hero or unmarked schema field appears in any file, be it HTML,
// the search index, the feed, the sitemap or robots.txt. TestSampleNothingInternal
// holds the sample records' whole public site to the same contract, their
// decisions, nominations and ledger included.
func TestNothingPrivateLeaks(t *testing.T) {
	for _, p := range []struct {
		name string
		proj Projector
	}{{"schema", schemaProj(t)}, {"paths", publicPaths}} {
		t.Run(p.name, func(t *testing.T) {
			out, st := build(t, fixture(), p.proj)
			fsys := files(t, out)
			for what, secret := range secrets {
				for name, body := range fsys {
					if strings.Contains(body, secret) {
						t.Errorf("%s (%q) appears in %s", what, secret, name)
					}
				}
			}
			want := map[Withheld]int{NoConsent: 1, NotConfirmed: 1, WithdrawnRecord: 1, NoGuardianConsent: 1}
			if st.Published != 6 || len(st.Withheld) != len(want) {
				t.Errorf("stats = %+v, want 6 published and withheld %v", st, want)
			}
			for k, v := range want {
				if st.Withheld[k] != v {
					t.Errorf("withheld %q = %d, want %d", k, st.Withheld[k], v)
				}
			}
		})
	}
}

// TestNewUnmarkedField: a property that the records gained but the schema
// does not mark public is in Raw and reaches neither the projection nor
// the site.
func TestNewUnmarkedField(t *testing.T) {
	repo := fixture()
	raw := repo.Heroes[0].Src.Raw.(map[string]any)
	if raw["commendation_bonus"] == nil {
		t.Fatal("fixture lost its unmarked field")
	}
	proj := schemaProj(t).Project("hero", raw, "public").(map[string]any)
	if _, ok := proj["commendation_bonus"]; ok {
		t.Error("projection kept commendation_bonus, which the schema does not mark")
	}
	if _, ok := proj["deed"].(map[string]any)["witness"]; ok {
		t.Error("projection kept deed.witness, which has no x-visibility")
	}
	out, _ := build(t, repo, schemaProj(t))
	for name, body := range files(t, out) {
		for _, s := range []string{"commendation_bonus", "奖金五万元未公开", "witness", "证人王秘密"} {
			if strings.Contains(body, s) {
				t.Errorf("unmarked field %q reached %s", s, name)
			}
		}
	}
}

// TestProjectorsAgree: the test schema and the hand-written list of public
// paths describe the same contract.
func TestProjectorsAgree(t *testing.T) {
	a, _ := build(t, fixture(), schemaProj(t))
	b, _ := build(t, fixture(), publicPaths)
	diffTrees(t, files(t, a), files(t, b))
}

func diffTrees(t *testing.T, a, b map[string]string) {
	t.Helper()
	for name, body := range a {
		if other, ok := b[name]; !ok {
			t.Errorf("%s only in the first build", name)
		} else if other != body {
			t.Errorf("%s differs between the builds", name)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			t.Errorf("%s only in the second build", name)
		}
	}
}

func TestAnonymizedEverywhere(t *testing.T) {
	out, _ := build(t, fixture(), schemaProj(t))
	fsys := files(t, out)
	for _, name := range []string{"heroes/H-2021-0002.html", "roll.html", "index.html", "jurisdictions/tinghu.html", "years/2021.html", "honors/city-good.html", "search/2021.json", "feed.xml", "cases/C-2021-0001.html"} {
		if !strings.Contains(fsys[name], "欧阳某某") {
			t.Errorf("%s does not show 欧阳某某", name)
		}
	}
	p := page{t, "hero", parseHTML(t, fsys["heroes/H-2021-0002.html"])}
	p.hasText("title", "欧阳某某")
	p.hasText("h1", "欧阳某某")
	if v := p.attr(`meta[property="og:title"]`, "content"); v != "欧阳某某" {
		t.Errorf("og:title = %q", v)
	}
	if v := p.attr(`meta[name=description]`, "content"); !strings.HasPrefix(v, "欧阳某某") {
		t.Errorf("description = %q", v)
	}
	// The narrative named the hero in full; the build replaced it.
	p.hasText(".narrative", "欧阳某某不顾个人安危")
}

func TestHostileInputIsInert(t *testing.T) {
	out, _ := build(t, fixture(), schemaProj(t))
	fsys := files(t, out)
	for name, body := range fsys {
		switch path.Ext(name) {
		case ".html":
			doc := parseHTML(t, body)
			var walk func(n *html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.ElementNode {
					if n.Data == "script" {
						if src, _ := attr(n, "src"); !strings.HasSuffix(src, "static/search.js") || n.FirstChild != nil {
							t.Errorf("%s: a script element that is not the site's own: src=%q", name, src)
						}
					}
					if n.Data == "img" || n.Data == "iframe" || n.Data == "object" || n.Data == "embed" {
						t.Errorf("%s: unexpected <%s>", name, n.Data)
					}
					for _, a := range n.Attr {
						if strings.HasPrefix(strings.ToLower(a.Key), "on") {
							t.Errorf("%s: event handler attribute %s=%q on <%s>", name, a.Key, a.Val, n.Data)
						}
						v := strings.ToLower(strings.TrimSpace(a.Val))
						if (a.Key == "href" || a.Key == "src" || a.Key == "action") && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:")) {
							t.Errorf("%s: %s=%q on <%s>", name, a.Key, a.Val, n.Data)
						}
						if (a.Key == "href" || a.Key == "src") && a.Val == "" {
							t.Errorf("%s: empty %s on <%s>", name, a.Key, n.Data)
						}
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(doc)
			if strings.Contains(body, "javascript:") {
				t.Errorf("%s contains javascript:", name)
			}
		case ".json", ".xml", ".txt":
			for _, s := range []string{"<script", "<img", "<b "} {
				if strings.Contains(body, s) {
					t.Errorf("%s contains raw %q", name, s)
				}
			}
		}
	}
	// The text survives, as text.
	p := page{t, "hostile hero", parseHTML(t, fsys["heroes/H-2022-0010.html"])}
	p.hasText(".profile-summary", `<script>alert("summary")</script>夺刀护人`)
	p.hasText(".facts", `阜宁县<img src=x onerror="alert('place')">`)
	p.hasText(".honor-note", `<b onmouseover="alert('note')">表彰</b>`)
	p.hasText(".narrative", "详情")
	if got := p.attr(`.narrative a`, "href"); got != "https://www.yancheng.gov.cn/" {
		t.Errorf("narrative link = %q, want only the https one kept", got)
	}
}

func TestHeroPage(t *testing.T) {
	out, _ := build(t, fixture(), schemaProj(t))
	fsys := files(t, out)
	p := page{t, "martyr", parseHTML(t, fsys["heroes/H-2021-0003.html"])}
	if v := p.attr("html", "lang"); v != "zh-CN" {
		t.Errorf("lang = %q", v)
	}
	p.hasText("h1.profile-name", "李建国")
	p.hasText("h1 .badge-martyr", "烈士")
	p.hasText(".ribbon", "英勇牺牲")
	p.hasText(".facts", "大丰区")
	p.hasText(".facts", "2021年7月2日")
	p.hasText(".facts", "大丰区川东港")
	p.hasText(".facts", "抢险救人")
	p.hasText(".facts .fallen-mark", "牺牲") // the schema's word; 英勇牺牲 is the ribbon's phrase
	p.hasText(".facts", "苏民〔2021〕9号")
	p.hasText(".honors li", "江苏省见义勇为英雄")
	p.hasText(".honors li .badge-posthumous", "追授")
	p.hasText(".narrative strong", "英勇牺牲")
	p.hasText("a.skip[href=#main]", "跳到正文")
	p.one("main#main")
	if v := p.attr("link[rel=canonical]", "href"); v != "https://jyyw.example.cn/heroes/H-2021-0003.html" {
		t.Errorf("canonical = %q", v)
	}
	if v := p.attr(`meta[property="og:url"]`, "content"); v != "https://jyyw.example.cn/heroes/H-2021-0003.html" {
		t.Errorf("og:url = %q", v)
	}
	if v := p.attr(`meta[property="og:type"]`, "content"); v != "article" {
		t.Errorf("og:type = %q", v)
	}
	if v := p.attr(`meta[name=description]`, "content"); v != "李建国，大丰区，2021年7月2日：抢救落水群众，英勇牺牲。" {
		t.Errorf("description = %q", v)
	}
	if v := p.attr("link[rel=stylesheet]", "href"); v != "../static/style.css" {
		t.Errorf("stylesheet = %q, want the local one", v)
	}

	// Died, not rated 烈士: marked with respect, no 烈士.
	p = page{t, "fallen", parseHTML(t, fsys["heroes/H-2019-0004.html"])}
	p.hasText(".ribbon", "英勇牺牲")
	p.none(".badge-martyr")
	p.hasText(".honors .badge-posthumous", "追授")
	if strings.Contains(text(p.doc), "烈士") {
		t.Error("a hero not rated 烈士 is called 烈士")
	}

	// Unharmed: no outcome row, no memorial marks.
	p = page{t, "unharmed", parseHTML(t, fsys["heroes/H-2020-0001.html"])}
	p.none(".ribbon")
	p.none(".fallen-mark")
	p.hasText(".honors li", "2020年 盐城市见义勇为模范")
	p.hasText(".honors .honor-note", "第八次全市见义勇为模范、先进个人表彰大会")
	p.none(".honors .badge-posthumous")
	// CJK line breaks join without a space.
	p.anyText(".narrative p", "听到呼救，立即跳入冰冷的河水。")
}

func TestPagesAndLinks(t *testing.T) {
	out, _ := build(t, fixture(), schemaProj(t))
	fsys := files(t, out)
	for _, name := range []string{
		"index.html", "roll.html", "memorial.html", "search.html", "404.html",
		"jurisdictions/sheyang.html", "years/2021.html", "honors/city-model.html",
		"feed.xml", "sitemap.xml", "robots.txt", "search.json",
		"static/style.css", "static/search.js", "static/favicon.svg",
	} {
		if _, ok := fsys[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
	// Every local link and asset of every page resolves to a file.
	for name, body := range fsys {
		if path.Ext(name) != ".html" || name == "404.html" {
			continue
		}
		doc := parseHTML(t, body)
		for _, sel := range []string{"a[href]", "link[href]", "script[src]", "form[action]"} {
			for _, n := range query(t, doc, sel) {
				ref, _ := attr(n, "href")
				if ref == "" {
					ref, _ = attr(n, "src")
				}
				if ref == "" {
					ref, _ = attr(n, "action")
				}
				if strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "#") {
					continue
				}
				target := path.Join(path.Dir(name), strings.FieldsFunc(ref, func(r rune) bool { return r == '#' || r == '?' })[0])
				if _, ok := fsys[target]; !ok {
					t.Errorf("%s: link %q leads nowhere (%s)", name, ref, target)
				}
			}
		}
		for _, n := range query(t, doc, "[src]") {
			if v, _ := attr(n, "src"); strings.Contains(v, "//") {
				t.Errorf("%s: asset from another host: %s", name, v)
			}
		}
	}
	// 404.html is served for any path: its links start at the site root.
	p := page{t, "404", parseHTML(t, fsys["404.html"])}
	if v := p.attr("link[rel=stylesheet]", "href"); v != "/static/style.css" {
		t.Errorf("404 stylesheet = %q", v)
	}
	p.none("link[rel=canonical]")

	home := page{t, "home", parseHTML(t, fsys["index.html"])}
	if n := len(home.all(".cards .card")); n != 6 {
		t.Errorf("home shows %d commendations, want 6", n)
	}
	if got := text(home.all(".cards .card")[0]); !strings.HasPrefix(got, "郑勇") {
		t.Errorf("first commendation = %q, want 郑勇's (the latest title, 2022)", got)
	}
	if got := text(home.one(".memorial-strip .strip")); !strings.Contains(got, "李建国") || !strings.Contains(got, "张志强") || strings.Contains(got, "王伟") {
		t.Errorf("memorial strip = %q", got)
	}
	if got := text(home.one("#by-place")); got != "按地区" {
		t.Errorf("by-place heading = %q", got)
	}
	var places []string
	for _, n := range home.all("section[aria-labelledby=by-place] .bars li") {
		places = append(places, text(n))
	}
	if want := []string{"亭湖区 1", "大丰区 1", "东台市 1", "射阳县 2", "阜宁县 1"}; !slices.Equal(places, want) {
		t.Errorf("counts by jurisdiction = %q, want %q", places, want)
	}
	var years []string
	for _, n := range home.all("section[aria-labelledby=by-year] .bars li") {
		years = append(years, text(n))
	}
	if want := []string{"2023年 1", "2022年 1", "2021年 2", "2020年 1", "2019年 1"}; !slices.Equal(years, want) {
		t.Errorf("counts by year = %q, want %q", years, want)
	}

	mem := page{t, "memorial", parseHTML(t, fsys["memorial.html"])}
	var fallen []string
	for _, n := range mem.all(".memorial-item .memorial-name a") {
		fallen = append(fallen, text(n))
	}
	if want := []string{"李建国", "张志强"}; !slices.Equal(fallen, want) {
		t.Errorf("memorial = %q, want %q", fallen, want)
	}

	hp := page{t, "honor", parseHTML(t, fsys["honors/city-model.html"])}
	hp.hasText("h1", "盐城市见义勇为模范")
	var hy []string
	for _, n := range hp.all(".year-title") {
		hy = append(hy, text(n))
	}
	if want := []string{"2020年授予", "2019年授予"}; !slices.Equal(hy, want) {
		t.Errorf("honor page groups = %q, want %q", hy, want)
	}
}

func TestRollOrder(t *testing.T) {
	repo := fixture()
	repo.Heroes = nil
	for i, name := range []string{"欧阳修文", "张三", "王伟", "丁一", "马超", "一鸣", "周丽", "陈明", "阮文"} {
		h := hero("H-2020-010"+string(rune('0'+i)), name, "sheyang", "2020-05-0"+string(rune('1'+i)), "射阳县", "救人")
		h.Src.Raw = rawOf(&h)
		repo.Heroes = append(repo.Heroes, h)
	}
	late := hero("H-2021-0200", "龚强", "sheyang", "2021-01-01", "射阳县", "救人")
	late.Src.Raw = rawOf(&late)
	repo.Heroes = append(repo.Heroes, late)
	out, _ := build(t, repo, schemaProj(t))
	p := page{t, "roll", parseHTML(t, files(t, out)["roll.html"])}
	var got []string
	for _, n := range p.all(".year-group .row-name") {
		got = append(got, text(n))
	}
	// 2021 first; then by the surname's strokes as the mainland counts them
	// (internal/stroke): 一1 丁2 马3 王4 阮6 张7 陈7 欧8 周8, where CLDR's
	// stroke collation put 周 before 陈 and 阮 after 张.
	want := []string{"龚强", "一鸣", "丁一", "马超", "王伟", "阮文", "张三", "陈明", "欧阳修文", "周丽"}
	if !slices.Equal(got, want) {
		t.Errorf("roll order = %q, want %q", got, want)
	}
	var heads []string
	for _, n := range p.all(".year-title") {
		heads = append(heads, text(n))
	}
	if !slices.Equal(heads, []string{"2021年", "2020年"}) {
		t.Errorf("roll groups = %q", heads)
	}
}

// indexEntry is a hero of a shard of the search index, as the script
// reads it.
type indexEntry struct {
	URL          string   `json:"u"`
	Name         string   `json:"n"`
	Pinyin       string   `json:"py"`
	Jurisdiction string   `json:"j"`
	Year         int      `json:"y"`
	Kind         string   `json:"k"`
	Outcome      string   `json:"o"`
	Honors       []string `json:"h"`
	Place        string   `json:"p"`
	Summary      string   `json:"s"`
	Lead         string   `json:"t"`
	Martyr       bool     `json:"m"`
}

type manifest struct {
	Version int `json:"v"`
	Total   int `json:"total"`
	Shards  []struct {
		Year   int    `json:"y"`
		Path   string `json:"u"`
		Heroes int    `json:"n"`
	} `json:"shards"`
	Words map[string]map[string]string `json:"words"`
}

// readIndex reads the manifest and the shards of a built site's index.
func readIndex(t *testing.T, fsys map[string]string) (manifest, []indexEntry) {
	t.Helper()
	var m manifest
	if err := json.Unmarshal([]byte(fsys["search.json"]), &m); err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"u": true, "n": true, "py": true, "j": true, "y": true, "k": true, "o": true,
		"h": true, "p": true, "s": true, "t": true, "m": true}
	var all []indexEntry
	for _, sh := range m.Shards {
		body, ok := fsys[sh.Path]
		if !ok {
			t.Fatalf("the manifest names %s, which is not built", sh.Path)
		}
		var raw struct {
			Heroes []map[string]any `json:"heroes"`
		}
		if err := json.Unmarshal([]byte(body), &raw); err != nil {
			t.Fatal(err)
		}
		for _, h := range raw.Heroes {
			for k := range h {
				if !allowed[k] {
					t.Errorf("%s: an entry has key %q", sh.Path, k)
				}
			}
		}
		var shard struct {
			Year   int          `json:"y"`
			Heroes []indexEntry `json:"heroes"`
		}
		if err := json.Unmarshal([]byte(body), &shard); err != nil {
			t.Fatal(err)
		}
		if len(shard.Heroes) != sh.Heroes || shard.Year != sh.Year {
			t.Errorf("%s: %d heroes of %d, the manifest says %d of %d", sh.Path, len(shard.Heroes), shard.Year, sh.Heroes, sh.Year)
		}
		for _, h := range shard.Heroes {
			if h.Year != sh.Year {
				t.Errorf("%s holds %s of %d", sh.Path, h.Name, h.Year)
			}
		}
		all = append(all, shard.Heroes...)
	}
	for name := range fsys {
		if strings.HasPrefix(name, "search/") && !slices.ContainsFunc(m.Shards, func(s struct {
			Year   int    `json:"y"`
			Path   string `json:"u"`
			Heroes int    `json:"n"`
		}) bool {
			return s.Path == name
		}) {
			t.Errorf("%s is built but not in the manifest", name)
		}
	}
	return m, all
}

// match finds heroes as the script does: every word in the text of the
// hero, or, for a word of Latin letters, in the pinyin of the name or the
// jurisdiction's code.
func match(m manifest, idx []indexEntry, q string) []string {
	var names []string
	for _, h := range idx {
		var honors []string
		for _, id := range h.Honors {
			honors = append(honors, m.Words["h"][id])
		}
		hay := strings.ToLower(strings.Join([]string{h.Name, m.Words["j"][h.Jurisdiction], itoaYear(h.Year), h.Place, h.Summary, h.Lead,
			strings.Join(honors, "\n"), m.Words["k"][h.Kind], m.Words["o"][h.Outcome]}, "\n"))
		py := h.Pinyin + " " + h.Jurisdiction
		ok := true
		for _, w := range strings.Fields(strings.ToLower(q)) {
			latin := strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == ""
			ok = ok && (strings.Contains(hay, w) || latin && strings.Contains(py, w))
		}
		if ok {
			names = append(names, h.Name)
		}
	}
	return names
}

func TestSearchIndex(t *testing.T) {
	out, _ := build(t, fixture(), schemaProj(t))
	fsys := files(t, out)
	m, idx := readIndex(t, fsys)
	if len(idx) != 6 || m.Total != 6 || m.Version != 2 {
		t.Fatalf("index has %d heroes, manifest %d (version %d), want 6", len(idx), m.Total, m.Version)
	}
	// The shards come in roll order: the latest year first.
	var years []int
	for _, s := range m.Shards {
		years = append(years, s.Year)
	}
	if want := []int{2023, 2022, 2021, 2020, 2019}; !slices.Equal(years, want) {
		t.Errorf("shards of %v, want %v", years, want)
	}
	if m.Words["k"]["other"] != "其他" || m.Words["o"]["deceased"] != "牺牲" || m.Words["j"]["sheyang"] != "射阳县" || m.Words["h"]["city-model"] != "盐城市见义勇为模范" {
		t.Errorf("words = %v", m.Words)
	}
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"王伟", []string{"王伟"}},               // two-character name
		{"射阳县", []string{"王伟", "张志强"}},       // three-character county name and place
		{"射阳", []string{"王伟", "张志强"}},        // and its shorter form
		{"黄沙港", []string{"王伟"}},              // a place
		{"东台市", []string{"赵小明"}},             // a county-level city
		{"2021", []string{"李建国", "欧阳某某"}},    // a year
		{"落水", []string{"李建国", "王伟"}},        // a summary word
		{"欧阳某某", []string{"欧阳某某"}},           // anonymized name
		{"欧阳明华", nil},                        // never the full name
		{"钱多多", nil},                         // never a withheld hero
		{"射阳县 2019", []string{"张志强"}},        // words combine
		{"江苏省见义勇为英雄", []string{"李建国"}},       // an honor
		{"盐城市见义勇为模范", []string{"王伟", "张志强"}}, // an honor of two
		{"冰冷的河水", []string{"王伟"}},            // the first paragraph of the story
		{"托出水面", nil},                        // but not the second
		{"抢险救灾", []string{"张志强"}},            // a kind of deed, in the schema's word
		{"牺牲", []string{"李建国", "张志强"}},       // an outcome, in the schema's word
		{"wangwei", []string{"王伟"}},          // 全拼
		{"ww", []string{"王伟"}},               // 首字母
		{"WangWei", []string{"王伟"}},          // in any case
		{"lijianguo", []string{"李建国"}},       // 全拼 of three characters
		{"ljg", []string{"李建国"}},             // and its 首字母
		{"ouyang", []string{"欧阳某某"}},         // the surname of an anonymized hero
		{"ouyangminghua", nil},               // never the pinyin of the full name
		{"oymh", nil},                        // nor its 首字母
		{"dongtai", []string{"赵小明"}},         // a jurisdiction's code
		{"zhang 2019", []string{"张志强"}},      // pinyin and a year
	} {
		if got := match(m, idx, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("search %q = %q, want %q", tc.q, got, tc.want)
		}
	}
	for _, h := range idx {
		if h.Name == "王伟" && (h.URL != "heroes/H-2020-0001.html" || h.Pinyin != "wangwei ww" || h.Kind != "rescue" || h.Outcome != "unharmed" || !slices.Equal(h.Honors, []string{"city-model"})) {
			t.Errorf("王伟's entry = %+v", h)
		}
		if h.Name == "李建国" && !h.Martyr {
			t.Errorf("李建国 is not marked 烈士: %+v", h)
		}
	}
}

func itoaYear(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y) + "年"
}

func TestFeedAndSitemap(t *testing.T) {
	out, _ := build(t, fixture(), schemaProj(t))
	fsys := files(t, out)
	var feed struct {
		Lang    string `xml:"lang,attr"`
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(fsys["feed.xml"]), &feed); err != nil {
		t.Fatal(err)
	}
	if feed.Lang != "zh-CN" || feed.ID != "https://jyyw.example.cn/feed.xml" || len(feed.Entries) != 6 {
		t.Errorf("feed lang %q, id %q, %d entries", feed.Lang, feed.ID, len(feed.Entries))
	}
	if feed.Updated != "2023-07-15T00:00:00+08:00" {
		t.Errorf("feed updated = %q, want the latest record date", feed.Updated)
	}
	first := feed.Entries[0]
	if first.Title != `郑勇：<script>alert("summary")</script>夺刀护人` || first.Link.Href != "https://jyyw.example.cn/heroes/H-2022-0010.html" || first.Updated != "2022-09-09T00:00:00+08:00" {
		t.Errorf("first entry = %+v", first)
	}
	for _, e := range feed.Entries {
		if e.Title == "" || !strings.HasPrefix(e.ID, "https://jyyw.example.cn/heroes/") {
			t.Errorf("entry %+v", e)
		}
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("entry updated %q: %v", e.Updated, err)
		}
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(fsys["sitemap.xml"]), &sm); err != nil {
		t.Fatal(err)
	}
	var locs []string
	for _, u := range sm.URLs {
		locs = append(locs, u.Loc)
	}
	for _, want := range []string{"https://jyyw.example.cn/", "https://jyyw.example.cn/roll.html", "https://jyyw.example.cn/heroes/H-2021-0003.html", "https://jyyw.example.cn/memorial.html"} {
		if !slices.Contains(locs, want) {
			t.Errorf("sitemap lacks %s", want)
		}
	}
	if slices.Contains(locs, "https://jyyw.example.cn/404.html") {
		t.Error("sitemap lists 404.html")
	}
	if locs[0] != "https://jyyw.example.cn/" || !slices.IsSorted(locs[1:]) {
		t.Errorf("sitemap not sorted: %q", locs)
	}
	if want := "User-agent: *\nAllow: /\n\nSitemap: https://jyyw.example.cn/sitemap.xml\n"; fsys["robots.txt"] != want {
		t.Errorf("robots.txt = %q", fsys["robots.txt"])
	}
}

func TestBaseURL(t *testing.T) {
	repo := fixture()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := renderTo(out, repo, schemaProj(t), templates.FS, Options{Today: buildDay, BaseURL: "https://yc.github.io/roll"}); err != nil {
		t.Fatal(err)
	}
	fsys := files(t, out)
	p := page{t, "hero", parseHTML(t, fsys["heroes/H-2020-0001.html"])}
	if v := p.attr("link[rel=canonical]", "href"); v != "https://yc.github.io/roll/heroes/H-2020-0001.html" {
		t.Errorf("canonical = %q", v)
	}
	p = page{t, "404", parseHTML(t, fsys["404.html"])}
	if v := p.attr("link[rel=stylesheet]", "href"); v != "/roll/static/style.css" {
		t.Errorf("404 stylesheet = %q", v)
	}
	repo.Site.BaseURL = ""
	for _, bad := range []string{"", "ftp://x/", "/relative/", "https://"} {
		if _, _, err := Site(repo, schemaProj(t), templates.FS, Options{Today: buildDay, BaseURL: bad}); err == nil {
			t.Errorf("Site with base URL %q: no error", bad)
		}
	}
	if _, _, err := Site(fixture(), schemaProj(t), templates.FS, Options{}); err == nil {
		t.Error("Site without a build date: no error")
	}
}

// TestDeterministic: two builds, one from the heroes in reverse order, give
// the same bytes.
func TestDeterministic(t *testing.T) {
	a, _ := build(t, fixture(), schemaProj(t))
	repo := fixture()
	slices.Reverse(repo.Heroes)
	b, _ := build(t, repo, schemaProj(t))
	diffTrees(t, files(t, a), files(t, b))
}

// TestTemplatesFromDisk: the templates folder on disk is used as it is,
// and gives the same site as the embedded copy.
func TestTemplatesFromDisk(t *testing.T) {
	a, _ := build(t, fixture(), schemaProj(t))
	b := filepath.Join(t.TempDir(), "public")
	if _, err := renderTo(b, fixture(), schemaProj(t), os.DirFS("../../templates"), Options{Today: buildDay}); err != nil {
		t.Fatal(err)
	}
	diffTrees(t, files(t, a), files(t, b))
}

// TestGolden compares the built fixture with testdata/golden; run with
// -update to accept a change after looking at the diff.
func TestGolden(t *testing.T) {
	out, _ := build(t, fixture(), schemaProj(t))
	got := files(t, out)
	for name := range got {
		if strings.HasPrefix(name, "static/") {
			delete(got, name) // copied as they are from templates/
		}
	}
	dir := filepath.Join("testdata", "golden")
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for name, body := range got {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := files(t, dir)
	for name, body := range got {
		w, ok := want[name]
		if !ok {
			t.Errorf("%s is new: run go test -update and review it", name)
			continue
		}
		if w != body {
			t.Errorf("%s differs from testdata/golden (run go test -update and review the diff):\n%s", name, firstDiff(w, body))
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("%s is no longer built", name)
		}
	}
}

// firstDiff shows the first line that differs.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}

// TestAge: the age read from an ID number's digits is model.Hero.Age's,
// for every kind of birth date, on days around the birthday.
func TestAge(t *testing.T) {
	births := []string{"20080229", "20070228", "20070301", "19991231", "20000101", "00000229", "19000229",
		"20000229", "20230230", "20231301", "20230001", "20230100", "20230431", "2023+101", "+2023010", "2023 101", "99991231"}
	days := []time.Time{
		time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for _, b := range births {
		for _, id := range []string{"320902" + b + "1234", "320902" + b + "12345", b} {
			for _, day := range days {
				h := &model.Hero{BirthYear: 2001}
				h.Private.IDNumber = id
				if got, want := age(h, day), h.Age(day); got != want {
					t.Errorf("age of %q on %s = %d, want %d", id, day.Format(time.DateOnly), got, want)
				}
			}
		}
	}
}
