package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"printd/fetch"
)

// fetchFlags are the photo fetch limits render and batch share.
type fetchFlags struct {
	timeout            time.Duration
	attempts           int
	budget             time.Duration
	allowMissingPhotos bool
	allowHosts         string
	allowHTTP          bool
}

func (f *fetchFlags) define(fs *flag.FlagSet) {
	fs.DurationVar(&f.timeout, "photo-timeout", fetch.DefaultTimeout, "deadline of one attempt at fetching a photo")
	fs.IntVar(&f.attempts, "photo-attempts", fetch.DefaultAttempts, "attempts at a photo whose fetch fails for a transient cause (time-out, reset, 5xx, 408, 429); 1: no retry")
	fs.DurationVar(&f.budget, "photo-retry-budget", fetch.DefaultBudget, "longest time one photo's fetch may take, every attempt and wait included")
	fs.StringVar(&f.allowHosts, "allow-hosts", "", "comma-separated hosts or CIDRs photos may be fetched from even when private")
	fs.BoolVar(&f.allowHTTP, "allow-http", false, "allow plain http:// photo URLs")
	fs.BoolVar(&f.allowMissingPhotos, "allow-missing-photos", false, "in the archive preset, write an article whose photo could not be had without it (with a warning) instead of failing it")
}

// check reports a limit out of range, naming its flag.
func (f *fetchFlags) check(stderr io.Writer) bool {
	switch {
	case f.timeout <= 0:
		fmt.Fprintln(stderr, "printd: --photo-timeout: must be positive")
	case f.attempts < 1 || f.attempts > 10:
		fmt.Fprintln(stderr, "printd: --photo-attempts: must be 1–10")
	case f.budget <= 0:
		fmt.Fprintln(stderr, "printd: --photo-retry-budget: must be positive")
	default:
		return true
	}
	return false
}

// apply sets the fetch limits and exemptions of c.
func (f *fetchFlags) apply(c *fetch.Config) {
	c.AllowHTTP = f.allowHTTP
	if f.allowHosts != "" {
		c.AllowHosts = strings.Split(f.allowHosts, ",")
	}
	c.Timeout = f.timeout
	c.Retry.Attempts = f.attempts
	c.Retry.Budget = f.budget
}
