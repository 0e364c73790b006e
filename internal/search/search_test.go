package search

import (
	"cmp"
	"encoding/json"
	"strings"
	"testing"
)

func TestPinyin(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"王伟", "wangwei ww"},
		{"李建国", "lijianguo ljg"},
		{"乐晓明", "yuexiaoming yxm lexiaoming lxm"}, // a surname read two ways gives both
		{"欧阳某某", "ouyangmoumou oymm"},             // the name as shown, never the full one
		{"吕红", "lvhong lh"},
		{"", ""},
	} {
		if got := Pinyin(tc.name); got != tc.want {
			t.Errorf("Pinyin(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestShards(t *testing.T) {
	hs := []Hero{
		{URL: "heroes/H-2021-0001.html", Name: "王伟", Year: 2021},
		{URL: "heroes/H-2020-0001.html", Name: "李建国", Year: 2020, Honors: []string{"city-model"}, Martyr: true},
		{URL: "heroes/H-2021-0002.html", Name: "张三", Year: 2021},
	}
	shards := Shards("search", hs)
	if len(shards) != 2 || shards[0].Year != 2021 || len(shards[0].Heroes) != 2 || shards[1].Path != "search/2020.json" {
		t.Fatalf("Shards = %+v", shards)
	}
	b, err := shards[1].JSON()
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Version int              `json:"v"`
		Year    int              `json:"y"`
		Heroes  []map[string]any `json:"heroes"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if v.Version != Version || v.Year != 2020 || len(v.Heroes) != 1 {
		t.Fatalf("shard = %s", b)
	}
	h := v.Heroes[0]
	if h["py"] != "lijianguo ljg" || h["m"] != true || h["u"] != "heroes/H-2020-0001.html" {
		t.Errorf("entry = %v", h)
	}
	// No honors and no 烈士 cost no bytes: the index is downloaded whole.
	if b, err := shards[0].JSON(); err != nil || strings.Contains(string(b), `"h":`) || strings.Contains(string(b), `"m":`) {
		t.Errorf("empty honors or a false martyr are written: %s (%v)", b, err)
	}
}

func TestManifest(t *testing.T) {
	b, err := Manifest([]ShardInfo{{2021, "search/2021.json", 2}, {2020, "search/2020.json", 1}},
		Words{Kinds: []Word{{"rescue", "抢险救人"}}, Jurisdictions: []Word{{"sheyang", "射阳县"}}})
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Total  int `json:"total"`
		Shards []struct {
			Path string `json:"u"`
		} `json:"shards"`
		Words map[string]map[string]string `json:"words"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Total != 3 || len(m.Shards) != 2 || m.Shards[1].Path != "search/2020.json" {
		t.Errorf("manifest = %s", b)
	}
	if m.Words["k"]["rescue"] != "抢险救人" || m.Words["j"]["sheyang"] != "射阳县" || m.Words["h"] == nil || m.Words["o"] == nil {
		t.Errorf("words = %v", m.Words)
	}
	// The words come in a fixed order, so the file's bytes do too.
	again, _ := Manifest([]ShardInfo{{2021, "search/2021.json", 2}, {2020, "search/2020.json", 1}},
		Words{Kinds: []Word{{"rescue", "抢险救人"}}, Jurisdictions: []Word{{"sheyang", "射阳县"}}})
	if string(again) != string(b) {
		t.Errorf("two manifests of the same words differ:\n%s\n%s", b, again)
	}
}

// TestFileIsMarshal: a shard is the bytes json.Marshal writes for it,
// whatever the texts hold (HTML, quotes, invalid UTF-8, line
// separators), with the pinyin given or not, and for no hero.
func TestFileIsMarshal(t *testing.T) {
	hs := []Hero{
		{URL: "heroes/H-2021-0001.html", Name: "王伟", Year: -3, Summary: `<b>"救"</b> & 'x'` + "\u2028\t\x01", Lead: "a\xffb"},
		{URL: "heroes/H-2021-0002.html", Name: "张三", Honors: []string{"a", "b"}, Martyr: true, Place: "\\路"},
		{URL: "heroes/H-2021-0003.html", Name: "李四", Pinyin: Pinyin("李四"), Honors: []string{}, Lead: "\u2029\ufffd\x7f"},
	}
	for _, n := range []int{0, 1, 2, 3} {
		s := Shard{Year: 2021, Heroes: hs[:n]}
		v := struct {
			Version int     `json:"v"`
			Year    int     `json:"y"`
			Heroes  []entry `json:"heroes"`
		}{Version, s.Year, make([]entry, 0, n)}
		for _, h := range s.Heroes {
			v.Heroes = append(v.Heroes, entry{URL: h.URL, Name: h.Name, Pinyin: cmp.Or(h.Pinyin, Pinyin(h.Name)), Jurisdiction: h.Jurisdiction,
				Year: h.Year, Kind: h.Kind, Outcome: h.Outcome, Honors: h.Honors, Place: h.Place, Summary: h.Summary,
				Lead: h.Lead, Martyr: h.Martyr})
		}
		want, err := marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.JSON()
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%d heroes: shard\n%s\nwant\n%s", n, got, want)
		}
	}
}

// FuzzRow: a hero's row is the bytes json.Marshal writes for his entry,
// whatever his texts.
func FuzzRow(f *testing.F) {
	f.Add("王伟", "<b>&</b>", "a\xffb\u2028", "\"\\\x00\x1f\x7f", 2020, true)
	f.Add("", "", "", "", 0, false)
	f.Fuzz(func(t *testing.T, name, place, summary, lead string, year int, martyr bool) {
		h := Hero{URL: "heroes/" + name + ".html", Name: name, Jurisdiction: place, Year: year, Kind: summary, Outcome: lead,
			Honors: []string{lead, name}, Place: place, Summary: summary, Lead: lead, Martyr: martyr}
		want, err := json.Marshal(entry{URL: h.URL, Name: h.Name, Pinyin: Pinyin(h.Name), Jurisdiction: h.Jurisdiction,
			Year: h.Year, Kind: h.Kind, Outcome: h.Outcome, Honors: h.Honors, Place: h.Place, Summary: h.Summary,
			Lead: h.Lead, Martyr: h.Martyr})
		if err != nil {
			t.Fatal(err)
		}
		if got := h.appendRow(nil); string(got) != string(want) {
			t.Errorf("row\n%s\nwant\n%s", got, want)
		}
	})
}
