package corpus

import "sync"

// A realistic concurrent structure: a sharded map with a lock per shard.
type Shard struct {
	mu   *sync.Mutex
	data map[uint64][]byte
}

type ShardedMap struct {
	shards []*Shard
}

func NewShardedMap(n uint64) *ShardedMap {
	shards := make([]*Shard, 0, n)
	for i := uint64(0); i < n; i++ {
		shards = append(shards, &Shard{mu: new(sync.Mutex), data: make(map[uint64][]byte)})
	}
	return &ShardedMap{shards: shards}
}

func (m *ShardedMap) Put(k uint64, v []byte) {
	s := m.shards[k%uint64(len(m.shards))]
	s.mu.Lock()
	s.data[k] = v
	s.mu.Unlock()
}

func (m *ShardedMap) Get(k uint64) ([]byte, bool) {
	s := m.shards[k%uint64(len(m.shards))]
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.data[k]
	return v, ok
}
