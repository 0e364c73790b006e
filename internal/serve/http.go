package serve

import (
	"bytes"
	_ "embed"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/yancheng-jyyw/roll/internal/site"
)

// Paths of the server's own endpoints.
const (
	eventsPath = "/_roll/events"
	scriptPath = "/_roll/reload.js"
	internal   = "/internal/"
)

//go:embed reload.js
var reloadScript []byte

// heartbeat is how often an idle event stream gets a comment line, so
// that proxies and browsers keep it open.
const heartbeat = 30 * time.Second

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.loopback && !loopbackHost(r.Host) {
		http.Error(w, "roll serve answers only to localhost", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	// A preview changes under the browser: never use a stored copy.
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(reloadScript)
		return
	case strings.TrimSuffix(internal, "/"):
		redirect(w, r, internal)
		return
	}

	g := s.current()
	switch {
	case g.pending():
		w.Header().Set("Retry-After", "1")
		s.page(w, http.StatusServiceUnavailable, g, s.buildingPage())
		return
	case g.failed():
		s.page(w, http.StatusInternalServerError, g, s.failurePage(g))
		return
	}
	m, name := g.public, r.URL.Path
	if rest, ok := strings.CutPrefix(r.URL.Path, internal); ok {
		m, name = g.internal, rest
	}
	s.file(w, r, g, m, name)
}

// file serves name, a slash path from the request, from the site m: a
// folder's index.html, HTML with the reload script, other files as they
// are; the site's 404.html when there is no such file.
func (s *server) file(w http.ResponseWriter, r *http.Request, g *generation, m *site.Memory, name string) {
	// Clean removes every "..": the name stays inside the site.
	name = strings.TrimPrefix(path.Clean("/"+name), "/")
	body, ok := m.File(name)
	if !ok {
		if _, dir := m.File(path.Join(name, "index.html")); dir || name == "" {
			if !strings.HasSuffix(r.URL.Path, "/") {
				redirect(w, r, dirURL(r.URL.Path))
				return
			}
			name = path.Join(name, "index.html")
			body, ok = m.File(name)
		}
	}
	switch {
	case ok && isHTML(name):
		s.page(w, http.StatusOK, g, body)
	case ok:
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
	default:
		if body, ok := m.File("404.html"); ok {
			s.page(w, http.StatusNotFound, g, body)
			return
		}
		http.NotFound(w, r)
	}
}

// page writes an HTML page with status code and the reload script.
func (s *server) page(w http.ResponseWriter, code int, g *generation, body []byte) {
	body = inject(body, g.id)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(code)
	w.Write(body)
}

// inject returns page with the reload script tag before its last </body>,
// or at its end when it has none. The tag carries the build's id.
func inject(page []byte, id string) []byte {
	tag := `<script src="` + scriptPath + `" data-build="` + id + `"></script>` + "\n"
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// events streams server-sent events: "hello" with the current build's id
// when the stream opens, then "reload" with the new id after each build,
// until the client goes or the server stops.
func (s *server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("X-Accel-Buffering", "no")
	g := s.current()
	fmt.Fprintf(w, "retry: 1000\nevent: hello\ndata: %s\n\n", g.id)
	if err := rc.Flush(); err != nil {
		return
	}
	beat := time.NewTicker(heartbeat)
	defer beat.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-beat.C:
			fmt.Fprint(w, ": still here\n\n")
		case <-g.changed:
			g = s.current()
			fmt.Fprintf(w, "event: reload\ndata: %s\n\n", g.id)
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

// dirURL is where a request for a folder without its trailing slash is
// sent: its path cleaned, so that it names no other host (a Location of
// //host/ or /\host/ would send the browser there), escaped, with the
// slash added.
func dirURL(p string) string {
	c := path.Clean("/" + p)
	if c != "/" {
		c += "/"
	}
	return (&url.URL{Path: c}).EscapedPath()
}

// redirect sends the client to target, keeping the query.
func redirect(w http.ResponseWriter, r *http.Request, target string) {
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, target, http.StatusFound)
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// loopbackHost reports whether the Host of a request names this machine:
// localhost, a name under .localhost, or a loopback address.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
