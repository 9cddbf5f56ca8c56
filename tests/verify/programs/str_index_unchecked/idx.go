// Package strindexunchecked is a verifier test: an index past a short string is caught.
//
// EXPECT fail safety at line 11
package strindexunchecked

func isMsg(id string) bool {
	if uint64(len(id)) < 3 {
		return false
	}
	return id[0] == 'm' && id[1] == 's' && id[2] == 'g' &&
		id[3] == '.'
}
