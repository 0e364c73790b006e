package public

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/templates"
)

// buildDay is the build date of the fixture: 赵小明, born 2008, is 16.
var buildDay = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

const testBaseURL = "https://jyyw.example.cn/"

// rawOf is the JSON value the loader keeps for h: every field, private ones
// included, with numbers as json.Number.
func rawOf(h *model.Hero) map[string]any {
	num := func(n int) json.Number { return json.Number(strconv.Itoa(n)) }
	deed := map[string]any{
		"date": string(h.Deed.Date), "place": h.Deed.Place, "kind": h.Deed.Kind, "summary": h.Deed.Summary,
	}
	if h.Deed.Case != "" {
		deed["case"] = h.Deed.Case
	}
	m := map[string]any{
		"id": h.ID, "name": h.Name, "gender": h.Gender, "birth_year": num(h.BirthYear),
		"jurisdiction": h.Jurisdiction, "status": h.Status, "deed": deed, "outcome": h.Outcome,
		"hardship": h.Hardship,
		"public": map[string]any{
			"consent": h.Public.Consent, "anonymize": h.Public.Anonymize, "guardian_consent": h.Public.GuardianConsent,
		},
		"private": map[string]any{
			"id_number": h.Private.IDNumber, "phone": h.Private.Phone,
			"address": h.Private.Address, "next_of_kin": h.Private.NextOfKin,
		},
	}
	if h.DisabilityGrade > 0 {
		m["disability_grade"] = num(h.DisabilityGrade)
	}
	if h.Martyr != nil {
		m["martyr"] = map[string]any{"date": string(h.Martyr.Date), "doc": h.Martyr.Doc}
	}
	if h.Confirmed != nil {
		m["confirmed"] = map[string]any{"date": string(h.Confirmed.Date), "by": h.Confirmed.By, "doc": h.Confirmed.Doc}
	}
	if len(h.Honors) > 0 {
		var hs []any
		for _, a := range h.Honors {
			hs = append(hs, map[string]any{"honor": a.Honor, "year": num(a.Year), "posthumous": a.Posthumous, "note": a.Note})
		}
		m["honors"] = hs
	}
	if len(h.Insurance) > 0 {
		var ys []any
		for _, y := range h.Insurance {
			ys = append(ys, num(y))
		}
		m["insurance"] = ys
	}
	return m
}

// hero makes a confirmed, consenting adult hero of jurisdiction j; change
// the result for other cases.
func hero(id, name, j, date, place, summary string) model.Hero {
	return model.Hero{
		ID: id, Name: name, Gender: "male", BirthYear: 1967, Jurisdiction: j, Status: "confirmed",
		Deed:      model.Deed{Date: model.Date(date), Place: place, Kind: "rescue", Summary: summary},
		Outcome:   "unharmed",
		Confirmed: &model.Confirmation{Date: model.Date(date), By: "内部公安局确认单位", Doc: "内部确认文号〔2020〕1号"},
		Insurance: []int{2020},
		Public:    model.Publication{Consent: true},
		Private: model.Private{
			IDNumber: "320924196703140012", Phone: "13912345678",
			Address: "秘密地址幸福路88号", NextOfKin: "秘密亲属（配偶）13700001111",
		},
		Src: model.Source{File: "records/heroes/" + j + "/" + id + ".md"},
	}
}

// fixture is a small repository with every case the rules distinguish.
func fixture() *model.Repo {
	var hs []model.Hero
	add := func(h model.Hero, edit func(*model.Hero)) {
		if edit != nil {
			edit(&h)
		}
		hs = append(hs, h)
	}
	add(hero("H-2020-0001", "王伟", "sheyang", "2020-03-14", "射阳县合德镇黄沙港", "跳入河中救起落水儿童"), func(h *model.Hero) {
		h.Honors = []model.Award{{Honor: "city-model", Year: 2020, Note: "第八次全市见义勇为模范、先进个人表彰大会"}}
		h.Body = "2020年3月14日下午，王伟在黄沙港边听到呼救，\n立即跳入冰冷的河水。\n\n他把孩子托出水面，直到岸上的人接应。"
	})
	add(hero("H-2021-0002", "欧阳明华", "tinghu", "2021-05-20", "亭湖区文峰街道", "制止持刀抢劫"), func(h *model.Hero) {
		h.Deed.Kind = "stop_crime"
		h.Outcome = "injured"
		h.Public.Anonymize = true
		h.Honors = []model.Award{{Honor: "city-good", Year: 2021}}
		h.Deed.Case = "C-2021-0001"
		h.Body = "欧阳明华不顾个人安危，与歹徒搏斗，身负轻伤。"
	})
	add(hero("H-2021-0003", "李建国", "dafeng", "2021-07-02", "大丰区川东港", "抢救落水群众"), func(h *model.Hero) {
		h.Outcome = "deceased"
		h.Martyr = &model.Martyr{Date: "2021-10-01", Doc: "苏民〔2021〕9号"}
		h.Deed.Case = "C-2021-0001"
		h.Honors = []model.Award{{Honor: "province-hero", Year: 2021, Posthumous: true, Note: "江苏省见义勇为英雄"}}
		h.Body = "李建国连续三次下水救人，终因体力不支，**英勇牺牲**，年仅五十四岁。"
	})
	add(hero("H-2019-0004", "张志强", "sheyang", "2019-08-09", "射阳县海河镇", "扑救民房火灾"), func(h *model.Hero) {
		h.Deed.Kind = "disaster_relief"
		h.Deed.Case = "C-2019-0001"
		h.Outcome = "deceased"
		h.Honors = []model.Award{{Honor: "city-model", Year: 2019, Posthumous: true}}
	})
	add(hero("H-2023-0005", "赵小明", "dongtai", "2023-07-15", "东台市条子泥", "救起溺水同学"), func(h *model.Hero) {
		h.BirthYear = 2008
		h.Private.IDNumber = "320981200801010031"
		h.Public.GuardianConsent = true
	})
	add(hero("H-2023-0006", "钱多多", "dongtai", "2023-08-01", "东台市未公开地点甲", "未公开事迹甲"), func(h *model.Hero) {
		h.BirthYear = 2009
		h.Private.IDNumber = "320981200901010030"
		h.Deed.Case = "C-2023-0009" // none of its heroes is on the roll
	})
	add(hero("H-2022-0007", "孙待定", "binhai", "2022-02-02", "滨海县未公开地点乙", "未公开事迹乙"), func(h *model.Hero) {
		h.Status = "pending"
		h.Confirmed = nil
		h.Deed.Case = "C-2019-0001" // not confirmed: not counted
	})
	add(hero("H-2022-0008", "周撤回", "binhai", "2022-03-03", "滨海县未公开地点丙", "未公开事迹丙"), func(h *model.Hero) {
		h.Status = "withdrawn"
		h.Deed.Case = "C-2019-0001" // withdrawn: not counted
	})
	add(hero("H-2022-0009", "吴不愿", "funing", "2022-04-04", "阜宁县未公开地点丁", "未公开事迹丁"), func(h *model.Hero) {
		h.Public.Consent = false
		h.Deed.Case = "C-2019-0001" // confirmed, off the roll: counted, never named
	})
	add(hero("H-2022-0010", "郑勇", "funing", "2022-09-09", `阜宁县<img src=x onerror="alert('place')">`, `<script>alert("summary")</script>夺刀护人`), func(h *model.Hero) {
		h.Deed.Kind = "stop_crime"
		h.Outcome = "disabled"
		h.DisabilityGrade = 7
		h.Gender = "female"
		h.Honors = []model.Award{{Honor: "city-good", Year: 2022, Note: `<b onmouseover="alert('note')">表彰</b>`}}
		h.Body = "郑勇的事迹<script>alert('body')</script>。\n\n" +
			"[详情](javascript:alert('link')) [官方报道](https://www.yancheng.gov.cn/)\n\n" +
			"<img src=x onerror=\"alert('img')\">\n\n" +
			"<a href=\"javascript:alert('raw')\">原始链接</a>"
	})
	for i := range hs {
		hs[i].Src.Raw = rawOf(&hs[i])
	}
	// A field added tomorrow, not (yet) in the schema, and one the schema
	// does not mark: neither may be published.
	hs[0].Src.Raw.(map[string]any)["commendation_bonus"] = "奖金五万元未公开"
	hs[0].Src.Raw.(map[string]any)["deed"].(map[string]any)["witness"] = "证人王秘密"

	return &model.Repo{
		Site: model.Site{
			Title: "盐城见义勇为英雄谱", Organization: "盐城市见义勇为基金会",
			Description: "记录经确认的盐城市见义勇为人员和他们的事迹。", BaseURL: testBaseURL, Language: "zh-CN", Year: 2024,
		},
		Jurisdictions: []model.Jurisdiction{
			{ID: "tinghu", Name: "亭湖区", Kind: "district"},
			{ID: "dafeng", Name: "大丰区", Kind: "district"},
			{ID: "dongtai", Name: "东台市", Kind: "county_city"},
			{ID: "sheyang", Name: "射阳县", Kind: "county"},
			{ID: "funing", Name: "阜宁县", Kind: "county"},
			{ID: "binhai", Name: "滨海县", Kind: "county"},
			{ID: "city", Name: "盐城市", Kind: "city"},
		},
		Honors: []model.Honor{
			{ID: "province-hero", Name: "江苏省见义勇为英雄", Level: "province", Issuer: "江苏省人民政府"},
			{ID: "city-model", Name: "盐城市见义勇为模范", Level: "city", Issuer: "盐城市人民政府"},
			{ID: "city-good", Name: "盐城见义勇为好市民", Level: "city", Issuer: "盐城市见义勇为基金会"},
		},
		Heroes: hs,
	}
}

// secrets are strings of the fixture that must appear in no output file.
var secrets = map[string]string{
	"id number":                 "320924196703140012",
	"minor's id number":         "320981200801010031",
	"phone":                     "13912345678",
	"address":                   "秘密地址幸福路88号",
	"next of kin":               "秘密亲属",
	"next of kin phone":         "13700001111",
	"disability grade key":      "disability_grade",
	"gender key":                "gender",
	"gender value":              "female",
	"birth year key":            "birth_year",
	"birth year":                "1967",
	"minor's birth year":        "2008",
	"case of no published hero": "C-2023-0009",
	"confirmed by":              "内部公安局确认单位",
	"confirmation doc":          "内部确认文号",
	"unmarked new field":        "奖金五万元未公开",
	"unmarked field key":        "commendation_bonus",
	"unmarked deed field":       "证人王秘密",
	"anonymized full name":      "欧阳明华",
	"no consent name":           "吴不愿",
	"no consent id":             "H-2022-0009",
	"no consent summary":        "未公开事迹丁",
	"pending name":              "孙待定",
	"pending id":                "H-2022-0007",
	"pending summary":           "未公开事迹乙",
	"withdrawn name":            "周撤回",
	"withdrawn id":              "H-2022-0008",
	"withdrawn place":           "未公开地点丙",
	"minor name":                "钱多多",
	"minor id":                  "H-2023-0006",
	"minor summary":             "未公开事迹甲",
	"hardship key":              "hardship",
	"insurance key":             "insurance",
	"consent key":               "guardian_consent",
}

// build builds the fixture into a temporary folder and returns the folder.
func build(t testing.TB, repo *model.Repo, proj Projector) (string, Stats) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "_site", "public")
	tfs, err := fs.Sub(templates.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	st, err := renderTo(out, repo, proj, tfs, Options{Today: buildDay})
	if err != nil {
		t.Fatal(err)
	}
	return out, st
}

// renderTo renders the public site of repo with site.Render and writes its
// files into the folder out.
func renderTo(out string, repo *model.Repo, proj Projector, tmpl fs.FS, opts Options) (Stats, error) {
	s, st, err := Site(repo, proj, tmpl, opts)
	if err != nil {
		return st, err
	}
	b := (*site.Memory)(nil).Next()
	if _, err := site.Render(b, s, site.Options{}); err != nil {
		return st, err
	}
	m := b.Done()
	for _, p := range m.Paths() {
		data, _ := m.File(p)
		dst := filepath.Join(out, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return st, err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return st, err
		}
	}
	return st, nil
}

// files reads every file of a built site, by slash path.
func files(t testing.TB, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
