package webcheck_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/yancheng-jyyw/roll/internal/webcheck"
)

// TestCaddy runs docs/caddy/Caddyfile, as docs/内部网站托管.md tells staff
// to, with Debian's caddy on a port of 127.0.0.1, serving the sample
// build's two sites under two host names:
//
//   - the internal site answers 401 without credentials or with a wrong
//     password, and 200 with the staff's, with headers that keep it out of
//     search engines and caches;
//   - the public site answers without credentials, and neither host serves
//     a file of the other site;
//   - with no environment set, the file's defaults put the public site on
//     the host of site.yaml's base_url and the internal site on another
//     host: two origins, never one.
func TestCaddy(t *testing.T) {
	webcheck.NotShort(t)
	caddy, err := exec.LookPath("caddy")
	if err != nil {
		webcheck.Need(t, fmt.Errorf("caddy is not installed (run make tools as root, or apt-get install caddy): %w", err))
	}
	root, err := webcheck.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	caddyfile := filepath.Join(root, "docs", "caddy", "Caddyfile")
	b := sites(t)[0]

	const user, password = "staff", "示例口令-2020"
	out, err := exec.Command(caddy, "hash-password", "--plaintext", password).Output()
	if err != nil {
		t.Fatalf("caddy hash-password: %v", err)
	}
	hash := strings.TrimSpace(string(out))
	home := t.TempDir()
	// Caddy keeps its state under HOME and XDG folders: a fresh one.
	baseEnv := append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+home, "XDG_CONFIG_HOME="+home, "ROLL_STAFF_HASH="+hash)

	t.Run("defaults", func(t *testing.T) {
		cmd := exec.Command(caddy, "adapt", "--config", caddyfile, "--adapter", "caddyfile")
		cmd.Env = baseEnv
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("caddy adapt: %v", err)
		}
		sites := adaptedSites(t, out)
		siteYAML, err := os.ReadFile(filepath.Join(root, "records", "site.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		var cfg struct {
			BaseURL string `yaml:"base_url"`
		}
		if err := yaml.Unmarshal(siteYAML, &cfg); err != nil {
			t.Fatal(err)
		}
		base, err := url.Parse(cfg.BaseURL)
		if err != nil {
			t.Fatal(err)
		}
		pub, in := sites["/srv/roll/_site/public"], sites["/srv/roll/_site/internal"]
		if pub.host != base.Hostname() {
			t.Errorf("the public site's default host is %q, want site.yaml's %q", pub.host, base.Hostname())
		}
		if in.host == "" || in.host == pub.host {
			t.Errorf("the internal site's default host is %q, the public one's %q: they must differ", in.host, pub.host)
		}
		if !in.auth || pub.auth {
			t.Errorf("login: internal %v, public %v; want the internal site only", in.auth, pub.auth)
		}
	})

	// A free port of 127.0.0.1 for caddy to listen on.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	const pubHost, inHost = "jyyw.example.test", "internal.jyyw.example.test"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, caddy, "run", "--config", caddyfile, "--adapter", "caddyfile")
	cmd.Env = append(baseEnv,
		"ROLL_CADDY_ADMIN=off", "ROLL_BIND=127.0.0.1", "ROLL_STAFF_USER="+user,
		fmt.Sprintf("ROLL_INTERNAL_ADDR=http://%s:%d", inHost, port), "ROLL_INTERNAL_ROOT="+b.internal.Dir,
		fmt.Sprintf("ROLL_PUBLIC_ADDR=http://%s:%d", pubHost, port), "ROLL_PUBLIC_ROOT="+b.public.Dir,
	)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		cmd.Wait()
	}()

	client := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(host, path, user, password string) (*http.Response, string) {
		t.Helper()
		req, err := http.NewRequest("GET", fmt.Sprintf("http://127.0.0.1:%d%s", port, path), nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = fmt.Sprintf("%s:%d", host, port)
		if user != "" {
			req.SetBasicAuth(user, password)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("GET %s%s: %v\ncaddy:\n%s", host, path, err, &logs)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}
	// Wait for caddy to listen: at most 20 tries of a connection.
	for i := 0; ; i++ {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err == nil {
			c.Close()
			break
		}
		if i == 20 || cmd.ProcessState != nil {
			t.Fatalf("caddy does not listen on %d: %v\n%s", port, err, &logs)
		}
		time.Sleep(250 * time.Millisecond)
	}

	internalPage := b.internal.Pages[0].Path
	for _, tt := range []struct {
		host, path, user, password string
		status                     int
		body                       string
	}{
		{inHost, "/", "", "", 401, ""},
		{inHost, "/" + internalPage, "", "", 401, ""},
		{inHost, "/", user, "wrong", 401, ""},
		{inHost, "/", user, password, 200, "内部"},
		{inHost, "/" + internalPage, user, password, 200, "<html"},
		{inHost, "/feed.xml", user, password, 404, ""},
		{inHost, "/search.json", user, password, 404, ""},
		{inHost, "/../public/index.html", user, password, 404, ""},
		{pubHost, "/", "", "", 200, "英雄名录"},
		{pubHost, "/feed.xml", "", "", 200, "<feed"},
		{pubHost, "/plan/2020.html", "", "", 404, "页面未找到"},
		{pubHost, "/quality.html", user, password, 404, ""},
	} {
		resp, body := get(tt.host, tt.path, tt.user, tt.password)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.body) {
			t.Errorf("GET %s%s as %q: %d, body %.80q; want %d with %q", tt.host, tt.path, tt.user, resp.StatusCode, body, tt.status, tt.body)
		}
		if tt.host == inHost {
			if tt.status == 401 && !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Basic") {
				t.Errorf("GET %s%s: 401 without a Basic challenge", tt.host, tt.path)
			}
			if tt.status == 200 {
				for k, want := range map[string]string{"X-Robots-Tag": "noindex, nofollow", "Cache-Control": "private, no-store", "X-Frame-Options": "DENY"} {
					if got := resp.Header.Get(k); got != want {
						t.Errorf("GET %s%s: %s: %q, want %q", tt.host, tt.path, k, got, want)
					}
				}
			}
		}
	}
}

// adaptedSite is what the test needs of one site of caddy's JSON config.
type adaptedSite struct {
	host string
	auth bool
}

// adaptedSites reads caddy adapt's JSON: for each site root, its host and
// whether it asks for a login.
func adaptedSites(t *testing.T, config []byte) map[string]adaptedSite {
	t.Helper()
	var cfg struct {
		Apps struct {
			HTTP struct {
				Servers map[string]struct {
					Routes []struct {
						Match []struct {
							Host []string `json:"host"`
						} `json:"match"`
						Handle []json.RawMessage `json:"handle"`
					} `json:"routes"`
				} `json:"servers"`
			} `json:"http"`
		} `json:"apps"`
	}
	if err := json.Unmarshal(config, &cfg); err != nil {
		t.Fatal(err)
	}
	out := map[string]adaptedSite{}
	for _, srv := range cfg.Apps.HTTP.Servers {
		for _, r := range srv.Routes {
			if len(r.Match) != 1 || len(r.Match[0].Host) != 1 {
				t.Fatalf("a route that is not for one host: %+v", r.Match)
			}
			var s adaptedSite
			s.host = r.Match[0].Host[0]
			all := string(bytes.Join(func() [][]byte {
				var bs [][]byte
				for _, h := range r.Handle {
					bs = append(bs, h)
				}
				return bs
			}(), nil))
			s.auth = strings.Contains(all, `"handler":"authentication"`)
			root := ""
			for _, part := range strings.Split(all, `"root":"`)[1:] {
				root, _, _ = strings.Cut(part, `"`)
			}
			out[root] = s
		}
	}
	return out
}
