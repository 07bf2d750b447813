//go:build race

package batch_test

// raceEnabled: the race detector slows rendering several times over.
const raceEnabled = true
