package corpus

// A fixed-layout record with the marshal package's encoder and decoder.

import "github.com/tchajed/marshal"

type Record struct {
	Id   uint64
	Refs []uint64
	Name []byte
}

func EncodeRecord(r *Record) []byte {
	enc := marshal.NewEnc(8 + 8 + 8*uint64(len(r.Refs)) + 8 + uint64(len(r.Name)))
	enc.PutInt(r.Id)
	enc.PutInt(uint64(len(r.Refs)))
	enc.PutInts(r.Refs)
	enc.PutInt(uint64(len(r.Name)))
	enc.PutBytes(r.Name)
	return enc.Finish()
}

func DecodeRecord(b []byte) *Record {
	dec := marshal.NewDec(b)
	id := dec.GetInt()
	n := dec.GetInt()
	refs := dec.GetInts(n)
	m := dec.GetInt()
	return &Record{Id: id, Refs: refs, Name: dec.GetBytes(m)}
}
