package site

import (
	"bytes"
	"slices"
	"sync"
)

// Memory is a built site held in memory, as roll serve keeps it between
// rebuilds: each file's bytes and the key of its inputs. It is immutable;
// Next starts the build that follows it.
type Memory struct {
	files map[string]memFile
}

type memFile struct {
	key  Key
	data []byte
}

// File returns the bytes of the file at path.
func (m *Memory) File(path string) ([]byte, bool) {
	if m == nil {
		return nil, false
	}
	f, ok := m.files[path]
	return f.data, ok
}

// Paths lists the files, sorted.
func (m *Memory) Paths() []string {
	if m == nil {
		return nil
	}
	ps := make([]string, 0, len(m.files))
	for p := range m.files {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	return ps
}

// Next starts a build that keeps the files of m whose keys are unchanged.
// m may be nil: nothing is kept.
func (m *Memory) Next() *MemoryBuild {
	return &MemoryBuild{prev: m, files: map[string]memFile{}}
}

// MemoryBuild is a Target building the next Memory.
type MemoryBuild struct {
	prev    *Memory
	mu      sync.Mutex
	files   map[string]memFile
	written int
}

// Keep implements Target.
func (b *MemoryBuild) Keep(path string, key Key) (bool, error) {
	if b.prev == nil || key == (Key{}) {
		return false, nil
	}
	f, ok := b.prev.files[path]
	if !ok || f.key != key {
		return false, nil
	}
	b.mu.Lock()
	b.files[path] = f
	b.mu.Unlock()
	return true, nil
}

// Put implements Target: it keeps a copy of data.
func (b *MemoryBuild) Put(path string, data []byte, key Key) error {
	data = bytes.Clone(data)
	b.mu.Lock()
	b.files[path] = memFile{key: key, data: data}
	b.written++
	b.mu.Unlock()
	return nil
}

// Written counts the files given with Put.
func (b *MemoryBuild) Written() int { return b.written }

// Done returns the built site; b is not used after.
func (b *MemoryBuild) Done() *Memory { return &Memory{files: b.files} }
