//go:build !linux

package serve

import "errors"

// notifier is inotify's on Linux; elsewhere the server polls.
type notifier struct{}

func newNotifier(string) (*notifier, error)  { return nil, errors.ErrUnsupported }
func (*notifier) Close() error               { return nil }
func (*notifier) run(func(rel string)) error { return nil }
