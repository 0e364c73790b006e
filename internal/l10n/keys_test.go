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

// TestEveryKeyHasChinese walks the module's non-test Go files and collects
// the message keys they pass to the functions of keyArg: each must have a
// Chinese form, or English would leak into a Chinese finding.
func TestEveryKeyHasChinese(t *testing.T) {
	fset := token.NewFileSet()
	n := 0
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && d.Name() != ".." && d.Name() != ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(node ast.Node) bool {
			call, ok := node.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			arg, ok := keyArg[sel.Sel.Name]
			if !ok || (sel.Sel.Name == "Msg" || sel.Sel.Name == "Err") && !isIdent(sel.X, "finding") {
				return true
			}
			if arg < 0 || arg >= len(call.Args) {
				return true
			}
			lit, ok := call.Args[arg].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			n++
			if !Has(key) {
				t.Errorf("%s: the message %q has no Chinese form in package l10n", fset.Position(lit.Pos()), key)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Errorf("found only %d message keys; is the walk looking at the module?", n)
	}
}

// keyArg gives, for the functions that take a message key, which argument
// it is: finding.Msg and finding.Err, finding.List's Errorf and Warnf, the
// rules' errorf and warnf, and yamldoc's fail and add.
var keyArg = map[string]int{"Msg": 0, "Err": 0, "Errorf": 3, "Warnf": 3, "errorf": 3, "warnf": 3, "fail": 1, "add": 2}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}
