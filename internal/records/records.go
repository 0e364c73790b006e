// Package records loads the records of a repository: it finds the
// repository, walks records/, reads each file once, validates it against its
// kind's schema and decodes the valid ones into a model.Repo.
//
// Every problem becomes a finding with its file and line; nothing here stops
// at the first. The walk never follows a symbolic link and reads through an
// os.Root, so no path outside the repository is ever read.
//
// Walk and ReadIDs are the only walk of records/ and the only reader of ids
// in roll: `check --base` (package baseline) and `roll new` (package
// scaffold) use them, so every part of roll skips the same files and reads an
// id the same way.
//
// The package is a little larger than 600 lines: the walk, the loader, its
// cache for roll serve and the guards against hostile files (guard.go) are
// one pass over records/, which every part of roll reads through.
package records

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/frontmatter"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/value"
	"github.com/yancheng-jyyw/roll/internal/yamldoc"
)

// Dir is the folder of the records in a repository.
const Dir = "records"

// FindRoot returns the nearest folder at or above dir that holds both
// records/ and schemas/, as git looks upward for .git.
func FindRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; {
		if isDir(filepath.Join(d, Dir)) && isDir(filepath.Join(d, "schemas")) {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", finding.Err("no repository of records at or above %s (looked for the folders records/ and schemas/)", dir)
		}
		d = parent
	}
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// Kind tells which record kind a path under records/ holds, "" for none.
func Kind(p string) schema.Kind {
	// The path's first parts, without allocating (a load asks it of
	// every file): n is how many there are, len(parts)+1 for more.
	var parts [4]string
	n := 0
	for rest := p; ; n++ {
		if n == len(parts) {
			n++
			break
		}
		before, after, found := strings.Cut(rest, "/")
		parts[n] = before
		if !found {
			n++
			break
		}
		rest = after
	}
	if n < 2 || parts[0] != Dir {
		return ""
	}
	switch {
	case p == "records/site.yaml":
		return schema.Site
	case p == "records/catalog/jurisdictions.yaml":
		return schema.Jurisdictions
	case p == "records/catalog/honors.yaml":
		return schema.Honors
	case n != 4:
		return ""
	case parts[1] == "heroes" && path.Ext(p) == ".md":
		return schema.Hero
	case parts[1] == "tasks" && parts[3] == "plan.yaml":
		return schema.Plan
	case parts[1] == "tasks" && taskFile.MatchString(parts[3]):
		return schema.Task
	case parts[1] == "visits" && path.Ext(p) == ".yaml":
		return schema.Visit
	case parts[1] == "stations" && path.Ext(p) == ".yaml":
		return schema.Station
	case parts[1] == "reports" && path.Ext(p) == ".yaml":
		return schema.Report
	case parts[1] == "events" && path.Ext(p) == ".yaml":
		return schema.Event
	case parts[1] == "teams" && path.Ext(p) == ".yaml":
		return schema.Team
	case parts[1] == "decisions" && path.Ext(p) == ".yaml":
		return schema.Decision
	case parts[1] == "nominations" && path.Ext(p) == ".yaml":
		return schema.Nomination
	case parts[1] == "fund" && monthFile.MatchString(parts[3]):
		return schema.Fund
	}
	return ""
}

var (
	taskFile  = regexp.MustCompile(`^\d\d\.yaml$`)
	monthFile = regexp.MustCompile(`^(0[1-9]|1[0-2])\.yaml$`)
)

// Entry is a file or folder the walk met.
type Entry struct {
	Path string // slash path from the repository root
	// Problem says why the entry cannot be read as a record: a symbolic
	// link, something other than a regular file, a folder that cannot be
	// read. Nil for a file to read. The loader reports problems; other
	// callers pass over them, since the loader reports them.
	Problem finding.Message
	// Dir is the file as its folder listed it, whose Info the loader takes
	// (a folder read through an os.Root has it already); nil with a
	// Problem.
	Dir fs.DirEntry
}

// Walk calls fn, in lexical order, for every file below dir (records/ or a
// folder inside it) that the loader reads, and for every entry that it
// cannot read. It skips what is no record: hidden files and folders and
// README.md files. It never follows a symbolic link. A dir that does not
// exist gives one entry, with its Problem.
func Walk(fsys fs.FS, dir string, fn func(Entry)) {
	_ = walkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			fn(Entry{Path: p, Problem: finding.Msg("cannot read: %s", err.Error())})
			return nil
		}
		name := d.Name()
		if !utf8.ValidString(p) {
			// It cannot be shown as it is, nor equal an id.
			fn(Entry{Path: p, Problem: finding.Msg("the file name is not valid UTF-8 text; rename the file")})
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fn(Entry{Path: p, Problem: finding.Msg("this is a symbolic link; roll does not follow links, put the file itself here")})
			return nil
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, ".") || name == "README.md" {
			return nil
		}
		if !d.Type().IsRegular() {
			fn(Entry{Path: p, Problem: finding.Msg("this is not a regular file")})
			return nil
		}
		fn(Entry{Path: p, Dir: d})
		return nil
	})
}

// walkDir is fs.WalkDir, its calls of fn the same, but for the paths of
// a folder's entries: made in one piece for the folder rather than one
// by one (path.Join), 100,000 of them at 100,000 records.
func walkDir(fsys fs.FS, root string, fn fs.WalkDirFunc) error {
	info, err := fs.Stat(fsys, root)
	if err != nil {
		err = fn(root, nil, err)
	} else {
		err = walkFrom(fsys, root, fs.FileInfoToDirEntry(info), fn)
	}
	if err == fs.SkipDir || err == fs.SkipAll {
		return nil
	}
	return err
}

// walkFrom is fs.WalkDir's walk below name, whose entry is d.
func walkFrom(fsys fs.FS, name string, d fs.DirEntry, fn fs.WalkDirFunc) error {
	if err := fn(name, d, nil); err != nil || !d.IsDir() {
		if err == fs.SkipDir && d.IsDir() {
			err = nil // the folder is skipped
		}
		return err
	}
	list, err := fs.ReadDir(fsys, name)
	if err != nil {
		// The entries read before the error are walked, as fs.WalkDir's.
		if err = fn(name, d, err); err != nil {
			if err == fs.SkipDir && d.IsDir() {
				err = nil
			}
			return err
		}
	}
	paths := childPaths(name, list)
	joined := name != "." && path.Clean(name) == name // else path.Join changes it
	for _, d1 := range list {
		var p string
		p, paths = paths[:len(name)+1+len(d1.Name())], paths[len(name)+1+len(d1.Name()):]
		if !joined || !plainName(d1.Name()) {
			p = path.Join(name, d1.Name())
		}
		if err := walkFrom(fsys, p, d1, fn); err != nil {
			if err == fs.SkipDir {
				break
			}
			return err
		}
	}
	return nil
}

// childPaths is the text of name+"/"+the entry's name of every entry of
// list, one after another.
func childPaths(name string, list []fs.DirEntry) string {
	n := 0
	for _, d := range list {
		n += len(name) + 1 + len(d.Name())
	}
	b := make([]byte, 0, n)
	for _, d := range list {
		b = append(append(append(b, name...), '/'), d.Name()...)
	}
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not changed again
}

// plainName says whether a folder's entry's name joins its folder's path
// as path.Join would, by a slash alone: not empty, ".", "..", nor with a
// slash.
func plainName(n string) bool {
	return n != "" && n != "." && n != ".." && !strings.Contains(n, "/")
}

// required are the files every repository has.
var required = [...]string{"records/site.yaml", "records/catalog/jurisdictions.yaml", "records/catalog/honors.yaml"}

// Load reads every record under records/ of fsys, the repository's root.
// The returned Repo holds the records that passed their schema; the others
// are findings, and their ids are listed in Repo.Broken.
//
// The walk lists the files first; a few workers then read, parse, validate
// and decode them at once (reading overlaps parsing, and the parsing of
// 10,000 records is spread over the cores); the results are merged in the
// order of the walk, so the records and findings come out in the same order
// as from a single goroutine.
func Load(fsys fs.FS, schemas *schema.Set) (*model.Repo, finding.List) {
	return LoadCached(fsys, schemas, nil)
}

// Cache keeps what loading each file gave, by its path and the hash of its
// bytes and of the schemas, so that a file whose bytes did not change is
// read and hashed, not parsed, validated and decoded again. Its zero value
// keeps the results in memory, for a process that loads one repository
// again and again (roll serve); OnDisk keeps the records' values in a
// folder between runs (roll build, roll check). It may be used by one
// Load at a time.
//
// In memory, a file is not even read when its status (device, inode,
// size, modification and change times to the nanosecond, as the walk
// met it) is the one it had when it was last read, and both its times
// were then at least settleTime old: a file written again within the
// same tick of the file system's clock as it was read keeps its times,
// so a file changed that recently is read and hashed until it is older.
// Only Linux's status is trusted that way (statOf).
type Cache struct {
	mu   sync.Mutex
	m    map[string]cached
	disk *store
	side map[string][]byte // Side's, in memory

	fields   value.Fields     // of the models, for value.DecodeShared (in memory)
	now      func() time.Time // the clock; time.Now when nil (tests set it)
	statHits atomic.Int64     // files taken by their status, for tests

	later   bool          // WriteLater
	writing chan struct{} // closed when the files a load left to write are written
}

// WriteLater has a load with a cache on disk end without waiting for the
// records' files to be written: they are written in the background while
// the caller goes on (with the rules between records, say), and Finish,
// which the caller must then call before loading again, waits for them.
// At 100,000 records they are ~250 MB in 256 files, most of a second.
func (c *Cache) WriteLater() {
	if c != nil {
		c.later = true
	}
}

// settleTime is how old both times of a file must have been when it was
// read for its status to stand for its bytes in a later load (Cache).
const settleTime = 2 * time.Second

// CacheDir is the folder, relative to a repository's root, where roll
// keeps what it may use again in a later run; git ignores it, and the
// workflows restore and save it.
const CacheDir = ".cache/roll"

// OnDisk returns a cache kept in the CacheDir of the repository at root,
// for the roll whose executable has the SHA-256 code. Nothing there is
// trusted: an entry counts only for the same file bytes, schemas and roll,
// and a damaged file of the cache is read as an empty one. The cache is
// written when a Load with it ends, and its files stay open until then.
func OnDisk(root string, code [sha256.Size]byte) *Cache {
	return &Cache{disk: &store{repo: root, code: code}}
}

type cached struct {
	key     [sha256.Size]byte // of the schemas and the file's bytes
	schemas [sha256.Size]byte // the schemas' sum alone
	stat    fileStat          // of the file, taken before its bytes were read
	read    time.Time         // when they were read
	res     result
}

// trusted says whether a file whose status is now st may be taken for the
// bytes the entry was loaded from without reading it again.
func (e *cached) trusted(st fileStat) bool {
	if e.stat == (fileStat{}) || e.stat != st {
		return false
	}
	old := e.read.Add(-settleTime).UnixNano()
	return st.mtime < old && st.ctime < old
}

// LoadCached is Load with a cache; a nil cache is no cache.
func LoadCached(fsys fs.FS, schemas *schema.Set, cache *Cache) (*model.Repo, finding.List) {
	repo := &model.Repo{Broken: map[string]string{}}
	var list finding.List
	if cache != nil && cache.disk != nil {
		cache.disk.pos = readPositions(cache.Side(positionsSide), cache.disk.code)
	}
	// The workers load the files as the walk meets them: at 100,000
	// records the walk's listings and statuses take a second that would
	// otherwise come before any file is read.
	//
	// The steps are made a piece at a time (slabOf), and handed to the
	// workers a batch at a time: at 100,000 records one allocation and
	// one channel send per record showed in the profiles.
	var steps []*step
	var slab slabOf[step]
	next := make(chan []*step, 64)
	done := loadAll(fsys, schemas, next, cache)
	var batch []*step
	Walk(fsys, Dir, func(e Entry) {
		st := slab.next()
		steps = append(steps, st)
		if e.Problem != nil {
			st.walk.Add(e.Path, finding.Pos{}, finding.Error, "load", e.Problem)
			return
		}
		st.path, st.dir = e.Path, e.Dir
		batch = append(batch, st)
		if len(batch) == stepBatch {
			next <- batch
			batch = nil
		}
	})
	if len(batch) > 0 {
		next <- batch
	}
	close(next)
	done()
	// The lists are made to their size at once: appending 100,000 heroes
	// one by one copies them again and again as the list grows.
	heroes, recs := 0, 0
	for _, st := range steps {
		if st.res.loaded() {
			recs++
			if st.res.kind == schema.Hero {
				heroes++
			}
		}
	}
	if heroes > 0 { // an empty list stays nil, as appending leaves it
		list := hugeList[model.Hero](heroes)
		if cache == nil || cache.disk == nil || decodeHeroes(steps, list, cache.disk.models, func(st *step) {
			st.res = cache.disk.reload(fsys, schemas, st.path, st.res.byStatus, &work{fields: &cache.disk.fields, models: cache.disk.models})
		}) {
			repo.Heroes = list[:0]
		} else {
			// Some were loaded from their files again: counted anew, in
			// memory of its own, so that no hero overwrites another.
			heroes = 0
			for _, st := range steps {
				if st.res.loaded() && st.res.kind == schema.Hero {
					heroes++
				}
			}
			repo.Heroes = make([]model.Hero, 0, heroes)
		}
	}
	if cache != nil {
		// The store knows which of its entries the walk met; the cache
		// in memory is told the paths.
		var seen map[string]bool
		if cache.disk == nil {
			seen = make(map[string]bool, len(steps))
			for _, st := range steps {
				if st.path != "" {
					seen[st.path] = true
				}
			}
		}
		cache.keep(seen)
	}
	if recs > 0 {
		repo.Records = hugeList[model.Record](recs)[:0]
	}
	all := sha256.New()
	var line []byte
	var found [len(required)]bool
	for _, st := range steps {
		list = append(list, st.walk...)
		list = append(list, st.res.list...)
		st.res.addTo(repo)
		if st.path != "" {
			line = append(append(line[:0], st.path...), 0) // a path holds no NUL
			line = append(line, st.res.sum[:]...)
			all.Write(line)
			if i := slices.Index(required[:], st.path); i >= 0 {
				found[i] = true
			}
		}
	}
	repo.Sum = [sha256.Size]byte(all.Sum(nil))
	for i, p := range required {
		if !found[i] {
			list.Errorf(p, finding.Pos{}, "load", "this file is missing; every repository needs it")
		}
	}
	return repo, list
}

// stepBatch is how many files the walk hands the workers at a time.
const stepBatch = 16

// step is one entry of the walk: findings of the walk itself, or a file to
// load and, once loaded, its result.
type step struct {
	walk finding.List
	path string // "" for a step of findings only
	dir  fs.DirEntry
	res  result
}

// loadAll starts a few workers that load the files of the steps sent on
// next, until it is closed; the returned func waits for them.
func loadAll(fsys fs.FS, schemas *schema.Set, next <-chan []*step, cache *Cache) (wait func()) {
	fields := &value.Fields{}
	switch {
	case cache != nil && cache.disk != nil:
		fields = &cache.disk.fields
	case cache != nil:
		fields = &cache.fields
	}
	var m *models
	if cache != nil && cache.disk != nil {
		if cache.disk.models == nil {
			cache.disk.models = newModels()
		}
		m = cache.disk.models
	}
	var wg sync.WaitGroup
	for range workers() {
		wg.Go(func() {
			w := &work{fields: fields, models: m}
			for batch := range next {
				for _, st := range batch {
					st.res = cache.load(fsys, schemas, st.path, st.dir, w)
				}
			}
		})
	}
	return wg.Wait
}

// work is what a worker of a load keeps from one file to the next: the
// memory the files and their YAML are read in, and the models' struct
// types.
type work struct {
	// buf holds the bytes of the file being loaded, the same memory file
	// after file: nothing loaded from a file keeps them (the narrative and
	// the packed value are copies, and positions read the file again).
	buf    []byte
	yaml   yamldoc.Reader
	fields *value.Fields // for value.DecodeShared, shared by the workers
	// models are the codecs of the records taken from a cache on disk,
	// shared by the workers; locators the worker's slab of their
	// locators (kept.go).
	models   *models
	locators slabOf[keptLocator]
}

// load loads one file, or takes what loading it gave before when its
// bytes and the schemas are the same.
//
// A cache on disk may take the file from the status the walk met it with
// (d), without reading it.
func (c *Cache) load(fsys fs.FS, schemas *schema.Set, p string, d fs.DirEntry, w *work) result {
	if c == nil || IsPortrait(p) {
		return load(fsys, schemas, p, w)
	}
	if c.disk != nil {
		return c.disk.loadFile(fsys, schemas, p, d, w)
	}
	sum := schemas.Sum()
	c.mu.Lock()
	hit, known := c.m[p]
	c.mu.Unlock()
	if known && hit.schemas == sum && d != nil {
		if st, ok := dirStat(d); ok && hit.trusted(st) {
			c.statHits.Add(1)
			return hit.res
		}
	}
	read := time.Now()
	if c.now != nil {
		read = c.now()
	}
	data, fi, err := readFileInfo(fsys, p, MaxFileSize, w.buf)
	if err != nil {
		return load(fsys, schemas, p, w) // reports the error
	}
	w.buf = data
	st, _ := statOf(fi)
	h := sha256.New()
	h.Write(sum[:])
	h.Write(data)
	key := [sha256.Size]byte(h.Sum(nil))
	res := hit.res
	if !known || hit.key != key {
		// The file system is closed when the load ends, and the result is
		// taken again by later loads: it keeps its text for positions.
		res = loadBytes(nil, schemas, p, data, sha256.Sum256(data), w)
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]cached{}
	}
	c.m[p] = cached{key: key, schemas: sum, stat: st, read: read, res: res}
	c.mu.Unlock()
	return res
}

// keep forgets the files that are gone (in memory, those not in paths);
// a cache on disk writes what changed.
func (c *Cache) keep(paths map[string]bool) {
	if c.disk != nil && c.later {
		c.writing = make(chan struct{})
		go func() {
			defer close(c.writing)
			c.disk.save()
		}()
		return
	}
	if c.disk != nil {
		c.disk.save()
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.m {
		if !paths[p] {
			delete(c.m, p)
		}
	}
}

// workers is how many files are loaded at once: one per core, and at least
// two so that reading a file overlaps parsing another.
func workers() int { return max(2, runtime.GOMAXPROCS(0)) }

// result is what loading one file gave: its findings, the id of a record
// that failed to load, or the decoded record, to be added to the Repo.
type result struct {
	list   finding.List
	broken string // id of a record that failed to load, "" if none or unknown
	path   string
	kind   schema.Kind
	offset int                 // lines before the YAML in the file: the front matter's opening
	rec    model.Record        // the record as every kind is, for Repo.Records
	decode func(r *model.Repo) // adds the decoded record to the repo
	// keptHero is a hero taken from the records cache (fromValue) whose
	// model is yet to be decoded (decodeHeroes); hero, once it is, its
	// place in the repo's list, and nil for any other result.
	keptHero bool
	hero     *model.Hero
	byStatus bool              // taken from the records cache by the file's status, unread
	sum      [sha256.Size]byte // of the file's bytes
}

// loaded says whether the result is a decoded record (or portrait).
func (res *result) loaded() bool { return res.decode != nil || res.hero != nil || res.keptHero }

// addTo records the result in repo.
//
// A record that failed to load is known by its file name, which its id
// should equal, and by the id it declares if it could be read that far, so
// that references to it are not reported a second time.
func (res *result) addTo(repo *model.Repo) {
	if res.kind != "" && !res.loaded() {
		repo.Broken[strings.TrimSuffix(path.Base(res.path), path.Ext(res.path))] = res.path
	}
	if res.broken != "" {
		repo.Broken[res.broken] = res.path
	}
	if res.hero != nil {
		// Decoded in place when the list is the memory decodeHeroes
		// decoded into: the next of its heroes is this one.
		if n := len(repo.Heroes); n < cap(repo.Heroes) && &repo.Heroes[:n+1][n] == res.hero {
			repo.Heroes = repo.Heroes[:n+1]
		} else {
			repo.Heroes = append(repo.Heroes, *res.hero)
		}
		repo.Records = append(repo.Records, res.rec)
		return
	}
	if res.decode != nil {
		res.decode(repo)
		if res.kind != "" { // a portrait is no record
			repo.Records = append(repo.Records, res.rec)
		}
	}
}

// load loads one file with the worker's w (nil for a load of one file).
// It touches nothing shared but w's fields, so that many may run at once.
func load(fsys fs.FS, schemas *schema.Set, p string, w *work) (res result) {
	if IsPortrait(p) {
		return loadPortrait(fsys, p)
	}
	if Kind(p) == "" {
		res.path = p
		unexpected(&res.list, p)
		return res
	}
	data, size, err := readFile(fsys, p)
	if err != nil {
		res.path, res.kind = p, Kind(p)
		if errors.Is(err, errTooLarge) {
			tooLarge(&res.list, p, size)
		} else {
			res.list.Errorf(p, finding.Pos{}, "load", "cannot read: %s", err.Error())
		}
		return res
	}
	return loadBytes(fsys, schemas, p, data, sha256.Sum256(data), w)
}

// loadBytes loads the file p, whose bytes are data and their SHA-256 sum,
// with the worker's w (nil for a load of one file). The record does not
// keep the bytes: it reads the file again from fsys for the positions of
// its findings (see locator), or, with a nil fsys, keeps its YAML text.
func loadBytes(fsys fs.FS, schemas *schema.Set, p string, data []byte, sum [sha256.Size]byte, w *work) (res result) {
	res.path = p
	kind := Kind(p)
	if kind == "" {
		unexpected(&res.list, p)
		return res
	}
	res.kind = kind
	res.sum = sum
	if wideEncoding(&res.list, p, data) {
		return res
	}
	var err error
	if len(bytes.TrimSpace(data)) == 0 {
		res.list.Errorf(p, finding.Pos{Line: 1, Col: 1}, "yaml", "the file is empty")
		return res
	}
	data = frontmatter.Normalize(data)
	// Characters that cannot be published, anywhere in the file; in the
	// YAML they stop the parse, which would only repeat them less exactly.
	badLine := invalidText(&res.list, p, data)
	meta, offset := data, 0
	var fm frontmatter.Doc
	if kind == schema.Hero {
		fm, err = frontmatter.Split(data)
		switch {
		case errors.Is(err, frontmatter.ErrNoOpening):
			res.list.Errorf(p, finding.Pos{Line: 1, Col: 1}, "yaml", "the file must start with a line --- that opens the front matter")
			return res
		case errors.Is(err, frontmatter.ErrNotClosed):
			res.list.Errorf(p, finding.Pos{Line: 1, Col: 1}, "yaml", "the front matter opened here is not closed by a line ---")
			return res
		}
		meta, offset = fm.Meta, fm.MetaLines
		frontMatterInBody(&res.list, p, fm.Body, fm.BodyLine, schemas.Keys(kind))
	}
	if badLine > 0 && (kind != schema.Hero || badLine < fm.BodyLine) {
		return res
	}
	if w == nil {
		w = &work{fields: &value.Fields{}}
	}
	// The YAML is read straight into the binary form the record keeps
	// (model.Source.Packed): the schema's fast form decides it and the
	// model is decoded from it, and the value's maps are made only for
	// a record the fast form does not find valid.
	doc, problems := w.yaml.DecodePacked(p, meta, offset)
	if len(problems) > 0 {
		res.list = append(res.list, problems...)
		res.broken = brokenID(doc)
		return res
	}
	if doc.Empty() {
		res.list.Errorf(p, finding.Pos{Line: offset + 1, Col: 1}, "yaml", "the record has no fields")
		return res
	}
	if !validate(&res.list, schemas, p, kind, doc) || res.list.Errors() > 0 {
		// A record with errors is not loaded, those of its narrative
		// (characters that cannot be published, front matter) included.
		res.broken = brokenID(doc)
		return res
	}
	// Positions are needed again only for findings of the rules: the file
	// is read again for them (see yamldoc.Lazy).
	var loc model.Locator
	if fsys != nil {
		loc = locator(fsys, p, kind, sum, offset)
	} else {
		loc = yamldoc.NewLazy(p, bytes.Clone(meta), offset)
	}
	// The value is kept packed, a third of its size as maps (see
	// model.Source.Value), and the model is decoded from it as it is, as a
	// later run decodes it from the records cache (value.DecodeShared),
	// without making its maps: the model's texts share its memory.
	src := model.Source{File: p, Loc: loc, Sum: sum, Packed: doc.Packed}
	body := string(fm.Body)
	res.offset = offset
	res.rec = model.Record{Kind: string(kind), Src: src, Body: body, BodyLine: fm.BodyLine}
	var decodeErr error
	res.decode, decodeErr = decodeModel(kind, src, func(dst any) error { return value.DecodeShared(src.Packed, dst, w.fields) }, body, fm.BodyLine)
	if decodeErr != nil {
		// DecodeShared's error need not be Decode's, which the finding
		// below says: decoded again from the value's maps.
		v, err := value.ReadShared(src.Packed)
		if err != nil {
			v = doc.Value // never: src.Packed is DecodePacked's form
		}
		res.decode, decodeErr = decodeModel(kind, src, func(dst any) error { return value.Decode(v, dst) }, body, fm.BodyLine)
	}
	if decodeErr != nil {
		// The schema admitted a value the model cannot hold: a defect of the
		// schema, reported rather than hidden.
		res.list.Errorf(p, finding.Pos{Line: offset + 1, Col: 1}, "schema", "the record passed its schema but cannot be read: %s", decodeErr.Error())
		res.broken = brokenID(doc)
	}
	return res
}

// locator finds the positions of the record p, of the given kind, whose
// bytes had the SHA-256 sum and whose YAML starts after offset lines, by
// reading the file again from fsys when a finding first needs one. A file
// that changed since (another sum) or cannot be read any more gives no
// line: its findings name the file alone, never a line of other text.
func locator(fsys fs.FS, p string, kind schema.Kind, sum [sha256.Size]byte, offset int) *yamldoc.Lazy {
	return yamldoc.Reread(p, offset, func() ([]byte, bool) {
		data, _, err := readFile(fsys, p)
		if err != nil || sha256.Sum256(data) != sum {
			return nil, false
		}
		meta, _, _, ok := split(kind, data)
		return meta, ok
	})
}

// split parts a record's bytes into its YAML and, for a Markdown record,
// its narrative and the line that starts it; ok is false for a Markdown
// record without its front matter.
func split(kind schema.Kind, data []byte) (meta []byte, fm frontmatter.Doc, offset int, ok bool) {
	data = frontmatter.Normalize(data)
	if kind != schema.Hero {
		return data, fm, 0, true
	}
	fm, err := frontmatter.Split(data)
	if err != nil {
		return nil, fm, 0, false
	}
	return fm.Meta, fm, fm.MetaLines, true
}

// decodeModel decodes the record of src, of the given kind, from its JSON
// value, which decode stores in a destination (value.Decode of the value,
// or value.DecodeShared of its packed form): the one decode of its YAML
// feeds the schema, the model and the projections of both sites. The
// returned func adds the record to a Repo.
func decodeModel(kind schema.Kind, src model.Source, decode func(dst any) error, body string, bodyLine int) (func(*model.Repo), error) {
	switch kind {
	case schema.Site:
		site := model.Site{Src: src}
		err := decode(&site)
		return func(r *model.Repo) { r.Site = site }, err
	case schema.Jurisdictions:
		var js []model.Jurisdiction
		err := decode(&js)
		return func(r *model.Repo) { r.JurisdictionsSrc, r.Jurisdictions = src, js }, err
	case schema.Honors:
		var hs []model.Honor
		err := decode(&hs)
		return func(r *model.Repo) { r.HonorsSrc, r.Honors = src, hs }, err
	case schema.Hero:
		return decodeInto(decode, &model.Hero{Src: src, Body: body, BodyLine: bodyLine}, func(r *model.Repo) *[]model.Hero { return &r.Heroes })
	case schema.Plan:
		return decodeInto(decode, &model.Plan{Src: src}, func(r *model.Repo) *[]model.Plan { return &r.Plans })
	case schema.Task:
		return decodeInto(decode, &model.Task{Src: src}, func(r *model.Repo) *[]model.Task { return &r.Tasks })
	case schema.Visit:
		return decodeInto(decode, &model.Visit{Src: src}, func(r *model.Repo) *[]model.Visit { return &r.Visits })
	case schema.Station:
		return decodeInto(decode, &model.Station{Src: src}, func(r *model.Repo) *[]model.Station { return &r.Stations })
	case schema.Report:
		return decodeInto(decode, &model.Report{Src: src}, func(r *model.Repo) *[]model.Report { return &r.Reports })
	case schema.Event:
		return decodeInto(decode, &model.Event{Src: src}, func(r *model.Repo) *[]model.Event { return &r.Events })
	case schema.Team:
		return decodeInto(decode, &model.Team{Src: src}, func(r *model.Repo) *[]model.Team { return &r.Teams })
	case schema.Decision:
		return decodeInto(decode, &model.Decision{Src: src}, func(r *model.Repo) *[]model.Decision { return &r.Decisions })
	case schema.Nomination:
		return decodeInto(decode, &model.Nomination{Src: src}, func(r *model.Repo) *[]model.Nomination { return &r.Nominations })
	case schema.Fund:
		m := model.FundMonth{Src: src}
		m.Year, _ = strconv.Atoi(path.Base(path.Dir(src.File)))
		m.Month, _ = strconv.Atoi(strings.TrimSuffix(path.Base(src.File), ".yaml"))
		err := decode(&m.Vouchers)
		return func(r *model.Repo) { r.Fund = append(r.Fund, m) }, err
	}
	return nil, errors.New("no model for kind " + string(kind))
}

// decodeInto decodes the value into dst; when that worked, the returned func
// appends dst to the list of the repo that field selects.
func decodeInto[T any](decode func(dst any) error, dst *T, field func(*model.Repo) *[]T) (func(*model.Repo), error) {
	if err := decode(dst); err != nil {
		return nil, err
	}
	return func(r *model.Repo) {
		list := field(r)
		*list = append(*list, *dst)
	}, nil
}

// validate reports the schema's violations; it returns true when there were none.
func validate(list *finding.List, schemas *schema.Set, p string, kind schema.Kind, doc *yamldoc.Doc) bool {
	vs := schemas.ValidatePacked(kind, doc.Packed)
	for _, v := range vs {
		var pos finding.Pos
		switch {
		case v.Missing && v.Before != "":
			pos = doc.KeyAt(append(v.Path[:len(v.Path):len(v.Path)], v.Before)...)
		case v.Missing:
			pos = doc.At(v.Path...)
		case v.Key != "":
			pos = doc.KeyAt(append(v.Path[:len(v.Path):len(v.Path)], v.Key)...)
		default:
			pos = doc.At(v.Path...)
		}
		list.Add(p, pos, finding.Error, "schema", v.Msg)
	}
	return len(vs) == 0
}

// brokenID is the id of a record that failed to load, "" when it has none.
func brokenID(doc *yamldoc.Doc) string {
	if doc == nil {
		return ""
	}
	if doc.Value == nil && doc.Packed != nil {
		return strings.Clone(packedID(doc.Packed))
	}
	if m, ok := doc.Value.(map[string]any); ok {
		if id, ok := m["id"].(string); ok {
			return id
		}
	}
	return ""
}

// packedID is the text of the property id of the map whose binary form is
// b; "" when b is no map or id no text. It shares b's memory.
func packedID(b []byte) string {
	c := value.NewCursor(b)
	id, _ := mapID(&c)
	return id
}

// mapID reads the value at c, and returns the text of its property id
// when it is a map that has one (else ""); false when c holds no value.
func mapID(c *value.Cursor) (id string, ok bool) {
	k, _, n, ok := c.Next()
	switch {
	case !ok:
		return "", false
	case k == value.List:
		for range n {
			if !c.Skip() {
				return "", false
			}
		}
		return "", true
	case k != value.Map:
		return "", true
	}
	for range n {
		key, ok := c.Key()
		if !ok {
			return "", false
		}
		if at := *c; key == "id" {
			if k, text, _, ok := at.Next(); ok && k == value.String {
				id = text
			}
		}
		if !c.Skip() {
			return "", false
		}
	}
	return id, true
}

// unexpected reports a file that is no record, with a hint when it looks
// like one saved under the wrong name.
func unexpected(list *finding.List, p string) {
	parts := strings.Split(p, "/")
	switch {
	case path.Ext(p) == ".yml":
		list.Errorf(p, finding.Pos{}, "load", "record files end in .yaml, not .yml")
	case len(parts) == 4 && parts[1] == "heroes" && imageExt[strings.ToLower(path.Ext(p))]:
		list.Errorf(p, finding.Pos{}, "load", "a hero's portrait is a JPEG file named after the record, with the extension .jpg: records/heroes/<jurisdiction>/<id>.jpg")
	case len(parts) == 4 && parts[1] == "heroes":
		list.Errorf(p, finding.Pos{}, "load", "a hero is a Markdown file: records/heroes/<jurisdiction>/<id>.md")
	case len(parts) == 4 && parts[1] == "tasks":
		list.Errorf(p, finding.Pos{}, "load", "a task file is named by its two-digit number, like 01.yaml, beside plan.yaml")
	case len(parts) == 4 && parts[1] == "fund":
		list.Errorf(p, finding.Pos{}, "load", "a month of the ledger is named by its two-digit month, like records/fund/2020/03.yaml")
	default:
		list.Errorf(p, finding.Pos{}, "load", "roll does not know this file; see docs/录入指南.md for where each kind of record goes")
	}
}
