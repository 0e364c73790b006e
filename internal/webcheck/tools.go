package webcheck

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Strict reports whether ROLL_BROWSER=1 is set: the browser tests and the
// checks of this package must run, and a missing tool fails the test.
func Strict() bool { return os.Getenv("ROLL_BROWSER") == "1" }

// Need stops the test when err says that a tool is missing: it skips,
// naming what to install, or with ROLL_BROWSER=1 fails. In -short mode the
// test skips as well, unless ROLL_BROWSER=1.
func Need(t testing.TB, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if Strict() {
		t.Fatalf("ROLL_BROWSER=1 and %v", err)
	}
	t.Skipf("SKIP: %v", err)
}

// NotShort skips the test in -short mode, unless ROLL_BROWSER=1.
func NotShort(t testing.TB) {
	t.Helper()
	if testing.Short() && !Strict() {
		t.Skip("SKIP browser test in -short mode")
	}
}

// errInstall is the advice for a tool that `make tools` installs.
func errInstall(what string, err error) error {
	return fmt.Errorf("%s: %w (run make tools as root, or see scripts/tools.sh)", what, err)
}

// Tools are the paths of the programs and files the checks run.
type Tools struct {
	Chromium  string // Debian's chromium
	Java      string // the JDK's java, for vnu.jar
	VNU       string // vnu.jar, from the npm package vnu-jar
	Axe       string // axe.min.js, from the npm package axe-core
	PDFToText string // pdftotext, from poppler-utils
}

// FindChromium finds Debian's chromium and checks that a Chinese font is
// installed, so that pages and screenshots show Chinese.
func FindChromium() (string, error) {
	exe, err := exec.LookPath("chromium")
	if err != nil {
		return "", errInstall("chromium is not installed", err)
	}
	out, err := exec.Command("fc-list", ":lang=zh").Output()
	if err != nil || len(out) == 0 {
		return "", errInstall("no Chinese font (fonts-noto-cjk) is installed", errors.New("fc-list :lang=zh found none"))
	}
	return exe, nil
}

// FindVNU finds java and vnu.jar.
func FindVNU() (java, jar string, err error) {
	if java, err = exec.LookPath("java"); err != nil {
		return "", "", errInstall("java (a JDK) is not installed", err)
	}
	jar, err = webTool("ROLL_VNU_JAR", "vnu-jar/build/dist/vnu.jar")
	return java, jar, err
}

// FindAxe finds axe-core's script.
func FindAxe() (string, error) { return webTool("ROLL_AXE_JS", "axe-core/axe.min.js") }

// FindPDFToText finds poppler's pdftotext.
func FindPDFToText() (string, error) {
	exe, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", errInstall("pdftotext (poppler-utils) is not installed", err)
	}
	return exe, nil
}

// webTool finds a file of an npm package installed into tools/web of the
// module, or at the path the environment variable env gives.
func webTool(env, rel string) (string, error) {
	if p := os.Getenv(env); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s: %w", env, err)
		}
		return p, nil
	}
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	p := filepath.Join(root, "tools", "web", "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		return "", errInstall(filepath.Base(rel)+" is not installed in tools/web", err)
	}
	return p, nil
}

// ModuleRoot is the folder of the go.mod above the current folder.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the current folder")
		}
		dir = parent
	}
}
