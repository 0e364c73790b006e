package l10n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestBaseKeys checks that every message key of packages baseline and
// gitbase has a Chinese form: the first argument of finding.Msg and the key
// argument of List.Errorf and List.Warnf.
func TestBaseKeys(t *testing.T) {
	for _, dir := range []string{"../baseline", "../gitbase"} {
		keys := messageKeys(t, dir)
		if len(keys) == 0 {
			t.Errorf("%s: no message keys found; has the code changed?", dir)
		}
		for _, k := range keys {
			if !Has(k) {
				t.Errorf("%s: the key %q has no Chinese form", dir, k)
			}
		}
	}
}

// messageKeys returns the string literals passed as message keys in the Go
// files (not tests) of dir.
func messageKeys(t *testing.T, dir string) []string {
	t.Helper()
	var keys []string
	fset := token.NewFileSet()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			arg := -1
			switch sel.Sel.Name {
			case "Msg":
				arg = 0
			case "Errorf", "Warnf":
				arg = 3
			}
			if arg < 0 || arg >= len(call.Args) {
				return true
			}
			if lit, ok := call.Args[arg].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				keys = append(keys, s)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys
}
