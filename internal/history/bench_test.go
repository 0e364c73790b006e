package history

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// BenchmarkRead measures Read on generated repositories shaped like the
// records: files spread over directories of 100, each commit changing three.
// The small size is the one to run routinely; the large one is the size the
// design was measured on elsewhere (2,000 commits of 10,000 files).
func BenchmarkRead(b *testing.B) {
	for _, size := range []struct{ commits, files int }{
		{200, 1000},
		{2000, 10000},
	} {
		b.Run(fmt.Sprintf("commits=%d/files=%d", size.commits, size.files), func(b *testing.B) {
			dir := generate(b, size.commits, size.files)
			read := func(b *testing.B, read func(dir, prefix string) (*History, error)) {
				for b.Loop() {
					h, err := read(dir, "records/")
					if err != nil {
						b.Fatal(err)
					}
					if len(h.Files) != size.files {
						b.Fatalf("read found %d files, want %d", len(h.Files), size.files)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*size.commits), "ns/commit")
			}
			b.Run("fresh", func(b *testing.B) { read(b, Read) })
			// A warm cache: what roll serve pays to rebuild after a commit.
			b.Run("cached", func(b *testing.B) {
				var c Cache
				if _, err := c.Read(dir, "records/"); err != nil {
					b.Fatal(err)
				}
				read(b, c.Read)
			})
		})
	}
}

// generate writes a repository of the given size straight into go-git's
// object store, much faster than through a worktree, then packs it as a
// cloned repository would be.
func generate(tb testing.TB, commits, files int) string {
	tb.Helper()
	dir := tb.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		tb.Fatal(err)
	}
	st := repo.Storer
	rng := rand.New(rand.NewPCG(1, 2))

	const perDir = 100
	ndirs := (files + perDir - 1) / perDir
	blobs := make([][]plumbing.Hash, ndirs) // current blob of each file
	dirTrees := make([]plumbing.Hash, ndirs)
	version := make([]int, files)
	for f := range files {
		d := f / perDir
		blobs[d] = append(blobs[d], put(tb, st, blob(f, 0)))
	}
	readme := put(tb, st, blob(-1, 0))

	var parent plumbing.Hash
	when := time.Date(2020, 1, 1, 9, 0, 0, 0, time.FixedZone("", 8*3600))
	changed := map[int]bool{}
	for i := range commits {
		if i == 0 {
			for d := range ndirs {
				changed[d] = true
			}
		} else {
			clear(changed)
			for range 3 {
				f := rng.IntN(files)
				version[f]++
				d := f / perDir
				blobs[d][f%perDir] = put(tb, st, blob(f, version[f]))
				changed[d] = true
			}
		}
		for d := range changed {
			var t object.Tree
			for j, h := range blobs[d] {
				t.Entries = append(t.Entries, object.TreeEntry{
					Name: fmt.Sprintf("%04d.yaml", j), Mode: filemode.Regular, Hash: h})
			}
			dirTrees[d] = put(tb, st, &t)
		}
		var records object.Tree
		for d, h := range dirTrees {
			records.Entries = append(records.Entries, object.TreeEntry{
				Name: fmt.Sprintf("d%03d", d), Mode: filemode.Dir, Hash: h})
		}
		root := object.Tree{Entries: []object.TreeEntry{
			{Name: "README.md", Mode: filemode.Regular, Hash: readme},
			{Name: "records", Mode: filemode.Dir, Hash: put(tb, st, &records)},
		}}
		when = when.Add(time.Hour)
		sig := object.Signature{Name: fmt.Sprintf("Author %d", i%7), Email: "a@example.org", When: when}
		c := &object.Commit{
			Author:    sig,
			Committer: sig,
			Message:   fmt.Sprintf("Change %d\n", i),
			TreeHash:  put(tb, st, &root),
		}
		if i > 0 {
			c.ParentHashes = []plumbing.Hash{parent}
		}
		parent = put(tb, st, c)
	}
	ref := plumbing.NewHashReference(plumbing.NewBranchReferenceName("master"), parent)
	if err := st.SetReference(ref); err != nil {
		tb.Fatal(err)
	}

	if err := repo.RepackObjects(&git.RepackConfig{}); err != nil {
		tb.Fatal(err)
	}
	loose, err := filepath.Glob(filepath.Join(dir, ".git", "objects", "[0-9a-f][0-9a-f]"))
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range loose {
		if err := os.RemoveAll(d); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

type blobContent []byte

func blob(file, version int) blobContent {
	return fmt.Appendf(nil, "id: %d\nversion: %d\nname: 某某\n", file, version)
}

// put stores a blob, tree or commit and returns its hash.
func put(tb testing.TB, st storer.EncodedObjectStorer, v any) plumbing.Hash {
	tb.Helper()
	obj := st.NewEncodedObject()
	var err error
	switch v := v.(type) {
	case blobContent:
		obj.SetType(plumbing.BlobObject)
		w, werr := obj.Writer()
		if werr == nil {
			_, err = w.Write(v)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
		} else {
			err = werr
		}
	case *object.Tree:
		err = v.Encode(obj)
	case *object.Commit:
		err = v.Encode(obj)
	default:
		tb.Fatalf("put: cannot store %T", v)
	}
	if err != nil {
		tb.Fatal(err)
	}
	h, err := st.SetEncodedObject(obj)
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

func TestGenerated(t *testing.T) {
	// The benchmark's repository, small: every file has a history that
	// starts with the root commit, and three files change per commit.
	dir := generate(t, 20, 250)
	h, err := Read(dir, "records/")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Files) != 250 {
		t.Fatalf("Read found %d files, want 250", len(h.Files))
	}
	credits := 0
	for path, cs := range h.Files {
		if cs[len(cs)-1].Subject != "Change 0" {
			t.Errorf("Files[%q] ends with %q, want the root commit", path, cs[len(cs)-1].Subject)
		}
		for i := 1; i < len(cs); i++ {
			if !cs[i-1].When.After(cs[i].When) {
				t.Errorf("Files[%q] not newest first at %d", path, i)
			}
		}
		credits += len(cs)
	}
	// 250 from the root; up to 3 per later commit (fewer if a commit
	// picked one file twice).
	if credits < 250+19 || credits > 250+19*3 {
		t.Errorf("%d credits in all, want between %d and %d", credits, 250+19, 250+19*3)
	}
	if h.Head == nil || h.Head.Subject != "Change 19" {
		t.Errorf("Head = %+v, want Change 19", h.Head)
	}
}
