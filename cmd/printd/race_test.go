//go:build race

package main

// raceEnabled: the race detector makes parsing a huge article several
// times slower.
const raceEnabled = true
