package check

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/l10n"
)

// TestIrregularFiles puts a symbolic link and a FIFO under templates/ and
// records/, and links records/ itself: each is an error at its path, which
// a text fixture cannot hold.
func TestIrregularFiles(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"template link", func(t *testing.T, dir string) {
			mkdir(t, dir, "templates/public/static")
			link(t, "../../../records/heroes/sheyang/H-2019-0002.md", dir, "templates/public/static/leak.css")
		}, "templates/public/static/leak.css: error: this is a symbolic link; roll does not follow links, put the file itself here (load)\n"},
		{"template folder link", func(t *testing.T, dir string) {
			mkdir(t, dir, "templates/public")
			link(t, "../../.git", dir, "templates/public/static")
		}, "templates/public/static: error: this is a symbolic link; roll does not follow links, put the file itself here (load)\n"},
		{"template FIFO", func(t *testing.T, dir string) {
			mkdir(t, dir, "templates/public")
			if err := syscall.Mkfifo(filepath.Join(dir, "templates/public/base.html"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "templates/public/base.html: error: this is not a regular file (load)\n"},
		{"record link", func(t *testing.T, dir string) {
			link(t, "H-2019-0002.md", dir, "records/heroes/sheyang/H-2019-0009.md")
		}, "records/heroes/sheyang/H-2019-0009.md: error: this is a symbolic link; roll does not follow links, put the file itself here (load)\n"},
		{"record FIFO", func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, "records/heroes/sheyang/H-2019-0009.md"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "records/heroes/sheyang/H-2019-0009.md: error: this is not a regular file (load)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := fixture(t)
			tt.setup(t, dir)
			res, err := Run(dir, Options{Today: today})
			if err != nil {
				t.Fatal(err)
			}
			if got := lines(res.Findings, l10n.English); got != tt.want {
				t.Errorf("findings:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestRecordsFolderLink makes records/ a link to a copy of itself.
func TestRecordsFolderLink(t *testing.T) {
	dir := fixture(t)
	if err := os.Rename(filepath.Join(dir, "records"), filepath.Join(dir, "copy")); err != nil {
		t.Fatal(err)
	}
	link(t, "copy", dir, "records")
	res, err := Run(dir, Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	want := "records: error: this is a symbolic link; roll does not follow links, put the file itself here (load)\n"
	if got := lines(res.Findings, l10n.English); got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
}

func mkdir(t *testing.T, dir, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(p)), 0o755); err != nil {
		t.Fatal(err)
	}
}

func link(t *testing.T, target, dir, p string) {
	t.Helper()
	if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(p))); err != nil {
		t.Fatal(err)
	}
}
