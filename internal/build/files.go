package build

import (
	"cmp"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/cms"
	"github.com/yancheng-jyyw/roll/internal/regularfs"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// Files are what the sites are made from besides the checked records: the
// templates and, for the form staff edit records with (package cms), the
// repository's schemas, tasks and plans and the CMS's files in
// cms/assets. The templates and the CMS's files are read as regular files
// only (package regularfs): a link under templates/ or cms/assets could
// publish a record or .git/config. roll build and roll serve open them for
// one build and close them once the sites are rendered, since pages read
// them when they are rendered.
type Files struct {
	Templates fs.FS
	Repo      fs.FS // the repository's root (the form's schemas, the portraits); nil: neither
	Assets    fs.FS // cms/assets, filled by make cms; nil when it is not there
	closers   []io.Closer
}

// OpenFiles opens the files of the repository at root.
func OpenFiles(root string) (*Files, error) {
	f := &Files{}
	tmpl, err := regularfs.Open(filepath.Join(root, "templates"), "templates")
	if err != nil {
		return nil, err
	}
	f.Templates, f.closers = tmpl, append(f.closers, tmpl)
	r, err := os.OpenRoot(root)
	if err != nil {
		f.Close()
		return nil, err
	}
	f.Repo, f.closers = r.FS(), append(f.closers, r)
	assets, err := regularfs.Open(filepath.Join(root, "cms", "assets"), "cms/assets")
	switch {
	case err == nil:
		f.Assets, f.closers = assets, append(f.closers, assets)
	case !errors.Is(err, fs.ErrNotExist):
		f.Close()
		return nil, err
	}
	return f, nil
}

// Close releases the files.
func (f *Files) Close() error {
	var errs []error
	for _, c := range f.closers {
		errs = append(errs, c.Close())
	}
	f.closers = nil
	return errors.Join(errs...)
}

// form lists the pages of the form (package cms) for the internal site's
// admin/ folder when site.yaml asks for one: none without its cms block or
// without the repository to read. The form holds no record (it reads and
// saves them through GitHub with the clerk's own sign-in), but it is a
// tool of the staff, and its configuration names the private repository
// and every field of the records, private ones included: it goes where the
// staff are, never to the public site.
func form(res *check.Result, files *Files, baseURL string) ([]site.Page, error) {
	s := res.Repo.Site.CMS
	if s == nil || files.Repo == nil {
		return nil, nil
	}
	schemas, err := fs.Sub(files.Repo, "schemas")
	if err != nil {
		return nil, err
	}
	page, err := fs.Sub(files.Templates, cms.Dir)
	if err != nil {
		return nil, err
	}
	return cms.Pages(schemas, files.Repo, cms.Options{
		Repo: s.Repo, Branch: s.Branch, AuthURL: s.AuthURL,
		SiteURL: cmp.Or(baseURL, res.Repo.Site.BaseURL),
	}, page, files.Assets)
}
