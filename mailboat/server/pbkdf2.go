package server

import (
	"sync/atomic"

	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
)

// pbkdf2Work counts the PBKDF2 iterations run (per output block), so that a test can check
// that password checks do the same work whatever the user.
var pbkdf2Work atomic.Uint64

// pbkdf2SHA256 is PBKDF2 with HMAC-SHA-256 as its pseudorandom function (RFC 8018,
// section 5.2), written out because the module targets Go 1.22, whose standard library
// has no crypto/pbkdf2.
func pbkdf2SHA256(password, salt []byte, iterations, keyLen int) []byte {
	pbkdf2Work.Add(uint64(iterations))
	prf := hmac.New(sha256.New, password)
	hLen := prf.Size()
	blocks := (keyLen + hLen - 1) / hLen
	out := make([]byte, 0, blocks*hLen)
	var index [4]byte
	u := make([]byte, 0, hLen)
	t := make([]byte, hLen)
	for i := 1; i <= blocks; i++ {
		// T_i = U_1 xor ... xor U_c, U_1 = PRF(P, S || INT(i)), U_j = PRF(P, U_{j-1}).
		binary.BigEndian.PutUint32(index[:], uint32(i))
		prf.Reset()
		prf.Write(salt)
		prf.Write(index[:])
		u = prf.Sum(u[:0])
		copy(t, u)
		for j := 1; j < iterations; j++ {
			prf.Reset()
			prf.Write(u)
			u = prf.Sum(u[:0])
			for k := range t {
				t[k] ^= u[k]
			}
		}
		out = append(out, t...)
	}
	return out[:keyLen]
}
