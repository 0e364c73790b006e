// Package templates holds the html/template files and static assets of the
// sites. roll reads them from the repository's templates/ folder on disk, so
// that a designer can change a page without rebuilding the command; FS is
// the same files built in, for tests and for a repository without its own.
package templates

import "embed"

// FS holds public/ (the public honor roll) and internal/ (the internal
// status site): their page templates and, under <site>/static, the assets
// copied as they are; and admin/, the page of the form staff edit records
// with (/admin/ of the internal site, package cms).
//
//go:embed public internal admin
var FS embed.FS
