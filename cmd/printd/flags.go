package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// envName is the environment variable that backs a flag: PRINTD_ and the
// flag's name in upper case with dashes as underscores.
func envName(flagName string) string {
	return "PRINTD_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// applyEnv sets every flag not given on the command line from its
// PRINTD_* variable, if set.
func applyEnv(fs *flag.FlagSet, given map[string]bool) error {
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] || err != nil {
			return
		}
		if v, ok := os.LookupEnv(envName(f.Name)); ok {
			if e := fs.Set(f.Name, v); e != nil {
				err = fmt.Errorf("%s: %w", envName(f.Name), e)
			}
		}
	})
	return err
}

// parseInterleaved parses flags that may come before or after the
// positional arguments, then applies the environment.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if err := applyEnv(fs, given); err != nil {
		return nil, err
	}
	return pos, nil
}

// parseCommand parses a command's flags and PRINTD_* variables and checks
// that it got want positional arguments (any number when want < 0). When
// ok is false the command is done and exits with code: 0 after -h, 2 for
// bad usage (the flag package has printed its own complaints; a bad
// environment value is printed here).
func parseCommand(fs *flag.FlagSet, args []string, want int, stderr io.Writer) (pos []string, code int, ok bool) {
	pos, err := parseInterleaved(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return nil, 0, false
	case err != nil:
		if strings.HasPrefix(err.Error(), "PRINTD_") {
			fmt.Fprintf(stderr, "printd %s: %v\n", fs.Name(), err)
		}
		return nil, 2, false
	case want >= 0 && len(pos) != want:
		fs.Usage()
		return nil, 2, false
	}
	return pos, 0, true
}

// optBool is a tri-state boolean flag: unset, true or false.
type optBool struct{ v *bool }

func (o *optBool) String() string {
	if o == nil || o.v == nil {
		return ""
	}
	return strconv.FormatBool(*o.v)
}

func (o *optBool) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	o.v = &b
	return nil
}

func (o *optBool) IsBoolFlag() bool { return true }

// fontsUsage is the help text of --fonts.
const fontsUsage = "directories of fonts for scripts beyond Latin, Greek and Cyrillic, searched before /usr/share/fonts (several separated by ':')"
