package public

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/templates"
)

// manyHeroes is a repository of n published heroes spread over the
// jurisdictions and ten years, for measuring builds at the scale the issue
// names (10,000 records).
func manyHeroes(n int) *model.Repo {
	repo := fixture()
	surnames := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	given := []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文")
	jur := []string{"tinghu", "dafeng", "dongtai", "sheyang", "funing", "binhai"}
	places := []string{"射阳县合德镇", "亭湖区文峰街道", "大丰区川东港", "东台市条子泥", "阜宁县益林镇", "滨海县东坎街道"}
	repo.Heroes = nil
	for i := range n {
		name := string(surnames[i%len(surnames)]) + string(given[i/len(surnames)%len(given)])
		if i%3 == 0 {
			name += string(given[(i/7)%len(given)])
		}
		year := 2015 + i%10
		h := hero(fmt.Sprintf("H-%d-%05d", year, i), name, jur[i%len(jur)],
			fmt.Sprintf("%d-%02d-%02d", year, 1+i%12, 1+i%28), places[i%len(places)]+fmt.Sprint(i%50)+"号附近", "跳入河中救起落水群众")
		h.Honors = []model.Award{{Honor: "city-good", Year: year}}
		if i%50 == 0 {
			h.Outcome = "deceased"
		}
		h.Body = "他不顾个人安危，挺身而出。\n\n事后，他说：“换了谁都会这么做。”"
		h.Src.Raw = rawOf(&h)
		repo.Heroes = append(repo.Heroes, h)
	}
	return repo
}

func BenchmarkBuild10000(b *testing.B) {
	repo := manyHeroes(10000)
	proj := loadSchemaProjector(b, "testdata/hero.schema.json")
	out := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		if _, err := renderTo(out, repo, proj, templates.FS, Options{Today: buildDay}); err != nil {
			b.Fatal(err)
		}
	}
	for _, f := range []string{"search.json", "roll.html", "index.html"} {
		if fi, err := os.Stat(filepath.Join(out, f)); err == nil {
			b.ReportMetric(float64(fi.Size())/1024, f+"-KiB")
		}
	}
}

// BenchmarkSearchIndex builds the search index of 10,000 published heroes
// (issue 6: ≤ 1 s; issue 12: ≤ 2 MiB gzipped, with the first paragraphs
// and the pinyin) and reports its size: the manifest and every shard.
func BenchmarkSearchIndex(b *testing.B) {
	repo := manyHeroes(10000)
	s, _, err := Site(repo, loadSchemaProjector(b, "testdata/hero.schema.json"), templates.FS, Options{Today: buildDay})
	if err != nil {
		b.Fatal(err)
	}
	var files []site.Page
	for _, p := range s.Pages {
		if p.Path == "search.json" || strings.HasPrefix(p.Path, "search/") {
			files = append(files, p)
		}
	}
	var size, gzipped int
	for b.Loop() {
		size, gzipped = 0, 0
		for _, p := range files {
			data, err := p.File()
			if err != nil {
				b.Fatal(err)
			}
			var gz bytes.Buffer
			zw := gzip.NewWriter(&gz)
			zw.Write(data)
			zw.Close()
			size, gzipped = size+len(data), gzipped+gz.Len()
		}
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB")
	b.ReportMetric(float64(gzipped)/(1<<20), "gzip-MiB")
}
