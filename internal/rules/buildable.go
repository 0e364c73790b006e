package rules

import (
	"net/url"
)

// buildable refuses what the build would refuse, so that the check fails
// first, at the line, rather than the deploy after the merge: a base_url
// that matches its schema's pattern but is no URL the build can use (the
// build's own test: http or https, with a host).
func (c *checker) buildable() {
	s := c.repo.Site
	if s.BaseURL == "" {
		return
	}
	u, err := url.Parse(s.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		c.errorf(s.Src, s.Src.At("base_url"), "site", "base_url %s is not an http or https address with a host name, like https://jyyw.example.cn/", s.BaseURL)
	}
}
