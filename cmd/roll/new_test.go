package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/l10n"
)

// inRepo makes a copy of the repository's records/ and schemas/ the
// current folder of the test.
func inRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"records", "schemas"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

func runNew(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(append([]string{"new"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestNew(t *testing.T) {
	dir := inRepo(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"hero", "--jurisdiction", "sheyang", "--name", "张三", "--today", "2020-12-31"}, "records/heroes/sheyang/H-2020-0018.md"},
		{[]string{"hero", "--jurisdiction", "binhai", "--name", "欧阳某", "--year", "2020", "--today", "2021-01-05"}, "records/heroes/binhai/H-2020-0019.md"},
		{[]string{"hero", "--jurisdiction", "dongtai", "--name", "李四", "--year", "2019", "--today", "2020-12-31"}, "records/heroes/dongtai/H-2019-0010.md"},
		{[]string{"visit", "--today", "2020-12-31"}, "records/visits/2020/V-2020-0016.yaml"},
		{[]string{"visit", "--date", "2020-09-30", "--jurisdiction", "city", "--today", "2020-12-31"}, "records/visits/2020/V-2020-0017.yaml"},
		{[]string{"task", "--year", "2020", "--section", "4", "--today", "2020-12-31"}, "records/tasks/2020/16.yaml"},
		{[]string{"task", "--today", "2020-06-01"}, "records/tasks/2020/17.yaml"},
		{[]string{"report", "--jurisdiction", "kaifaqu", "--today", "2021-01-20"}, "records/reports/2020/R-2020-Q4-kaifaqu.yaml"},
		{[]string{"report", "--jurisdiction", "kaifaqu", "--period", "2020-Q3", "--today", "2021-01-20"}, "records/reports/2020/R-2020-Q3-kaifaqu.yaml"},
		{[]string{"event", "--date", "2020-12-20", "--jurisdiction", "tinghu", "--today", "2020-12-31"}, "records/events/2020/E-2020-0032.yaml"},
		{[]string{"team", "--jurisdiction", "xiangshui", "--today", "2020-12-31"}, "records/teams/xiangshui/TM-xiangshui-02.yaml"},
		{[]string{"decision", "--date", "2020-12-28", "--today", "2020-12-31"}, "records/decisions/2020/D-2020-09.yaml"},
		{[]string{"nomination", "--today", "2020-12-31"}, "records/nominations/2020/N-2020-06.yaml"},
		{[]string{"fund", "--today", "2020-12-31"}, "records/fund/2020/12.yaml"},
		{[]string{"fund", "--date", "2021-01-04", "--today", "2021-01-20"}, "records/fund/2021/01.yaml"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runNew(t, tt.args...)
		if code != exitOK {
			t.Errorf("roll new %s: exit %d, want 0; stderr:\n%s", strings.Join(tt.args, " "), code, stderr)
			continue
		}
		if got := strings.TrimSpace(stdout); got != filepath.FromSlash(tt.want) {
			t.Errorf("roll new %s printed %q, want %q", strings.Join(tt.args, " "), got, tt.want)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(tt.want))); err != nil {
			t.Errorf("roll new %s: %v", strings.Join(tt.args, " "), err)
		}
	}

	// The path printed is relative to the current folder.
	t.Chdir(filepath.Join(dir, "records", "heroes"))
	code, stdout, stderr := runNew(t, "hero", "--jurisdiction", "sheyang", "--name", "王五", "--today", "2020-12-31")
	if want := filepath.FromSlash("sheyang/H-2020-0020.md"); code != exitOK || strings.TrimSpace(stdout) != want {
		t.Errorf("in records/heroes: exit %d, printed %q, want %q; stderr:\n%s", code, stdout, want, stderr)
	}
}

func TestNewUsage(t *testing.T) {
	dir := inRepo(t)
	today := "--today=2020-12-31"
	tests := []struct {
		args []string
		want []string // in stderr
	}{
		{nil, []string{"roll new hero --jurisdiction", "roll new fund [--date 日期]", "新增季度报送"}},
		{[]string{"fish"}, []string{"不认识的记录类别 \"fish\"", "nomination 或 fund"}},
		{[]string{"hero", "--name", "张三", "--jurisdiction", "shanghai", today},
			[]string{"辖区代码 \"shanghai\" 不存在", "可用的代码", "sheyang 射阳县", "yannan 盐南高新区"}},
		{[]string{"hero", "--name", "张三", today}, []string{"缺少 --jurisdiction", "可用的代码"}},
		{[]string{"hero", "--name", "Zhang", "--jurisdiction", "sheyang", today}, []string{"2至6个汉字"}},
		{[]string{"hero", "--name", "张", "--jurisdiction", "sheyang", today}, []string{"2至6个汉字"}},
		{[]string{"hero", "--jurisdiction", "sheyang", today}, []string{"2至6个汉字"}},
		{[]string{"hero", "--name", "张三", "--jurisdiction", "sheyang", "--year", "20", today}, []string{"--year \"20\" 应为四位数字的年份"}},
		{[]string{"hero", "--name", "张三", "--jurisdiction", "sheyang", "--year", "二〇二〇", today}, []string{"四位数字"}},
		{[]string{"hero", "--name", "张三", "--jurisdiction", "sheyang", "--year", "2021", today}, []string{"今年（2020）"}},
		{[]string{"hero", "--name", "张三", "--jurisdiction", "sheyang", "--bogus"}, []string{"-bogus", "用法"}},
		{[]string{"hero", "--name", "张三", "--jurisdiction", "sheyang", "extra"}, []string{"多余的参数 \"extra\""}},
		{[]string{"hero", "--name", "张三", "--jurisdiction", "sheyang", "--today", "yesterday"}, []string{"--today", "不是 YYYY-MM-DD 格式的日期"}},
		{[]string{"visit", "--date", "2020-02-30", today}, []string{"--date", "不是 YYYY-MM-DD 格式的有效日期"}},
		{[]string{"visit", "--date", "2021-01-01", today}, []string{"晚于今天"}},
		{[]string{"visit", "--name", "张三", today}, []string{"-name"}},
		{[]string{"task", "--year", "2019", today}, []string{"plan.yaml 不存在"}},
		{[]string{"task", "--year", "2020", "--section", "x", today}, []string{"--section", "部分的序号"}},
		{[]string{"task", "--year", "2020", "--section", "6", today}, []string{"没有第 6 部分", "可用的部分"}},
		{[]string{"report", today}, []string{"缺少 --jurisdiction"}},
		{[]string{"report", "--jurisdiction", "city", today}, []string{"市本级不向自己报送"}},
		{[]string{"report", "--jurisdiction", "sheyang", "--period", "2020-H2", today}, []string{"要求按季度报送"}},
		{[]string{"report", "--jurisdiction", "sheyang", "--period", "2020-Q3", today}, []string{"R-2020-Q3-sheyang.yaml 已存在"}},
		{[]string{"team", today}, []string{"缺少 --jurisdiction"}},
		{[]string{"fund", "--date", "2021-01-01", today}, []string{"晚于今天"}},
		{[]string{"decision", "--year", "2020", today}, []string{"-year"}},
	}
	before := files(t, dir)
	for _, tt := range tests {
		code, stdout, stderr := runNew(t, tt.args...)
		if code != exitUsage {
			t.Errorf("roll new %s: exit %d, want %d", strings.Join(tt.args, " "), code, exitUsage)
		}
		if stdout != "" {
			t.Errorf("roll new %s printed %q on stdout, want nothing", strings.Join(tt.args, " "), stdout)
		}
		for _, w := range tt.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("roll new %s: stderr does not contain %q:\n%s", strings.Join(tt.args, " "), w, stderr)
			}
		}
	}
	if after := files(t, dir); !slices.Equal(after, before) {
		t.Errorf("bad usage changed the files under records/:\nbefore %v\nafter %v", before, after)
	}
}

// files lists the files under records/ of dir.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var list []string
	err := filepath.WalkDir(filepath.Join(dir, "records"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			list = append(list, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// TestNewUsageTranslated: the usage of roll new is a message key with a
// Chinese form, which is what roll new -h prints before the options.
func TestNewUsageTranslated(t *testing.T) {
	if !l10n.Has(newUsage) {
		t.Fatal("the usage of roll new has no Chinese form in package l10n")
	}
	inRepo(t)
	code, stdout, _ := runNew(t, "-h")
	if want := l10n.Printer(l10n.Chinese).Sprintf(newUsage); code != exitOK || !strings.HasPrefix(stdout, want) || strings.Contains(stdout, "Creates a record") {
		t.Errorf("roll new -h = %d, printed\n%s\nwant the Chinese usage\n%s", code, stdout, want)
	}
}
