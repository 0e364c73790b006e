// Package schemas holds the JSON Schemas (draft 2020-12) of the record kinds,
// one <kind>.schema.json per kind.
package schemas

import "embed"

// FS is the copy of the schemas compiled into roll, for tests and for
// `roll new`. roll itself reads the repository's schemas/ from disk, so a
// repository can change its schemas without rebuilding the command.
//
//go:embed *.schema.json
var FS embed.FS
