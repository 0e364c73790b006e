package records

import (
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// TestWalk: the one walk of records/ skips what the loader skips and names
// what it cannot read.
func TestWalk(t *testing.T) {
	fsys := fstest.MapFS{
		"records/site.yaml":                     {Data: []byte("title: x\n")},
		"records/README.md":                     {Data: []byte("# 说明\n")},
		"records/.hidden.yaml":                  {Data: []byte("x: 1\n")},
		"records/.git/config":                   {Data: []byte("x\n")},
		"records/heroes/sheyang/H-2020-0001.md": {Data: []byte("---\nid: H-2020-0001\n---\n")},
		"records/heroes/sheyang/README.md":      {Data: []byte("# 射阳\n")},
		"records/fund/2020/01.yaml":             {Data: []byte("- id: F-2020-0001\n")},
		"records/heroes/link.md":                {Data: []byte("x"), Mode: 0o777 | 1<<27}, // fs.ModeSymlink
	}
	var files, problems []string
	Walk(fsys, Dir, func(e Entry) {
		if e.Problem != nil {
			problems = append(problems, e.Path+": "+e.Problem.Localize(l10n.Printer(l10n.English)))
			return
		}
		files = append(files, e.Path)
	})
	want := []string{"records/fund/2020/01.yaml", "records/heroes/sheyang/H-2020-0001.md", "records/site.yaml"}
	if !slices.Equal(files, want) {
		t.Errorf("Walk gave %q, want %q", files, want)
	}
	if len(problems) != 1 || problems[0] != "records/heroes/link.md: this is a symbolic link; roll does not follow links, put the file itself here" {
		t.Errorf("Walk's problems = %q, want the link", problems)
	}
	var missing []Entry
	Walk(fsys, "records/visits", func(e Entry) { missing = append(missing, e) })
	if len(missing) != 1 || missing[0].Problem == nil {
		t.Errorf("Walk of a folder not there = %+v, want one entry with its problem", missing)
	}
}

func TestReadIDs(t *testing.T) {
	tests := []struct {
		path string
		data string
		want IDs
	}{
		{"records/heroes/sheyang/H-2020-0001.md", "\xef\xbb\xbf---\r\nname: 张三\r\nid: H-2020-0001\r\n---\r\n正文\r\n",
			IDs{ID: "H-2020-0001", Pos: finding.Pos{Line: 3, Col: 5}, Readable: true}},
		{"records/visits/2020/V-2020-0001.yaml", "id: \"V-2020-0001\"  # 编号\n", IDs{ID: "V-2020-0001", Pos: finding.Pos{Line: 1, Col: 5}, Readable: true}},
		{"records/fund/2020/01.yaml", "- id: F-2020-0001\n  date: 2020-01-10\n- {id: F-2020-0002}\n- 3\n",
			IDs{Entries: []EntryID{{"F-2020-0001", finding.Pos{Line: 1, Col: 7}}, {"F-2020-0002", finding.Pos{Line: 3, Col: 8}}}, Readable: true}},
		{"records/catalog/honors.yaml", "- {id: city-model}\n", IDs{Entries: []EntryID{{"city-model", finding.Pos{Line: 1, Col: 8}}}, Readable: true}},
		{"records/catalog/honors.yaml", "- {id: 7}\n- {a: [1, {id: x}], id: city-model}\n- id: [x]\n", IDs{Entries: []EntryID{{"city-model", finding.Pos{Line: 2, Col: 25}}}, Readable: true}},
		{"records/tasks/2020/plan.yaml", "year: 2020\n", IDs{Readable: true}},
		{"records/heroes/sheyang/H-2020-0002.md", "id: H-2020-0002\n", IDs{}},                // no front matter
		{"records/events/2020/E-2020-0001.yaml", "id: [E-2020\n", IDs{}},                     // broken YAML
		{"records/events/2020/E-2020-0002.yaml", "- id: E-2020-0002\n", IDs{Readable: true}}, // a list of a kind that has none
	}
	for _, tt := range tests {
		got := ReadIDs(tt.path, Kind(tt.path), []byte(tt.data))
		if got.ID != tt.want.ID || got.Pos != tt.want.Pos || got.Readable != tt.want.Readable || !slices.Equal(got.Entries, tt.want.Entries) {
			t.Errorf("ReadIDs(%s) = %+v, want %+v", tt.path, got, tt.want)
		}
	}
	if !Listed(schema.Fund) || Named(schema.Fund) || !Named(schema.Report) || Named(schema.Task) {
		t.Error("Listed and Named disagree with the kinds")
	}
}

// TestWalkDirIsWalkDir: the walk's own fs.WalkDir calls its function
// with the paths, entries and errors fs.WalkDir gives, in its order,
// whatever the root's name and the function's answers.
func TestWalkDirIsWalkDir(t *testing.T) {
	fsys := fstest.MapFS{
		"records/site.yaml":                     {Data: []byte("x\n")},
		"records/a/b/c.yaml":                    {Data: []byte("x\n")},
		"records/a/b/d/e.yaml":                  {Data: []byte("x\n")},
		"records/a/skip/f.yaml":                 {Data: []byte("x\n")},
		"records/a/z.yaml":                      {Data: []byte("x\n")},
		"records/heroes/sheyang/H-2020-0001.md": {Data: []byte("x\n")},
		"records/heroes/sheyang/H-2020-0002.md": {Data: []byte("x\n")},
		"records/x.link":                        {Data: []byte("x"), Mode: fs.ModeSymlink},
		"top.yaml":                              {Data: []byte("x\n")},
	}
	type call struct {
		p   string
		d   string
		err bool
	}
	record := func(walk func(fs.FS, string, fs.WalkDirFunc) error, root string, answer func(p string) error) (calls []call, err error) {
		err = walk(fsys, root, func(p string, d fs.DirEntry, err error) error {
			c := call{p: p, err: err != nil}
			if d != nil {
				c.d = d.Name() + " " + d.Type().String()
			}
			calls = append(calls, c)
			return answer(p)
		})
		return calls, err
	}
	answers := map[string]func(p string) error{
		"all":      func(string) error { return nil },
		"skip dir": func(p string) error { return cond(p == "records/a/skip", fs.SkipDir) },
		"skip file": func(p string) error {
			return cond(p == "records/a/b/c.yaml", fs.SkipDir) // the rest of its folder
		},
		"skip all": func(p string) error { return cond(p == "records/a/b/d", fs.SkipAll) },
		"error":    func(p string) error { return cond(p == "records/a/z.yaml", fs.ErrInvalid) },
	}
	for _, root := range []string{"records", ".", "records/a", "records/a/", "./records", "records/none", "records/site.yaml", ""} {
		for name, answer := range answers {
			want, wantErr := record(fs.WalkDir, root, answer)
			got, gotErr := record(walkDir, root, answer)
			if !slices.Equal(got, want) || gotErr != wantErr {
				t.Errorf("root %q, %s: walked %v, %v; want %v, %v", root, name, got, gotErr, want, wantErr)
			}
		}
	}
}

func cond(ok bool, err error) error {
	if ok {
		return err
	}
	return nil
}
