// Package publish writes the sites of roll build into an output folder
// and switches each site from its previous build to the new one in a
// single atomic step.
//
// # The output folder
//
//	OUT/public, OUT/internal    the live sites: plain folders
//	OUT/.roll/marker            says that roll wrote this folder
//	OUT/.roll/lock              held (flock) by the build writing the folder
//	OUT/.roll/public, …/internal  the inactive trees: the build before last
//	OUT/.roll/<site>.<inode>.manifest  what each tree holds (see Tree)
//	OUT/.roll/<name>.state      what a build keeps for the next (State)
//
// Open accepts only a folder that is empty, missing, or marked as roll's
// (or laid out by an older roll: public/, internal/ and their manifests),
// and refuses any other with the reason: roll never deletes a file it did
// not write. Inside an accepted folder it touches only public/, internal/
// and .roll/. A second build into the same folder while one runs is
// refused at once, not made to wait: two builds of one repository are a
// mistake to report, not a queue.
//
// # Blue/green trees
//
// Each site has two trees: the live one at OUT/<site> and an inactive one
// under .roll/, which holds the build before last. A build updates the
// inactive tree to the new build (Tree): it first removes that tree's
// manifest, so a crash from then on leaves a tree the next build checks
// file by file; it keeps the files whose key and bytes are the same,
// hard-links the files the live build has right, writes the rest and
// removes what the new build does not produce. Nothing under OUT/<site>
// changes meanwhile. Publish then exchanges the two trees in one step
// (renameat2(RENAME_EXCHANGE) on Linux, renamex_np(RENAME_SWAP) on macOS):
// OUT/<site> is wholly the old build or wholly the new one at every
// moment, and the old build becomes the inactive tree of the next.
//
// Files are never written in place, since a file of one tree may be a
// hard link to the same file of the other: a changed file is removed and
// created anew.
//
// Where the system cannot exchange two folders, Publish renames the live
// tree aside (.roll/<site>.old), the new tree into place, and the old
// one to the inactive place. A crash between the first two renames
// leaves OUT/<site> missing for a moment, never mixed; the next build
// completes the switch before anything else.
//
// The package is larger than 600 lines on purpose: refusing a folder,
// locking it, updating a tree, switching it and recovering from a crash
// are one protocol whose steps are read together.
package publish

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/text/message"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
)

const (
	stateDir   = ".roll"
	markerName = "marker"
	markerText = "This folder was written by roll build: public/ and internal/ are its sites, .roll/ its state.\n"
)

// Refused is the error of Open for a folder roll may not write into, or
// one another build is writing.
type Refused struct {
	Dir    string
	Reason finding.Message
}

func (e *Refused) Error() string { return e.Localize(l10n.Printer(l10n.English)) }

// Localize writes the refusal in the language of p.
func (e *Refused) Localize(p *message.Printer) string { return e.Message().Localize(p) }

// Message is the refusal, to be written in any language.
func (e *Refused) Message() finding.Message { return finding.Msg("--out %s: %v", e.Dir, e.Reason) }

// Out is an output folder opened for one build; Close releases it.
type Out struct {
	dir    string
	state  string
	unlock func()
	stats  stater // the statuses of the trees' files (stat_unix.go)
}

// Check reports, as a *Refused, whether dir is a folder roll may not
// write into, without creating or changing anything: roll build asks
// before it spends time on the records.
func Check(dir string) error {
	_, err := check(filepath.Clean(dir))
	return err
}

// check lists dir (nil when it does not exist) after checking it.
func check(dir string) ([]fs.DirEntry, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, &Refused{dir, finding.Msg("cannot read the folder: %v", err.Error())}
	case len(entries) > 0 && !isFile(filepath.Join(dir, stateDir, markerName)):
		if why := notLegacy(dir, entries); why != nil {
			return nil, &Refused{dir, why}
		}
	}
	return entries, nil
}

// Open checks that dir may be written by roll, creates it if needed,
// locks it and removes what a crashed build left behind.
func Open(dir string) (*Out, error) {
	dir = filepath.Clean(dir)
	o := &Out{dir: dir, state: filepath.Join(dir, stateDir)}
	entries, err := check(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(o.state, 0o755); err != nil {
		return nil, err
	}
	unlock, busy, err := lock(filepath.Join(o.state, "lock"))
	if busy {
		return nil, &Refused{dir, finding.Msg("another roll build is writing to this folder; wait for it to end, or build into another folder")}
	}
	if err != nil {
		return nil, err
	}
	o.unlock = unlock
	if err := os.WriteFile(filepath.Join(o.state, markerName), []byte(markerText), 0o644); err != nil {
		o.Close()
		return nil, err
	}
	// An older roll's manifests and staging folders.
	for _, e := range entries {
		if n := e.Name(); n == ".public.manifest" || n == ".internal.manifest" || strings.HasPrefix(n, ".staging-") {
			if err := os.RemoveAll(filepath.Join(dir, n)); err != nil {
				o.Close()
				return nil, err
			}
		}
	}
	o.stats = newStater()
	return o, nil
}

// State returns what a build kept for the next one under name (see
// SetState); nil when there is none. Like the manifests, it is trusted
// as the output folder is.
func (o *Out) State(name string) []byte {
	b, err := os.ReadFile(filepath.Join(o.state, name+".state"))
	if err != nil {
		return nil
	}
	return b
}

// StateSize is the size in bytes of what the last build into dir kept
// under name (SetState), without opening the folder or reading the file:
// for a hint taken before a build begins. 0 when there is none, or it is
// not a regular file.
func StateSize(dir, name string) int64 {
	fi, err := os.Lstat(filepath.Join(dir, stateDir, name+".state"))
	if err != nil || !fi.Mode().IsRegular() {
		return 0
	}
	return fi.Size()
}

// SetState keeps b under name for the next build into the folder: a
// memo of the build's own (package public's redaction memo), in
// OUT/.roll/<name>.state. It is written in place: what reads it must
// tell a file cut short by a build killed while writing it (the memo is
// sealed by its SHA-256), and nothing is left beside it.
func (o *Out) SetState(name string, b []byte) error {
	return os.WriteFile(filepath.Join(o.state, name+".state"), b, 0o644)
}

// DropState removes what a build kept under name, if anything: for the
// memos an older roll kept and this one no longer reads, which would
// otherwise stay in the folder for good.
func (o *Out) DropState(name string) error {
	err := os.Remove(filepath.Join(o.state, name+".state"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// notLegacy says why a folder is not one an older roll wrote; nil when it is.
func notLegacy(dir string, entries []fs.DirEntry) finding.Message {
	manifest := false
	for _, e := range entries {
		n := e.Name()
		switch {
		case (n == "public" || n == "internal") && e.IsDir():
		case strings.HasPrefix(n, ".staging-") && e.IsDir():
		case n == ".public.manifest" || n == ".internal.manifest":
			b, _ := os.ReadFile(filepath.Join(dir, n))
			manifest = manifest || bytes.HasPrefix(b, []byte("# roll site manifest"))
		default:
			return finding.Msg("the folder holds %s, which roll did not write; roll build writes only into an empty folder or one it wrote before (with %s)", n, stateDir+"/"+markerName)
		}
	}
	if !manifest {
		return finding.Msg("the folder is not empty and has no %s: roll did not write it, and will not write over it", stateDir+"/"+markerName)
	}
	return nil
}

func isFile(p string) bool {
	fi, err := os.Lstat(p)
	return err == nil && fi.Mode().IsRegular()
}

// Close releases the folder.
func (o *Out) Close() error {
	o.stats.Close()
	if o.unlock != nil {
		o.unlock()
		o.unlock = nil
	}
	return nil
}

// Publish makes each tree its site's live tree, one site at a time, each
// in one step (see the package documentation).
func (o *Out) Publish(trees ...*Tree) error {
	for _, t := range trees {
		if err := o.swap(t.name); err != nil {
			return fmt.Errorf("publish %s: %w", t.name, err)
		}
	}
	return nil
}

func (o *Out) swap(name string) error {
	live, spare := filepath.Join(o.dir, name), filepath.Join(o.state, name)
	if _, err := os.Lstat(live); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(spare, live)
	}
	if err := exchange(live, spare); err == nil || !errors.Is(err, errNoExchange) {
		return err
	}
	aside := spare + ".old"
	if err := os.Rename(live, aside); err != nil {
		return err
	}
	if err := os.Rename(spare, live); err != nil {
		return err
	}
	return os.Rename(aside, spare)
}

// recover completes a switch that a crash interrupted on a system
// without exchange: see the package documentation.
func (o *Out) recover(name string) error {
	live, spare := filepath.Join(o.dir, name), filepath.Join(o.state, name)
	aside := spare + ".old"
	if _, err := os.Lstat(aside); err != nil {
		return nil
	}
	if _, err := os.Lstat(live); errors.Is(err, fs.ErrNotExist) {
		from := aside
		if _, err := os.Lstat(spare); err == nil {
			from = spare // the new build, complete: the crash came before it went live
		}
		if err := os.Rename(from, live); err != nil {
			return err
		}
	}
	if _, err := os.Lstat(aside); err != nil {
		return nil
	}
	if _, err := os.Lstat(spare); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(aside, spare)
	}
	return os.RemoveAll(aside)
}

// entry is a file of a tree as roll wrote it: a record of a manifest.
type entry struct {
	size  int64
	mtime int64 // nanoseconds
	sum   [sha256.Size]byte
	key   [sha256.Size]byte // of the inputs it was rendered from; zero when unknown
}

// manifestPath is the manifest of the tree at dir, named by the tree's
// inode so that it follows the tree through an exchange; "" when the tree
// has none (it does not exist, or the system gives no inode).
func (o *Out) manifestPath(name, dir string) string {
	fi, err := os.Stat(dir)
	if err != nil {
		return ""
	}
	ino := inode(fi)
	if ino == 0 {
		return ""
	}
	return filepath.Join(o.state, name+"."+strconv.FormatUint(ino, 10)+".manifest")
}
